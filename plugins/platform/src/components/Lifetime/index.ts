export { ResourceExpiry } from './ResourceExpiry';
export { TimeLeft } from './TimeLeft';
export { lifetimeIn } from './lifetimeIn';
export { lifetimeText } from './lifetimeText';
export { pendingExpiry } from './pendingExpiry';
