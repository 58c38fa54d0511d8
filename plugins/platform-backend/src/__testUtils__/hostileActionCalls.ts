import { Expectation, FieldKind, HOSTILE_CLASSES } from './hostileValues';

/** One call of a platform action with one hostile field. */
export interface HostileActionCall {
  action: string;
  input: Record<string, unknown>;
  field: string;
  className: string;
  expect: Expectation;
}

const CREATE_FIELDS: Record<string, FieldKind> = {
  offering: 'text',
  name: 'name',
  team: 'team',
  environment: 'text',
  config: 'config',
  component: 'ref',
  system: 'ref',
  expiresAt: 'text',
};

/** Every platform action, a valid input of it and the kind of each field. */
function actions(resourceId: string, next: () => number) {
  const create = () => ({
    offering: 'web-application',
    name: `hostile-${next()}`,
    team: 'team-alpha',
    environment: 'development',
  });
  return [
    { action: 'list-offerings', base: () => ({}), fields: { type: 'text' } },
    { action: 'check-resource-request', base: create, fields: CREATE_FIELDS },
    { action: 'create-resource', base: create, fields: CREATE_FIELDS },
    {
      action: 'get-resource',
      base: () => ({ id: resourceId }),
      fields: { id: 'id' },
    },
    {
      action: 'list-resources',
      base: () => ({}),
      fields: {
        team: 'team',
        environment: 'text',
        offering: 'text',
        component: 'ref',
        system: 'ref',
        state: 'text',
        limit: 'number',
        cursor: 'text',
      },
    },
    {
      action: 'update-resource',
      base: () => ({ id: resourceId, config: {} }),
      fields: { id: 'id', config: 'config', dryRun: 'boolean' },
    },
    {
      action: 'delete-resource',
      base: () => ({ id: resourceId }),
      fields: { id: 'id' },
    },
    {
      action: 'retry-resource',
      base: () => ({ id: resourceId }),
      fields: { id: 'id' },
    },
  ] as Array<{
    action: string;
    base: () => Record<string, unknown>;
    fields: Record<string, FieldKind>;
  }>;
}

/**
 * Every class of hostile value in every field of every platform action, the
 * rest of each input valid. `resourceId` is a real resource, for the actions
 * that take one; only hostile ids are ever sent, so it is never deleted.
 */
export function* hostileActionCalls(
  resourceId: string,
): Generator<HostileActionCall> {
  let counter = 0;
  const next = () => ++counter;
  for (const { action, base, fields } of actions(resourceId, next)) {
    for (const [field, kind] of Object.entries(fields)) {
      for (const [className, hostile] of Object.entries(HOSTILE_CLASSES)) {
        for (const value of hostile.values(kind, resourceId)) {
          yield {
            action,
            input: {
              ...base(),
              [field]: kind === 'config' ? { replicas: value } : value,
            },
            field,
            className,
            expect: hostile.expect(kind),
          };
        }
      }
    }
  }
}

/** Error names an entry point may answer hostile input with. */
const EXPECTED_ERRORS = [
  'InputError',
  'NotFoundError',
  'NotAllowedError',
  'ConflictError',
];

/** Whether a message or a list of field errors names the field (or one inside it). */
function names(
  field: string,
  message: unknown,
  errors?: Array<{ field: string }>,
): boolean {
  if (errors?.some(e => e.field === field || e.field.startsWith(`${field}.`))) {
    return true;
  }
  return new RegExp(`(^|[^\\w])${field}([^\\w]|$)`).test(String(message));
}

/**
 * What is wrong with an action's answer to a hostile call, or undefined.
 * `status` and `body` are the invoke route's: `{ output }` or the standard
 * error body. A refusal is a 4xx of an expected error naming the field
 * (a 404 for an id), or a dry run's verdict naming it.
 */
export function judgeActionAnswer(
  call: HostileActionCall,
  status: number,
  body: any,
): string | undefined {
  const error = body?.error;
  if (status >= 500) {
    return `${status} ${error?.name}: ${String(error?.message).slice(0, 160)}`;
  }
  if (status >= 400) {
    if (!EXPECTED_ERRORS.includes(error?.name)) {
      return `${status} of an unexpected ${error?.name}`;
    }
    const named =
      status === 404
        ? call.field === 'id'
        : names(call.field, error.message, error.errors);
    if (status === 400 || status === 404) {
      if (!named) {
        return `${status} not naming ${call.field}: ${String(
          error.message,
        ).slice(0, 160)}`;
      }
      if (call.expect === 'accepted') {
        return `refused an acceptable value: ${String(error.message).slice(
          0,
          160,
        )}`;
      }
    }
    return undefined;
  }
  const output = body?.output;
  const verdict =
    call.action === 'check-resource-request' ? output : output?.verdict;
  const refusedInVerdict =
    verdict !== undefined && names(call.field, '', verdict.errors);
  if (call.expect === 'refused' && !refusedInVerdict) {
    return `${status}: taken, not refused`;
  }
  if (call.expect === 'accepted' && refusedInVerdict) {
    return `refused in the verdict: ${JSON.stringify(verdict.errors)}`;
  }
  return undefined;
}
