import { fromLocalInput, toLocalInput } from './localDateTime';

describe('localDateTime', () => {
  it('shows a time to the minute and reads it back', () => {
    const time = new Date(2027, 0, 5, 9, 7, 30);
    expect(toLocalInput(time)).toBe('2027-01-05T09:07');
    expect(fromLocalInput('2027-01-05T09:07')).toBe(
      new Date(2027, 0, 5, 9, 7).toISOString(),
    );
  });

  it('reads nothing from an empty or broken value', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a time')).toBeUndefined();
  });
});
