export { ResourceStateChip } from './ResourceStateChip';
