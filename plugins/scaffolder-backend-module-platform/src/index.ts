/**
 * Scaffolder actions for the self-service platform.
 *
 * @packageDocumentation
 */

export { scaffolderModulePlatform as default } from './module';
export { createGetOfferingAction } from './actions/getOffering';
