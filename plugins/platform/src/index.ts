/**
 * The self-service platform frontend plugin.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
export { platformApiRef } from './api/PlatformApi';
export type { PlatformApi } from './api/PlatformApi';
export { PlatformClient } from './api/PlatformClient';
