import { PolicyDeniedError } from '../errors/RequestErrors';

/**
 * A team has as many live resources of an offering as its quota allows. It
 * is the quota policy's refusal, found at the moment of recording: callers
 * handle it as any other refusal by policy.
 */
export class QuotaExceededError extends PolicyDeniedError {
  readonly team: string;
  readonly offering: string;
  readonly limit: number;

  constructor(team: string, offering: string, limit: number) {
    super([
      {
        policy: 'quota',
        reason: `Team ${team} has reached its quota of ${limit} ${offering} resource${
          limit === 1 ? '' : 's'
        }`,
      },
    ]);
    this.team = team;
    this.offering = offering;
    this.limit = limit;
  }
}
