import { configText } from './configText';

describe('configText', () => {
  it('writes booleans as words every font can show', () => {
    expect(configText(true)).toBe('Yes');
    expect(configText(false)).toBe('No');
  });

  it.each([[undefined], [null], [''], [[]], [{}]])(
    'writes %j as a dash',
    value => {
      expect(configText(value)).toBe('—');
    },
  );

  it('writes numbers and strings as they are, zero included', () => {
    expect(configText(0)).toBe('0');
    expect(configText(5432)).toBe('5432');
    expect(configText('db.internal')).toBe('db.internal');
  });

  it('joins lists and maps, writing each item the same way', () => {
    expect(configText(['eu-west-1', 'eu-central-1'])).toBe(
      'eu-west-1, eu-central-1',
    );
    expect(configText({ enabled: false, window: '02:00', notes: null })).toBe(
      'enabled: No; window: 02:00; notes: —',
    );
  });
});
