/**
 * Scaffolder actions for the self-service platform.
 *
 * @packageDocumentation
 */

export { scaffolderModulePlatform as default } from './module';
export { createGetOfferingAction } from './actions/getOffering';
export { createCreateResourceAction } from './actions/createResource';
export { createWaitForResourceAction } from './actions/waitForResource';
export { createDeleteResourceAction } from './actions/deleteResource';
