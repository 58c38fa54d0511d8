import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'crypto';
import { SecretBox } from './SecretBox';
import { passphraseKey } from './secretKeys';

const key = () => randomBytes(32).toString('base64');

function box(secrets: object, production = true) {
  return SecretBox.fromConfig(new ConfigReader({ platform: { secrets } }), {
    production,
    warn: () => {},
  });
}

describe('SecretBox', () => {
  it('seals secrets so that only the same key opens them', () => {
    const one = key();
    const sealed = box({ encryptionKey: one }).seal('r1', {
      password: 'p4ssw0rd',
    });
    expect(sealed).not.toContain('p4ssw0rd');
    expect(sealed).toMatch(/^v2\.[0-9a-f]{12}\./);
    expect(box({ encryptionKey: one }).open('r1', sealed)).toEqual({
      password: 'p4ssw0rd',
    });
    expect(() => box({ encryptionKey: key() }).open('r1', sealed)).toThrow(
      /sealed with key [0-9a-f]{12}, which is not configured/,
    );
  });

  it('binds a sealed value to its resource, so values cannot be swapped between rows', () => {
    const secrets = box({ encryptionKey: key() });
    const sealed = secrets.seal('resource-a', { password: 'a' });
    expect(() => secrets.open('resource-b', sealed)).toThrow();
  });

  it('detects tampering', () => {
    const secrets = box({ encryptionKey: key() });
    const parts = secrets.seal('r1', { password: 'p4ssw0rd' }).split('.');
    const flipped = Buffer.from(parts[4], 'base64');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64');
    expect(() => secrets.open('r1', parts.join('.'))).toThrow();
  });

  it('accepts 32 random bytes in base64, base64url or hex', () => {
    const bytes = randomBytes(48);
    for (const encryptionKey of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
    ]) {
      const secrets = box({ encryptionKey });
      expect(secrets.open('r', secrets.seal('r', { a: 'b' }))).toEqual({
        a: 'b',
      });
    }
    // One key however it is written: the same id.
    expect(box({ encryptionKey: bytes.toString('hex') }).currentKeyId).toBe(
      box({ encryptionKey: bytes.toString('base64') }).currentKeyId,
    );
  });

  describe('in production', () => {
    it('refuses to start without a key, saying what to set and how to make one', () => {
      expect(() => box({})).toThrow(
        /platform\.secrets\.encryptionKey is not set.*randomBytes\(32\)/,
      );
    });

    it.each([
      ['a passphrase', 'correct horse battery staple'],
      ['31 random bytes', randomBytes(31).toString('base64')],
      ['16 bytes in hex', randomBytes(16).toString('hex')],
      [
        'the old development key of app-config.yaml',
        'local-development-key-change-me',
      ],
      [
        'the built-in development key',
        'platform-development-key-not-for-production',
      ],
    ])('refuses %s as the key', (_, encryptionKey) => {
      expect(() => box({ encryptionKey })).toThrow(
        /platform\.secrets\.encryptionKey/,
      );
      expect(() =>
        box({ encryptionKey: key(), previousKeys: [encryptionKey] }),
      ).toThrow(/platform\.secrets\.previousKeys\[0\]/);
    });
  });

  describe('outside production', () => {
    it('warns and uses a development key when none is set', () => {
      const warn = jest.fn();
      const secrets = SecretBox.fromConfig(new ConfigReader({}), {
        production: false,
        warn,
      });
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('using a development key'),
      );
      expect(secrets.open('r', secrets.seal('r', { a: 'b' }))).toEqual({
        a: 'b',
      });
    });

    it('uses any other string as a passphrase, with a warning', () => {
      const warn = jest.fn();
      const secrets = SecretBox.fromConfig(
        new ConfigReader({
          platform: { secrets: { encryptionKey: 'dev passphrase' } },
        }),
        { production: false, warn },
      );
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('at least 32 bytes'),
      );
      expect(secrets.open('r', secrets.seal('r', { a: 'b' }))).toEqual({
        a: 'b',
      });
    });
  });

  describe('rotation', () => {
    it('opens values of a previous key, marks them stale, and never those of the current one', () => {
      const [oldKey, newKey] = [key(), key()];
      const sealed = box({ encryptionKey: oldKey }).seal('r1', {
        password: 'x',
      });
      const rotated = box({ encryptionKey: newKey, previousKeys: [oldKey] });
      expect(rotated.open('r1', sealed)).toEqual({ password: 'x' });
      expect(rotated.isStale(sealed)).toBe(true);
      expect(rotated.isStale(rotated.seal('r1', { password: 'x' }))).toBe(
        false,
      );
    });

    it('opens values of the first format (a SHA-256 of the configured string, no key id)', () => {
      // What the first format wrote: v1.<iv>.<tag>.<ciphertext>, no resource binding.
      const { createCipheriv } = jest.requireActual('crypto');
      const legacyKey = passphraseKey('old passphrase').key;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', legacyKey, iv);
      const body = Buffer.concat([
        cipher.update('{"password":"x"}', 'utf8'),
        cipher.final(),
      ]);
      const sealed = ['v1', iv, cipher.getAuthTag(), body]
        .map(p => (typeof p === 'string' ? p : p.toString('base64')))
        .join('.');

      const rotated = box(
        { encryptionKey: key(), previousKeys: ['old passphrase'] },
        false,
      );
      expect(rotated.open('r1', sealed)).toEqual({ password: 'x' });
      expect(rotated.isStale(sealed)).toBe(true);
    });
  });
});
