import { durationInWords, durationMillis } from './isoDuration';

const HOUR = 3_600_000;

describe('isoDuration', () => {
  it('turns durations into words', () => {
    expect(durationInWords('P7D')).toBe('7 days');
    expect(durationInWords('PT2H')).toBe('2 hours');
    expect(durationInWords('P1M')).toBe('1 month');
    expect(durationInWords('PT1M')).toBe('1 minute');
    expect(durationInWords('P1DT12H')).toBe('1 day and 12 hours');
    expect(durationInWords('P1Y2W3DT4H')).toBe(
      '1 year, 2 weeks, 3 days and 4 hours',
    );
    expect(durationInWords('PT1.5H')).toBe('1.5 hours');
  });

  it('measures durations as the API does: a month is 30 days, a year 365', () => {
    expect(durationMillis('P7D')).toBe(7 * 24 * HOUR);
    expect(durationMillis('PT2H30M')).toBe(2.5 * HOUR);
    expect(durationMillis('P1M')).toBe(30 * 24 * HOUR);
    expect(durationMillis('P1Y')).toBe(365 * 24 * HOUR);
    expect(durationMillis('P2W')).toBe(14 * 24 * HOUR);
  });

  it('leaves what is not a duration alone', () => {
    for (const text of ['P', 'PT', 'P1DT', '7 days', 'P1H', '']) {
      expect(durationMillis(text)).toBeUndefined();
      expect(durationInWords(text)).toBe(text);
    }
  });
});
