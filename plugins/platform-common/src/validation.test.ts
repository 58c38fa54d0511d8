import { builtinOfferings } from './builtinOfferings';
import { offeringConfigSchema } from './offeringSchema';
import { validateOfferingConfig } from './validation';

const offering = (id: string) => builtinOfferings.find(o => o.id === id)!;

describe('validateOfferingConfig', () => {
  it('applies defaults to an empty configuration', () => {
    const result = validateOfferingConfig(offering('postgresql-database'), {});
    expect(result).toEqual({
      valid: true,
      errors: [],
      config: {
        size: 'small',
        high_availability: false,
        backup_retention_days: 7,
      },
    });
  });

  it('refuses a string where an integer belongs', () => {
    const result = validateOfferingConfig(offering('web-application'), {
      replicas: '3',
    });
    expect(result).toEqual({
      valid: false,
      errors: [{ field: 'config.replicas', message: 'must be integer' }],
    });
  });

  it('returns every problem at once, each with its field', () => {
    const result = validateOfferingConfig(offering('web-application'), {
      replicas: 11,
      cpu: '3000m',
      colour: 'blue',
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'config.replicas', message: 'must be <= 10' },
        {
          field: 'config.cpu',
          message: 'must be one of: 250m, 500m, 1000m, 2000m',
        },
        { field: 'config.colour', message: 'is not a field of this offering' },
      ]),
    );
    expect(result.errors).toHaveLength(3);
  });

  it('requires fields that have no default', () => {
    const result = validateOfferingConfig(offering('api-gateway'), {});
    expect(result.errors).toEqual([
      { field: 'config.upstream', message: 'is required' },
    ]);
  });

  it('does not modify its input', () => {
    const input = {};
    validateOfferingConfig(offering('web-application'), input);
    expect(input).toEqual({});
  });

  it('refuses a configuration that is not an object', () => {
    expect(
      validateOfferingConfig(offering('web-application'), [1]).errors,
    ).toEqual([{ field: 'config', message: 'must be an object' }]);
  });
});

describe('offeringConfigSchema', () => {
  it('expresses the article fields as JSON Schema', () => {
    expect(offeringConfigSchema(offering('web-application'))).toEqual({
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        replicas: {
          type: 'integer',
          description: 'Number of pods',
          default: 2,
          minimum: 1,
          maximum: 10,
        },
        cpu: {
          type: 'string',
          description: 'CPU request per pod',
          default: '500m',
          enum: ['250m', '500m', '1000m', '2000m'],
        },
        memory: {
          type: 'string',
          description: 'Memory request per pod',
          default: '512Mi',
          enum: ['256Mi', '512Mi', '1Gi', '2Gi', '4Gi'],
        },
      },
    });
  });
});
