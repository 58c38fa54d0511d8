import { postgres } from '../../__testUtils__/fixtures';
import { createFormSchema, humanize, updateFormSchema } from './formSchema';

describe('formSchema', () => {
  it('titles fields in words', () => {
    expect(humanize('backup_retention_days')).toBe('Backup retention days');
  });

  it('offers the teams and environments as choices', () => {
    const schema = createFormSchema(
      postgres,
      ['team-alpha', 'team-beta'],
      ['development', 'production'],
    );
    expect(schema.properties?.team).toMatchObject({
      enum: ['team-alpha', 'team-beta'],
    });
    expect(schema.properties?.environment).toMatchObject({
      enum: ['development', 'production'],
      default: 'development',
    });
    expect(schema.properties?.config).toMatchObject({
      title: 'Configuration',
      properties: {
        backup_retention_days: {
          title: 'Backup retention days',
          minimum: 1,
          maximum: 35,
        },
      },
    });
  });

  it('chooses the only team by default', () => {
    const schema = createFormSchema(postgres, ['team-alpha'], ['development']);
    expect(schema.properties?.team).toMatchObject({ default: 'team-alpha' });
  });

  it('has only the configuration when changing a resource', () => {
    expect(Object.keys(updateFormSchema(postgres).properties ?? {})).toEqual([
      'config',
    ]);
  });
});
