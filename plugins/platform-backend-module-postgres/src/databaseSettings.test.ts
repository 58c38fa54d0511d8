import { actualConfig, desiredSettings } from './databaseSettings';

describe('desiredSettings', () => {
  it("fills in the offering's defaults", () => {
    expect(desiredSettings({})).toEqual({
      size: 'small',
      highAvailability: false,
      backupRetentionDays: 7,
    });
  });

  it('reads the fields of a resource', () => {
    expect(
      desiredSettings({
        size: 'large',
        high_availability: true,
        backup_retention_days: 35,
      }),
    ).toEqual({
      size: 'large',
      highAvailability: true,
      backupRetentionDays: 35,
    });
  });

  it.each([
    [{ size: 'huge' }, /Invalid size "huge"/],
    [{ size: 'toString' }, /Invalid size/],
    [{ high_availability: 'yes' }, /Invalid high_availability/],
    [{ backup_retention_days: 1.5 }, /Invalid backup_retention_days/],
    [{ backup_retention_days: 0 }, /Invalid backup_retention_days/],
  ])('refuses %j', (config, message) => {
    expect(() => desiredSettings(config)).toThrow(message);
  });
});

describe('actualConfig', () => {
  it('maps what the database reports back to the fields', () => {
    expect(
      actualConfig({
        connectionLimit: 50,
        highAvailability: 'on',
        backupRetentionDays: '14',
      }),
    ).toEqual({
      size: 'medium',
      high_availability: true,
      backup_retention_days: 14,
    });
  });

  it('leaves out what does not match a value of the offering', () => {
    expect(actualConfig({ connectionLimit: -1 })).toEqual({});
  });
});
