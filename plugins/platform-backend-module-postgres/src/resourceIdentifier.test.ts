import { resourceIdentifier } from './resourceIdentifier';

const resource = {
  id: '3f1b6c0e-8a55-4a0e-9d0c-2f4f3f0f9b7a',
  environment: 'production',
  team: 'payments',
  name: 'orders',
};

describe('resourceIdentifier', () => {
  it('joins environment, team and name with a hash of the id', () => {
    expect(resourceIdentifier(resource)).toMatch(
      /^p_production_payments_orders_[0-9a-f]{8}$/,
    );
  });

  it('gives a resource the same name every time and others different ones', () => {
    expect(resourceIdentifier(resource)).toBe(resourceIdentifier(resource));
    expect(resourceIdentifier({ ...resource, id: 'another' })).not.toBe(
      resourceIdentifier(resource),
    );
  });

  it.each([
    ['quotes', `"; drop role postgres; --`],
    ['a path', '../../etc/passwd'],
    ['a Cyrillic look-alike', 't\u0435am'],
    ['the Kelvin sign', '\u212Aelvin'],
    ['a long name', 'x'.repeat(500)],
    ['nothing safe at all', '\u00e9\u00e8\u00ea'],
  ])('keeps only safe characters from %s', (_, team) => {
    const name = resourceIdentifier({ ...resource, team });
    expect(name).toMatch(/^p_[a-z0-9_]*[a-z0-9]_[0-9a-f]{8}$/);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });

  it('does not turn look-alikes into the letters they resemble', () => {
    expect(resourceIdentifier({ ...resource, team: '\u212Aelvin' })).toMatch(
      /^p_production_elvin_orders_/,
    );
  });

  it('keeps names apart that differ only in replaced characters', () => {
    expect(resourceIdentifier({ ...resource, id: 'a', team: 'a.b' })).not.toBe(
      resourceIdentifier({ ...resource, id: 'b', team: 'a-b' }),
    );
  });
});
