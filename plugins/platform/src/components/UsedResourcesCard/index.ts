export { UsedResourcesCard } from './UsedResourcesCard';
