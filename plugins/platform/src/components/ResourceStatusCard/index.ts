export { ResourceStatusCard } from './ResourceStatusCard';
