import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { RequestChannel } from '@idp-kit/plugin-platform-common';
import { Requester } from '../resources/ResourceAccess';
import { AnyRequest } from './requestInput';

/** The header through which the portal and the scaffolder say they are the channel. */
export const CHANNEL_HEADER = 'x-platform-channel';

const CHANNELS: RequestChannel[] = ['portal', 'scaffolder', 'api'];

/** The requester ref of credentials: the user (lower case), or `service:<subject>`. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    // In the form refs are compared in, as every ref the platform keeps.
    return principal.userEntityRef.toLocaleLowerCase('en-US');
  }
  return `service:${principal.subject ?? 'unknown'}`;
}

/** Who is asking, from the request's credentials and headers, never its body. */
export async function requesterOf(
  req: AnyRequest,
  httpAuth: HttpAuthService,
): Promise<Requester> {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const header = req.header(CHANNEL_HEADER);
  const channel = CHANNELS.find(c => c === header) ?? 'api';
  return { ref: principalRef(credentials), channel, credentials };
}
