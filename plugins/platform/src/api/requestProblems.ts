import { ResponseError } from '@backstage/errors';
import { FieldError, PolicyViolation } from '@idp-kit/plugin-platform-common';

/**
 * The invalid fields and policy violations a refused request lists.
 *
 * @public
 */
export interface RequestProblems {
  errors: FieldError[];
  violations: PolicyViolation[];
}

/**
 * Reads the field errors (400) and policy violations (403) that the Platform
 * API lists beside its standard error body; empty for any other failure.
 *
 * @public
 */
export function requestProblems(error: unknown): RequestProblems {
  const body =
    error instanceof ResponseError
      ? (error.body as { errors?: unknown; violations?: unknown })
      : undefined;
  return {
    errors: Array.isArray(body?.errors) ? (body!.errors as FieldError[]) : [],
    violations: Array.isArray(body?.violations)
      ? (body!.violations as PolicyViolation[])
      : [],
  };
}
