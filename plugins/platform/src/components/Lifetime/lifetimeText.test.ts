import { lifetimeText, timeLeftText } from './lifetimeText';

describe('lifetimeText', () => {
  it('names the default and the maximum in words', () => {
    expect(lifetimeText({ default: 'P7D', max: 'P30D' })).toBe(
      'Expires after 7 days (at most 30 days)',
    );
    expect(lifetimeText({ default: 'PT2H', max: null })).toBe(
      'Expires after 2 hours (no maximum)',
    );
  });

  it('says when a resource never expires', () => {
    expect(lifetimeText({ default: null, max: null })).toBe('Never expires');
    expect(lifetimeText(undefined)).toBe('Never expires');
    expect(lifetimeText({ default: null, max: 'P1M' })).toBe(
      'Never expires unless you choose an expiry (at most 1 month)',
    );
  });
});

describe('timeLeftText', () => {
  const now = Date.parse('2027-01-01T12:00:00.000Z');

  it('counts down in the largest whole unit', () => {
    expect(timeLeftText('2027-01-08T11:00:00.000Z', now)).toBe(
      'expires in 6 days',
    );
    expect(timeLeftText('2027-01-02T12:00:00.000Z', now)).toBe(
      'expires in 1 day',
    );
    expect(timeLeftText('2027-01-01T15:30:00.000Z', now)).toBe(
      'expires in 3 hours',
    );
    expect(timeLeftText('2027-01-01T12:00:20.000Z', now)).toBe(
      'expires in 1 minute',
    );
  });

  it('says expired once the time has come, and nothing for never', () => {
    expect(timeLeftText('2027-01-01T12:00:00.000Z', now)).toBe('expired');
    expect(timeLeftText('2026-12-01T00:00:00.000Z', now)).toBe('expired');
    expect(timeLeftText(null, now)).toBeUndefined();
    expect(timeLeftText(undefined, now)).toBeUndefined();
  });
});
