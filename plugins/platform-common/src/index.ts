/**
 * Types, offering schemas, validation and permissions shared by the
 * platform plugin's browser and server packages.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './resources';
export * from './approvals';
export * from './costs';
export * from './lifetimes';
export { offeringConfigSchema } from './offeringSchema';
export { validateOfferingConfig } from './validation';
export type { FieldError, ConfigValidationResult } from './validation';
export { resourceNameProblem } from './resourceName';
export { builtinOfferings } from './builtinOfferings';
export * from './permissions';
export {
  PLATFORM_RESOURCE_CHANGED_TOPIC,
  RESOURCE_ID_ANNOTATION,
  resourceEntityName,
  resourceEntityRef,
} from './catalogEntities';
export * from './health';
export * from './generated';
export { teamEntityRef, teamNameOf } from './teams';
