import { InputError, NotAllowedError } from '@backstage/errors';
import { FieldError, PolicyViolation } from '@idp-kit/plugin-platform-common';

/** A request with one or more invalid fields; every problem is listed. */
export class InvalidRequestError extends InputError {
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(
      `Invalid request: ${errors
        .map(e => `${e.field} ${e.message}`)
        .join('; ')}`,
    );
    this.errors = errors;
  }
}

/** A request that policies refuse; every violation is listed. */
export class PolicyDeniedError extends NotAllowedError {
  readonly violations: PolicyViolation[];

  constructor(violations: PolicyViolation[]) {
    super(
      `Refused by policy: ${violations
        .map(v => `${v.reason} (${v.policy})`)
        .join('; ')}`,
    );
    this.violations = violations;
  }
}
