import { ConfigReader } from '@backstage/config';
import { SecretBox } from '../secrets/SecretBox';

/** A fixed test key: 32 bytes in base64, as production requires. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

/** A secret box with {@link TEST_SECRETS_KEY}, as a production backend would build it. */
export function testSecretBox(): SecretBox {
  return SecretBox.fromConfig(
    new ConfigReader({
      platform: { secrets: { encryptionKey: TEST_SECRETS_KEY } },
    }),
    { production: true, warn: () => {} },
  );
}
