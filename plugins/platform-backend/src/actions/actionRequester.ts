import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Requester } from '../resources/ResourceAccess';
import { principalRef } from '../service/requester';

/** The caller of an action, as the API would see them, through the `mcp` channel. */
export function actionRequester(credentials: BackstageCredentials): Requester {
  return { ref: principalRef(credentials), channel: 'mcp', credentials };
}
