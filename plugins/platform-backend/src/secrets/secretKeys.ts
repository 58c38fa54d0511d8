import { Config } from '@backstage/config';
import { createHash, hkdfSync } from 'crypto';

/** A key that seals connection secrets, named by an id stored beside each value. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export const MIN_KEY_BYTES = 32;

export const KEY_HELP = `Make one with: node -e "console.log(require('crypto').randomBytes(${MIN_KEY_BYTES}).toString('base64'))"`;

/** Used only outside production when no key is configured. */
export const DEVELOPMENT_KEY = 'platform-development-key-not-for-production';

/**
 * Keys that stand in this repository's files and documentation, and the
 * built-in development key: anyone can read them, so production refuses them.
 */
export const PUBLIC_KEYS = new Set([
  'local-development-key-change-me',
  DEVELOPMENT_KEY,
  'test key',
]);

/** The random bytes of a base64 or hex key, or undefined when it is not one. */
export function decodeKeyMaterial(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) {
    return Buffer.from(text, 'hex');
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    // Round-tripping refuses text that only looks like base64.
    const canonical = (s: string) =>
      s.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    if (canonical(bytes.toString('base64')) === canonical(text)) {
      return bytes;
    }
  }
  return undefined;
}

function keyFromMaterial(material: Buffer): SecretKey {
  // HKDF turns the key material into the AES-256 key; the id is a short
  // fingerprint of the material, so keys can be told apart in stored values.
  const key = Buffer.from(
    hkdfSync(
      'sha256',
      material,
      Buffer.alloc(0),
      'platform connection secrets',
      32,
    ),
  );
  const id = createHash('sha256').update(material).digest('hex').slice(0, 12);
  return { id, key };
}

/** A passphrase's key, as the first format derived it; kept to read old values. */
export function passphraseKey(passphrase: string): SecretKey {
  const key = createHash('sha256').update(passphrase).digest();
  return { id: `sha256-${key.toString('hex').slice(0, 8)}`, key };
}

/**
 * Reads one configured key. In production it must be random key material of
 * at least {@link MIN_KEY_BYTES} bytes that appears nowhere public; elsewhere
 * a passphrase is accepted with a warning.
 */
export function readKey(
  name: string,
  value: string,
  options: { production: boolean; warn: (message: string) => void },
): SecretKey {
  if (options.production && PUBLIC_KEYS.has(value.trim())) {
    throw new Error(
      `${name} is a key that appears in the platform's repository or documentation, so anyone can read it. ${KEY_HELP}`,
    );
  }
  const material = decodeKeyMaterial(value);
  if (material && material.length >= MIN_KEY_BYTES) {
    return keyFromMaterial(material);
  }
  const problem = `${name} must be a random key of at least ${MIN_KEY_BYTES} bytes, written in base64 or hex`;
  if (options.production) {
    throw new Error(`${problem}. ${KEY_HELP}`);
  }
  options.warn(
    `${problem}; it is used as a passphrase outside production. ${KEY_HELP}`,
  );
  return passphraseKey(value);
}

/** The keys of `platform.secrets`: the one that seals, and those that open. */
export interface SecretKeys {
  /** Seals every new value. */
  current: SecretKey;
  /** Open values of the current format, found by the key id they carry. */
  readable: SecretKey[];
  /** Open values of the first format, which carry no key id. */
  legacy: SecretKey[];
}

/** Reads `platform.secrets.encryptionKey` and `platform.secrets.previousKeys`. */
export function readSecretKeys(
  config: Config,
  options: { production: boolean; warn: (message: string) => void },
): SecretKeys {
  const configured = config.getOptionalString('platform.secrets.encryptionKey');
  const previous =
    config.getOptionalStringArray('platform.secrets.previousKeys') ?? [];
  let current: SecretKey;
  if (configured) {
    current = readKey('platform.secrets.encryptionKey', configured, options);
  } else if (options.production) {
    throw new Error(
      `platform.secrets.encryptionKey is not set: the platform needs a key to encrypt connection secrets at rest. Set it, for example from an environment variable: platform.secrets.encryptionKey: \${PLATFORM_SECRETS_KEY}. ${KEY_HELP}`,
    );
  } else {
    options.warn(
      'platform.secrets.encryptionKey is not set; using a development key. Set one before storing real secrets.',
    );
    current = passphraseKey(DEVELOPMENT_KEY);
  }
  const readable = [
    current,
    ...previous.map((value, index) =>
      readKey(`platform.secrets.previousKeys[${index}]`, value, options),
    ),
  ];
  // The first format hashed whatever string was configured.
  const legacy = [configured, ...previous]
    .filter((value): value is string => Boolean(value))
    .map(passphraseKey);
  if (!options.production) {
    legacy.push(passphraseKey(DEVELOPMENT_KEY));
  }
  return { current, readable, legacy };
}
