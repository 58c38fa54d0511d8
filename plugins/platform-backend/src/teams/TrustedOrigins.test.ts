import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { TrustedOrigins } from './TrustedOrigins';

describe('TrustedOrigins', () => {
  it('trusts the catalog locations of the config when none are configured', () => {
    const origins = TrustedOrigins.fromConfig(
      new ConfigReader({
        catalog: {
          locations: [
            { type: 'file', target: '../../examples/org.yaml' },
            {
              type: 'url',
              target: 'https://github.com/acme/org/blob/main/org.yaml',
            },
          ],
        },
      }),
    );

    expect(
      origins.includes(`file:${path.resolve('../../examples/org.yaml')}`),
    ).toBe(true);
    expect(
      origins.includes('url:https://github.com/acme/org/blob/main/org.yaml'),
    ).toBe(true);
    expect(
      origins.includes(
        'url:https://github.com/acme/org/blob/main/org.yaml.evil',
      ),
    ).toBe(false);
    expect(origins.includes(undefined)).toBe(false);
  });

  it('matches configured origins with * as a wildcard, and nothing else', () => {
    const origins = TrustedOrigins.fromConfig(
      new ConfigReader({
        catalog: { locations: [{ type: 'file', target: './org.yaml' }] },
        platform: {
          teams: {
            trustedOrigins: ['url:https://github.com/acme/org/*', 'msgraph:*'],
          },
        },
      }),
    );

    expect(
      origins.includes('url:https://github.com/acme/org/blob/main/teams.yaml'),
    ).toBe(true);
    expect(origins.includes('msgraph:https://graph.microsoft.com/v1.0')).toBe(
      true,
    );
    expect(origins.includes('url:https://github.com/acme/org2/x.yaml')).toBe(
      false,
    );
    // The configured list replaces the default.
    expect(origins.includes(`file:${path.resolve('./org.yaml')}`)).toBe(false);
    // Regular-expression characters in a pattern are literal.
    expect(
      new TrustedOrigins(['url:https://a.example/org.yaml']).includes(
        'url:https://aXexample/orgXyaml',
      ),
    ).toBe(false);
  });
});
