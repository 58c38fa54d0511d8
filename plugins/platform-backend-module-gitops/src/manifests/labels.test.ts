import { labelValue, namespaceFor } from './labels';

const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('labelValue', () => {
  it.each([
    ['team-alpha', 'team-alpha'],
    ['user:default/alice', 'user-default-alice'],
    ['-leading and trailing-', 'leading-and-trailing'],
    ['ünïcode', 'n-code'],
    ['x'.repeat(100), 'x'.repeat(63)],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
    ['---', ''],
  ])('makes %j a valid label value', (input, expected) => {
    const value = labelValue(input);
    expect(value).toBe(expected);
    expect(value).toMatch(LABEL_VALUE);
  });
});

describe('namespaceFor', () => {
  it('joins team and environment', () => {
    expect(namespaceFor('team-alpha', 'development')).toBe(
      'team-alpha-development',
    );
  });

  it('makes the result a DNS label', () => {
    expect(namespaceFor('Team_Alpha', 'Prod EU')).toBe('team-alpha-prod-eu');
  });

  it('shortens long names with a hash that keeps them apart', () => {
    const team = 'a'.repeat(63);
    const one = namespaceFor(team, 'production');
    const two = namespaceFor(team, 'production-eu');

    expect(one).toMatch(DNS_LABEL);
    expect(one.length).toBeLessThanOrEqual(63);
    expect(two).toMatch(DNS_LABEL);
    expect(one).not.toBe(two);
  });
});
