import { CustomErrorBase } from '@backstage/errors';

/** A team has as many live resources of an offering as its quota allows. */
export class QuotaExceededError extends CustomErrorBase {
  readonly team: string;
  readonly offering: string;
  readonly limit: number;

  constructor(team: string, offering: string, limit: number) {
    super(
      `Team ${team} has reached its quota of ${limit} ${offering} resource${
        limit === 1 ? '' : 's'
      }`,
    );
    this.team = team;
    this.offering = offering;
    this.limit = limit;
  }
}
