import { formatMoney } from './formatMoney';

describe('formatMoney', () => {
  // The tests run in the en-US locale.
  it('writes amounts with their currency', () => {
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(25, 'USD')).toBe('$25.00');
  });

  it('signs differences', () => {
    expect(formatMoney(12, 'EUR', { signed: true })).toBe('+€12.00');
    expect(formatMoney(-5, 'EUR', { signed: true })).toBe('-€5.00');
    expect(formatMoney(0, 'EUR', { signed: true })).toBe('€0.00');
  });

  it('writes a currency that is not a code after the number', () => {
    expect(formatMoney(9.5, 'credits')).toBe('9.50 credits');
    expect(formatMoney(3, 'credits', { signed: true })).toBe('+3.00 credits');
  });
});
