import { FieldError, RequestVerdict } from '@idp-kit/plugin-platform-common';
import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { InvalidRequestError } from '../errors/RequestErrors';
import { spec } from '../schema/openapi/generated/router';
import { fieldOf } from '../schema/fieldErrors';
import {
  ApiSchemaName,
  validateRequestBody,
} from '../schema/validateRequestBody';

/** What the validator leaves on a request: the route of the spec it matched. */
type ValidatedRequest = Request & { openapi?: { openApiRoute?: string } };

/** The problems of a refused request, those of its parameters apart. */
interface Refusal {
  parameters: FieldError[];
  body: FieldError[];
}

// Each problem reads `request/<place>/<pointer> <message>`, joined by ", ".
const PROBLEM = /^request\/(body|query|params|headers)(\/\S*)? (.*)$/s;
const UNKNOWN_PARAMETER = /^Unknown query parameter '(.*)'$/s;
const UNENCODED_PARAMETER = /^Parameter '(.*)' must be url encoded/s;
const MEDIA_TYPE = /media type/;

const PARAMETER_MESSAGES: Array<[RegExp, string]> = [
  [/^must be equal to one of the allowed values:/, 'must be one of:'],
  [
    /^must NOT have more than (\d+) characters$/,
    'must be at most $1 characters',
  ],
  [/^must match pattern ".*\\u0000.*"$/, 'must not contain control characters'],
  [/^must be >= (.*)$/, 'must be at least $1'],
  [/^must be <= (.*)$/, 'must be at most $1'],
  [/^must be (integer|array|object)$/, 'must be an $1'],
  [/^must be (string|number|boolean)$/, 'must be a $1'],
  [/^must match format "int32"$/, 'must be an integer'],
];

/** The named schema of an operation's JSON body, if it has one. */
function bodySchemaOf(req: ValidatedRequest): ApiSchemaName | undefined {
  const route = req.openapi?.openApiRoute;
  const operations = route
    ? (spec.paths as Record<string, Record<string, any>>)[route]
    : undefined;
  const ref: unknown =
    operations?.[req.method.toLowerCase()]?.requestBody?.content?.[
      'application/json'
    ]?.schema?.$ref;
  return typeof ref === 'string'
    ? (ref.split('/').pop() as ApiSchemaName)
    : undefined;
}

/** A parameter's problem in the words of the API's own checks. */
function parameterError(pointer: string, message: string): FieldError {
  const required = /^must have required property '(.*)'$/.exec(message);
  if (required) {
    return { field: fieldOf(pointer, required[1]), message: 'is required' };
  }
  const words = PARAMETER_MESSAGES.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    message,
  );
  return { field: fieldOf(pointer), message: words };
}

/** Every invalid field that the validator's message names. */
export function refusalOf(message: string, req: ValidatedRequest): Refusal {
  const refusal: Refusal = { parameters: [], body: [] };
  const unknown = UNKNOWN_PARAMETER.exec(message);
  if (unknown) {
    refusal.parameters.push({
      field: unknown[1],
      message: 'is not a parameter of this route',
    });
    return refusal;
  }
  const unencoded = UNENCODED_PARAMETER.exec(message);
  if (unencoded) {
    refusal.parameters.push({
      field: unencoded[1],
      message: 'must be URL-encoded',
    });
    return refusal;
  }
  if (MEDIA_TYPE.test(message)) {
    refusal.body.push({ field: 'body', message: 'must be application/json' });
    return refusal;
  }
  let bodyRefused = false;
  for (const problem of message.split(/, (?=request\/)/)) {
    const match = PROBLEM.exec(problem);
    if (match?.[1] === 'body') {
      bodyRefused = true;
    } else if (match) {
      refusal.parameters.push(parameterError(match[2] ?? '', match[3]));
    }
  }
  if (bodyRefused) {
    // The message leaves out which unknown fields a body has, and words
    // things as a regex would; the same schema, checked again, says it all.
    const schema = bodySchemaOf(req);
    const errors = schema ? validateRequestBody(schema, req.body) : [];
    refusal.body.push(
      ...(errors.length > 0
        ? errors
        : [{ field: 'body', message: 'does not match the API' }]),
    );
  }
  return refusal;
}

/**
 * Turns the OpenAPI validator's refusal, which Backstage hands on as an
 * InputError with one long message, into the API's 400 that lists every
 * invalid field with its path. A dry run whose body is refused answers its
 * verdict, as every dry run does. Mounted right after validation, so every
 * error it sees is the validator's.
 */
export const explainRefusals: ErrorRequestHandler = (error, req, res, next) => {
  const { parameters, body } = refusalOf(String(error?.message ?? ''), req);
  if (
    parameters.length === 0 &&
    body.length > 0 &&
    req.query.dryRun === 'true'
  ) {
    const verdict: RequestVerdict = {
      allowed: false,
      errors: body,
      violations: [],
      approvals: [],
    };
    res.json(verdict);
    return;
  }
  const errors = [...parameters, ...body];
  next(errors.length > 0 ? new InvalidRequestError(errors) : error);
};

/**
 * Refuses query numbers that are not finite. The validator turns `1e309`
 * into Infinity and lets it past `maximum`; nothing downstream should see it.
 */
export const refuseInfiniteNumbers: RequestHandler = (req, _res, next) => {
  const errors: FieldError[] = Object.entries(req.query)
    .filter(([, value]) => typeof value === 'number' && !Number.isFinite(value))
    .map(([field]) => ({ field, message: 'must be an integer' }));
  next(errors.length > 0 ? new InvalidRequestError(errors) : undefined);
};
