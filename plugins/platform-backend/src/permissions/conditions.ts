import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  platformResourcePermissionResourceRef,
  platformResourceRules,
} from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: platformResourcePermissionResourceRef,
  rules: platformResourceRules,
});

/**
 * Conditions on platform resources, for permission policies.
 *
 * @public
 */
export const platformResourceConditions = conditions;

/**
 * Builds a conditional decision on a platform resource permission.
 *
 * @public
 */
export const createPlatformResourceConditionalDecision =
  createConditionalDecision;
