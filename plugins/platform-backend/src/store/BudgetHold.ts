import { Knex } from 'knex';

/**
 * What the store asks of a team's budget as it records a create or a
 * change (`costs/BudgetGuard` is one): whether it applies, the team's lock,
 * and the check once the resource is counted.
 */
export interface BudgetHold {
  applies(request: {
    team: string;
    offering: string;
    config: Record<string, unknown>;
    previous?: Record<string, unknown>;
  }): boolean;
  lockWithin(tx: Knex.Transaction, team: string): Promise<void>;
  checkWithin(
    tx: Knex.Transaction,
    team: string,
    added: { offering: string; config: Record<string, unknown> },
  ): Promise<void>;
}
