/**
 * Catalog integration of the self-service platform.
 *
 * @packageDocumentation
 */

export { catalogModulePlatform as default } from './module';
export { OfferingTemplateProvider } from './OfferingTemplateProvider';
export { ResourceEntityProvider } from './ResourceEntityProvider';
export type { ResourceEntityProviderClient } from './ResourceEntityProvider';
