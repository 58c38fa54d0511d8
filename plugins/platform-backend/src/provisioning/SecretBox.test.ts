import { ConfigReader } from '@backstage/config';
import { SecretBox } from './SecretBox';

describe('SecretBox', () => {
  it('seals secrets so that only the same key opens them', () => {
    const sealed = new SecretBox('key one').seal({ password: 'p4ssw0rd' });
    expect(sealed).not.toContain('p4ssw0rd');
    expect(new SecretBox('key one').open(sealed)).toEqual({
      password: 'p4ssw0rd',
    });
    expect(() => new SecretBox('key two').open(sealed)).toThrow();
  });

  it('detects tampering', () => {
    const sealed = new SecretBox('key').seal({ password: 'p4ssw0rd' });
    const [format, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() =>
      new SecretBox('key').open(
        [format, iv, tag, flipped.toString('base64')].join('.'),
      ),
    ).toThrow();
  });

  it('refuses to start in production without a key, saying what to set', () => {
    expect(() =>
      SecretBox.fromConfig(new ConfigReader({}), {
        production: true,
        warn: jest.fn(),
      }),
    ).toThrow(/platform\.secrets\.encryptionKey is not set/);
  });

  it('warns and uses a development key elsewhere', () => {
    const warn = jest.fn();
    const box = SecretBox.fromConfig(new ConfigReader({}), {
      production: false,
      warn,
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('using a development key'),
    );
    expect(box.open(box.seal({ a: 'b' }))).toEqual({ a: 'b' });
  });
});
