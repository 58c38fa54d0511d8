import { FieldError } from '@idp-kit/plugin-platform-common';
import Ajv, { ValidateFunction } from 'ajv';
import { spec } from './openapi/generated/router';
import { fieldErrorsOf } from './fieldErrors';

/** A schema of the Platform API's spec, by its name under `components/schemas`. */
export type ApiSchemaName = keyof typeof spec.components.schemas;

const SPEC_ID = 'platform-api';

// RFC 3339, as OpenAPI's date-time means, and a real date besides.
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function createAjv(): Ajv {
  // Not strict: OpenAPI keywords (nullable, description) sit beside JSON
  // Schema's. Verbose: messages may come from the failing schema.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addFormat(
    'date-time',
    value => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  );
  // Finite, which `maximum` alone does not ensure: JSON's 1e309 is Infinity.
  ajv.addFormat('int32', {
    type: 'number',
    validate: value =>
      Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31,
  });
  ajv.addSchema(
    { $id: SPEC_ID, components: structuredClone(spec.components) },
    SPEC_ID,
  );
  return ajv;
}

let ajv: Ajv | undefined;
const validators = new Map<ApiSchemaName, ValidateFunction>();

function validatorOf(schemaName: ApiSchemaName): ValidateFunction {
  let validate = validators.get(schemaName);
  if (!validate) {
    ajv ??= createAjv();
    validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${schemaName}`)!;
    validators.set(schemaName, validate);
  }
  return validate;
}

/**
 * Checks a request body against a schema of the Platform API's OpenAPI spec,
 * the same contract the HTTP edge enforces, so that every way in (HTTP, MCP
 * actions, the domain itself) refuses the same input with the same words.
 * Answers every invalid field at once; none when the body is valid.
 */
export function validateRequestBody(
  schemaName: ApiSchemaName,
  body: unknown,
): FieldError[] {
  const validate = validatorOf(schemaName);
  return validate(body) ? [] : fieldErrorsOf(validate.errors ?? []);
}
