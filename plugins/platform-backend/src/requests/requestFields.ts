import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  FieldError,
  OfferingWithSchema,
  resourceNameProblem,
  teamNameOf,
} from '@idp-kit/plugin-platform-common';
import { parseRequestRef } from '../catalog/entityRefs';

/** The fields of a request as far as they can be read without asking anyone. */
export interface RequestFields {
  offering?: OfferingWithSchema;
  name?: string;
  /** The team's group, and the team's name as resources store it. */
  teamRef?: CompoundEntityRef;
  team?: string;
  environment?: string;
  expiresAt?: string;
  component?: CompoundEntityRef;
  system?: CompoundEntityRef;
  config: unknown;
}

/** A text field of a body the spec has checked: a string, or absent. */
function text(fields: Record<string, unknown>, key: string) {
  return (fields[key] as string | null | undefined) || undefined;
}

function required(
  fields: Record<string, unknown>,
  key: string,
  errors: FieldError[],
): string | undefined {
  const value = text(fields, key);
  if (!value) {
    errors.push({ field: key, message: 'is required' });
  }
  return value;
}

function entityRef(
  value: string | undefined,
  kind: 'group' | 'component' | 'system',
  errors: FieldError[],
): CompoundEntityRef | undefined {
  if (!value) {
    return undefined;
  }
  const parsed = parseRequestRef(value, kind);
  if (!parsed.ref) {
    errors.push({
      field: kind === 'group' ? 'team' : kind,
      message: parsed.problem,
    });
  }
  return parsed.ref;
}

/**
 * Reads the fields of a request that matches the spec, recording every
 * problem the spec cannot see: the offering and the environment must be
 * known, the name valid, the team, component and system well-formed entity
 * refs.
 */
export function readRequestFields(
  fields: Record<string, unknown>,
  errors: FieldError[],
  known: { offerings: OfferingWithSchema[]; environments: string[] },
): RequestFields {
  const offeringId = required(fields, 'offering', errors);
  const offering = known.offerings.find(o => o.id === offeringId);
  if (offeringId && !offering) {
    errors.push({
      field: 'offering',
      message: `'${offeringId}' is not an offering; choose one of ${known.offerings
        .map(o => o.id)
        .join(', ')}`,
    });
  }

  const nameProblem = resourceNameProblem(fields.name);
  if (nameProblem) {
    errors.push({ field: 'name', message: nameProblem });
  }

  const teamRef = entityRef(required(fields, 'team', errors), 'group', errors);

  const environment = required(fields, 'environment', errors);
  if (environment && !known.environments.includes(environment)) {
    errors.push({
      field: 'environment',
      message: `must be one of: ${known.environments.join(', ')}`,
    });
  }

  return {
    offering,
    name: nameProblem ? undefined : (fields.name as string),
    teamRef,
    team: teamRef && teamNameOf(teamRef),
    environment:
      environment && known.environments.includes(environment)
        ? environment
        : undefined,
    expiresAt: text(fields, 'expiresAt'),
    component: entityRef(text(fields, 'component'), 'component', errors),
    system: entityRef(text(fields, 'system'), 'system', errors),
    config: fields.config ?? {},
  };
}

/**
 * The spec's problems with a body, and beside them what the fields the spec
 * found nothing wrong with have against them (an unknown environment, say),
 * so that one answer lists every problem of the request.
 */
export function withFieldProblems(
  body: unknown,
  shapeProblems: FieldError[],
  known: Parameters<typeof readRequestFields>[2],
): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return shapeProblems;
  }
  const flagged = new Set(shapeProblems.map(e => e.field.split('.')[0]));
  const rest = Object.fromEntries(
    Object.entries(body).filter(([key]) => !flagged.has(key)),
  );
  const fieldProblems: FieldError[] = [];
  readRequestFields(rest, fieldProblems, known);
  return [
    ...shapeProblems,
    ...fieldProblems.filter(e => !flagged.has(e.field.split('.')[0])),
  ];
}
