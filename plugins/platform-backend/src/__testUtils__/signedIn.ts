import { mockCredentials } from '@backstage/backend-test-utils';

/** The Authorization header of a request by `name`, a user of the test organisation. */
export const signedInAs = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
