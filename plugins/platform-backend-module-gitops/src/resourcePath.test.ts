import { webApplication } from './__testUtils__/resources';
import { resourceDirectory } from './resourcePath';

describe('resourceDirectory', () => {
  it('is <environment>/<team>/<name>', () => {
    expect(resourceDirectory(webApplication())).toBe(
      'development/team-alpha/storefront',
    );
  });

  const hostile = [
    ['a parent directory', '..'],
    ['the current directory', '.'],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['a NUL byte', 'store\0front'],
    ['an empty string', ''],
    ['64 characters', 'a'.repeat(64)],
    ['10 kB', 'a'.repeat(10_000)],
    ['a Cyrillic look-alike', 'storefrоnt'],
    ['a full-width look-alike', 'ｓtorefront'],
    ['upper case', 'Storefront'],
    ['a leading dash', '-storefront'],
    ['a trailing dash', 'storefront-'],
    ['a newline', 'store\nfront'],
    ['a non-string', 42],
  ] as const;

  for (const field of ['environment', 'team', 'name'] as const) {
    it.each(hostile)(`refuses a ${field} with %s`, (_, value) => {
      expect(() =>
        resourceDirectory(webApplication({ [field]: value as string })),
      ).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining(`The ${field} `),
        }),
      );
    });
  }

  it('keeps error messages short', () => {
    expect(() =>
      resourceDirectory(webApplication({ name: 'a'.repeat(10_000) })),
    ).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^.{0,200}$/) }),
    );
  });
});
