import { FieldError } from '@idp-kit/plugin-platform-common';
import { ErrorObject } from 'ajv';

/** The dotted field of a JSON pointer below the body: `/config/size` is `config.size`. */
export function fieldOf(pointer: string, child?: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) {
    segments.push(child);
  }
  return segments.length > 0 ? segments.join('.') : 'body';
}

const ARTICLES: Record<string, string> = {
  array: 'an array',
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  object: 'an object',
  string: 'a string',
};

/** What the spec's formats ask for, in words. */
const FORMATS: Record<string, string> = {
  'date-time':
    'must be a date and time in ISO 8601, such as 2027-01-31T18:00:00Z',
  int32: 'must be an integer',
};

/**
 * What a pattern asks for, in words: the schema's `x-pattern-message`, or
 * for patterns that refuse control characters, that.
 */
function patternMessage(error: ErrorObject): string {
  const pattern = String(error.params.pattern);
  const words = error.parentSchema?.['x-pattern-message'];
  if (typeof words === 'string') {
    return words;
  }
  return pattern.includes('\\u0000')
    ? 'must not contain control characters'
    : `must match ${pattern}`;
}

/**
 * The API's messages for what a schema refuses, in the words the domain's
 * own checks use; anything else keeps the validator's message.
 */
export function fieldErrorOf(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        field: fieldOf(error.instancePath, String(params.missingProperty)),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        field: fieldOf(error.instancePath, String(params.additionalProperty)),
        message: 'is not a known field',
      };
    case 'enum':
      return {
        field: fieldOf(error.instancePath),
        message: `must be one of: ${(params.allowedValues as unknown[]).join(
          ', ',
        )}`,
      };
    case 'type':
      if (error.instancePath === '' && params.type === 'object') {
        return { field: 'body', message: 'must be a JSON object' };
      }
      return {
        field: fieldOf(error.instancePath),
        // A nullable field's type reads `string,null`.
        message: `must be ${String(params.type)
          .split(',')
          .map(type => ARTICLES[type] ?? type)
          .join(' or ')}`,
      };
    case 'pattern':
      return {
        field: fieldOf(error.instancePath),
        message: patternMessage(error),
      };
    case 'maxLength':
      return {
        field: fieldOf(error.instancePath),
        message: `must be at most ${params.limit} characters`,
      };
    case 'minimum':
      return {
        field: fieldOf(error.instancePath),
        message: `must be at least ${params.limit}`,
      };
    case 'maximum':
      return {
        field: fieldOf(error.instancePath),
        message: `must be at most ${params.limit}`,
      };
    case 'minLength':
      return {
        field: fieldOf(error.instancePath),
        message: Number(params.limit) === 1 ? 'is required' : error.message!,
      };
    case 'format':
      return {
        field: fieldOf(error.instancePath),
        message: FORMATS[String(params.format)] ?? `must be a ${params.format}`,
      };
    default:
      return {
        field: fieldOf(error.instancePath),
        message: error.message ?? 'is invalid',
      };
  }
}

/** One error per field, the first the schema found. */
export function fieldErrorsOf(errors: ErrorObject[]): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const error of errors) {
    const fieldError = fieldErrorOf(error);
    if (!byField.has(fieldError.field)) {
      byField.set(fieldError.field, fieldError);
    }
  }
  return [...byField.values()];
}
