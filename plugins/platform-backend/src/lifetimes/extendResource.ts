import { NotAllowedError } from '@backstage/errors';
import {
  PlatformResource,
  platformResourceUpdatePermission,
} from '@idp-kit/plugin-platform-common';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { InvalidRequestError } from '../errors/RequestErrors';
import { Requester } from '../resources/ResourceAccess';
import { ResourceStore } from '../store/ResourceStore';
import { LifetimeConfig } from './LifetimeConfig';
import { LifetimeStore } from './LifetimeStore';

/**
 * Moves a resource's expiry later, to `{expiresAt}`, within the maximum of
 * its offering and environment counted from now; for those who may change
 * it. Only later: an earlier expiry, or one for a resource that never
 * expires, would be a deletion, which takes the permission to delete.
 */
export async function extendResource(
  options: {
    resources: ResourceStore;
    lifetimes: LifetimeStore;
    config: LifetimeConfig;
    authorizer: ResourceAuthorizer;
  },
  id: string,
  body: unknown,
  requester: Requester,
): Promise<PlatformResource> {
  const resource = await options.resources.get(id);
  if (
    !(await options.authorizer.allows(
      platformResourceUpdatePermission,
      resource,
      requester.credentials,
    ))
  ) {
    throw new NotAllowedError(`${requester.ref} may not update this resource`);
  }
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  if (!fields) {
    throw new InvalidRequestError([
      { field: 'body', message: 'must be a JSON object' },
    ]);
  }
  const unknown = Object.keys(fields).filter(key => key !== 'expiresAt');
  if (unknown.length > 0) {
    throw new InvalidRequestError(
      unknown.map(key => ({ field: key, message: 'is not a known field' })),
    );
  }
  if (typeof fields.expiresAt !== 'string') {
    throw new InvalidRequestError([
      {
        field: 'expiresAt',
        message:
          fields.expiresAt === undefined ? 'is required' : 'must be a string',
      },
    ]);
  }
  const { verdict, problem } = options.config.decide(
    resource.offering,
    resource.environment,
    fields.expiresAt,
  );
  if (problem) {
    throw new InvalidRequestError([{ field: 'expiresAt', message: problem }]);
  }
  return options.lifetimes.extend({
    id,
    expiresAt: verdict.expiresAt!,
    actor: requester.ref,
    message: `Extended to ${verdict.expiresAt} through the ${requester.channel}`,
  });
}
