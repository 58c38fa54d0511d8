import { PlatformResource } from '@idp-kit/plugin-platform-common';

/** Resources in these states are gone or going: they have nothing left to expire. */
const ENDED_STATES = ['deleting', 'deleted', 'rejected'];

/** When the resource will expire, if it will and is not already ending. */
export function pendingExpiry(resource: PlatformResource): string | undefined {
  if (!resource.expiresAt || ENDED_STATES.includes(resource.state)) {
    return undefined;
  }
  return resource.expiresAt;
}
