import { Config } from '@backstage/config';
import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { SecretKey, SecretKeys, readSecretKeys } from './secretKeys';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v2';
const LEGACY_FORMAT = 'v1';

type Secrets = Record<string, string>;

/** Binds a sealed value to its resource: moved to another row, it will not open. */
function associatedData(resourceId: string): Buffer {
  return Buffer.from(`platform-resource:${resourceId}`, 'utf8');
}

function decrypt(
  key: SecretKey,
  parts: { iv: string; tag: string; body: string },
  aad?: Buffer,
): Secrets {
  const decipher = createDecipheriv(
    ALGORITHM,
    key.key,
    Buffer.from(parts.iv, 'base64'),
  );
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(parts.tag, 'base64'));
  const plain = Buffer.concat([
    decipher.update(Buffer.from(parts.body, 'base64')),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString('utf8'));
}

/**
 * Authenticated encryption of connection secrets at rest (AES-256-GCM).
 *
 * A sealed value is `v2.<key id>.<iv>.<tag>.<ciphertext>`, bound to the id of
 * its resource. Values sealed with a previous key stay readable while that
 * key is configured in `platform.secrets.previousKeys`, until
 * {@link SecretResealer} has sealed them again with the current key.
 */
export class SecretBox {
  readonly #keys: SecretKeys;

  constructor(keys: SecretKeys) {
    this.#keys = keys;
  }

  static fromConfig(
    config: Config,
    options: { production: boolean; warn: (message: string) => void },
  ): SecretBox {
    return new SecretBox(readSecretKeys(config, options));
  }

  /** The id of the key that seals new values. */
  get currentKeyId(): string {
    return this.#keys.current.id;
  }

  seal(resourceId: string, secrets: Secrets): string {
    const { current } = this.#keys;
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, current.key, iv);
    cipher.setAAD(associatedData(resourceId));
    const body = Buffer.concat([
      cipher.update(JSON.stringify(secrets), 'utf8'),
      cipher.final(),
    ]);
    return [
      FORMAT,
      current.id,
      ...[iv, cipher.getAuthTag(), body].map(b => b.toString('base64')),
    ].join('.');
  }

  open(resourceId: string, sealed: string): Secrets {
    const parts = sealed.split('.');
    if (parts[0] === FORMAT && parts.length === 5) {
      const [, keyId, iv, tag, body] = parts;
      const key = this.#keys.readable.find(k => k.id === keyId);
      if (!key) {
        throw new Error(
          `Secrets of resource ${resourceId} are sealed with key ${keyId}, which is not configured; add it to platform.secrets.previousKeys`,
        );
      }
      return decrypt(key, { iv, tag, body }, associatedData(resourceId));
    }
    if (parts[0] === LEGACY_FORMAT && parts.length === 4) {
      const [, iv, tag, body] = parts;
      for (const key of this.#keys.legacy) {
        try {
          return decrypt(key, { iv, tag, body });
        } catch {
          // not this key
        }
      }
      throw new Error(
        `Secrets of resource ${resourceId} are sealed in the first format with a key that is not configured`,
      );
    }
    throw new Error(
      `Secrets of resource ${resourceId} are not in a known format`,
    );
  }

  /** Whether a sealed value should be sealed again with the current key. */
  isStale(sealed: string): boolean {
    const [format, keyId] = sealed.split('.');
    return format !== FORMAT || keyId !== this.#keys.current.id;
  }
}
