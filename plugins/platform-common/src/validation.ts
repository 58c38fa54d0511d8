import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { offeringConfigSchema } from './offeringSchema';
import { Offering, OfferingJsonSchema } from './types';

/**
 * A problem with one field of a request, named by its path (`config.replicas`).
 *
 * @public
 */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The outcome of validating an offering configuration.
 *
 * @public
 */
export type ConfigValidationResult =
  | { valid: true; config: Record<string, unknown>; errors: [] }
  | { valid: false; errors: FieldError[] };

const ajv = new Ajv({
  allErrors: true,
  useDefaults: true,
  coerceTypes: false,
  strict: true,
});
ajv.addKeyword('x-platform-resource-ref');

const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: OfferingJsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function toFieldError(error: ErrorObject, prefix: string): FieldError {
  const segments = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') {
    segments.push(String(error.params.missingProperty));
    return {
      field: [prefix, ...segments].join('.'),
      message: 'is required',
    };
  }
  if (error.keyword === 'additionalProperties') {
    segments.push(String(error.params.additionalProperty));
    return {
      field: [prefix, ...segments].join('.'),
      message: 'is not a field of this offering',
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).join(', ');
    return {
      field: [prefix, ...segments].join('.'),
      message: `must be one of: ${allowed}`,
    };
  }
  return {
    field: [prefix, ...segments].join('.'),
    message: error.message ?? 'is invalid',
  };
}

/**
 * Validates a configuration against an offering's schema and fills in defaults.
 *
 * Every problem is returned at once, each with its field path. The input is
 * not modified; on success the returned configuration has the defaults applied.
 *
 * @public
 */
export function validateOfferingConfig(
  offering: Offering | { schema: OfferingJsonSchema },
  config: unknown,
  options?: { fieldPrefix?: string },
): ConfigValidationResult {
  const prefix = options?.fieldPrefix ?? 'config';
  const schema =
    'schema' in offering && offering.schema
      ? offering.schema
      : offeringConfigSchema(offering as Offering);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return {
      valid: false,
      errors: [{ field: prefix, message: 'must be an object' }],
    };
  }
  const copy = structuredClone(config) as Record<string, unknown>;
  const validate = validatorFor(schema);
  if (validate(copy)) {
    return { valid: true, config: copy, errors: [] };
  }
  return {
    valid: false,
    errors: (validate.errors ?? []).map(e => toFieldError(e, prefix)),
  };
}
