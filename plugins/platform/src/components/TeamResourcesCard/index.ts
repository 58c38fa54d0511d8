export { TeamResourcesCard } from './TeamResourcesCard';
