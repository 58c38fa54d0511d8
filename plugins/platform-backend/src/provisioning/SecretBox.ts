import { Config } from '@backstage/config';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

/**
 * Used only outside production when no key is configured, so a local app
 * keeps working across restarts; secrets stored with it are not protected.
 */
const DEVELOPMENT_KEY = 'platform-development-key-not-for-production';

/**
 * Authenticated encryption of connection secrets at rest.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: string) {
    // Any configured string becomes a 256-bit key.
    this.#key = createHash('sha256').update(key).digest();
  }

  static fromConfig(
    config: Config,
    options: { production: boolean; warn: (message: string) => void },
  ): SecretBox {
    const key = config.getOptionalString('platform.secrets.encryptionKey');
    if (key) {
      return new SecretBox(key);
    }
    if (options.production) {
      throw new Error(
        'platform.secrets.encryptionKey is not set: the platform needs a key to encrypt connection secrets at rest. Set it, for example from an environment variable: platform.secrets.encryptionKey: ${PLATFORM_SECRETS_KEY}',
      );
    }
    options.warn(
      'platform.secrets.encryptionKey is not set; using a development key. Set one before storing real secrets.',
    );
    return new SecretBox(DEVELOPMENT_KEY);
  }

  seal(secrets: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify(secrets), 'utf8'),
      cipher.final(),
    ]);
    return [FORMAT, iv, cipher.getAuthTag(), body]
      .map(part => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.');
  }

  open(sealed: string): Record<string, string> {
    const [format, iv, tag, body] = sealed.split('.');
    if (format !== FORMAT || !iv || !tag || !body) {
      throw new Error('Stored secrets are not in a known format');
    }
    const decipher = createDecipheriv(
      ALGORITHM,
      this.#key,
      Buffer.from(iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8'));
  }
}
