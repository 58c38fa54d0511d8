import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PrincipalRateLimiter } from '../service/PrincipalRateLimiter';
import { ACTION_INPUTS, checkActionInput } from './checkActionInput';

/**
 * The actions registry with the guards of the HTTP API around every action
 * registered through it: the caller's rate limit first, then the checks of
 * its input, and only then the action. Registering an action whose input
 * has no checks is refused, so no action goes unguarded.
 */
export function guardActions(
  actionsRegistry: ActionsRegistryService,
  limiter: PrincipalRateLimiter,
): ActionsRegistryService {
  return {
    register(options) {
      if (!ACTION_INPUTS[options.name]) {
        throw new Error(
          `Action '${options.name}' has no input checks in ACTION_INPUTS`,
        );
      }
      actionsRegistry.register({
        ...options,
        action: async context => {
          limiter.take({ credentials: context.credentials });
          checkActionInput(options.name, context.input);
          return options.action(context);
        },
      });
    },
  };
}
