import { ConflictError } from '@backstage/errors';
import { FieldError, PolicyViolation } from '@idp-kit/plugin-platform-common';

/**
 * An approval that arrived for a request that, judged again, is no longer
 * allowed: the request was rejected instead, with every reason listed.
 */
export class NoLongerAllowedError extends ConflictError {
  readonly errors: FieldError[];
  readonly violations: PolicyViolation[];

  constructor(
    message: string,
    verdict: { errors: FieldError[]; violations: PolicyViolation[] },
  ) {
    super(message);
    this.errors = verdict.errors;
    this.violations = verdict.violations;
  }
}
