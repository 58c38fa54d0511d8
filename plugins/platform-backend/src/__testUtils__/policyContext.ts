import { builtinOfferings } from '@idp-kit/plugin-platform-common';
import { PolicyContext } from '@idp-kit/plugin-platform-node';

/** The guest's request to create a built-in offering, as policies see it. */
export const policyContext = (
  offeringId: string,
  environment: string,
  config: Record<string, unknown>,
): PolicyContext => ({
  action: 'create',
  offering: builtinOfferings.find(o => o.id === offeringId)!,
  request: {
    offering: offeringId,
    name: 'x',
    team: 'team-alpha',
    environment,
    config,
  },
  requester: 'user:default/guest',
});
