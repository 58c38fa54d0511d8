/**
 * The Platform API backend plugin.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
export {
  platformResourceConditions,
  createPlatformResourceConditionalDecision,
} from './permissions/conditions';
export {
  isOwnedByOneOf,
  platformResourcePermissionResourceRef,
} from './permissions/rules';
export type {
  PlatformResourceFilter,
  PlatformResourceSubject,
} from './permissions/rules';
