import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { BudgetHold } from '../store/BudgetHold';
import { PricedUsage } from '../store/PricedUsage';
import { BudgetConfig } from './BudgetConfig';
import { BudgetExceededError } from './BudgetExceededError';
import { PriceList } from './PriceList';

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Keeps a team within its budget at the moment a create or a change is
 * recorded, as the quota is kept: the budget policy judges a request
 * before, but two requests judged at once could each fit alone and
 * overshoot together. Inside the writing transaction the team is locked,
 * its spend read with the new row counted, and the write refused if it
 * went over. Teams without a budget, and free requests, pay nothing.
 */
export class BudgetGuard implements BudgetHold {
  readonly #budgets: BudgetConfig;
  readonly #prices: PriceList;

  constructor(options: { budgets: BudgetConfig; prices: PriceList }) {
    this.#budgets = options.budgets;
    this.#prices = options.prices;
  }

  /** Whether a request adds to a budgeted team's spend, so needs the guard. */
  applies(request: {
    team: string;
    offering: string;
    config: Record<string, unknown>;
    previous?: Record<string, unknown>;
  }): boolean {
    return (
      this.#budgets.budgetOf(request.team) !== null &&
      this.#monthly(request.offering, request.config) >
        (request.previous
          ? this.#monthly(request.offering, request.previous)
          : 0)
    );
  }

  /**
   * Takes the team's lock for the rest of the transaction: first of all
   * its writes, so every writer of a budgeted team locks in one order.
   * SQLite runs one write transaction at a time already.
   */
  async lockWithin(tx: Knex.Transaction, team: string): Promise<void> {
    if (isPostgres(tx)) {
      await tx.raw(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
        `platform-budget:${team}`,
      ]);
    }
  }

  /**
   * Refuses the write when the team's spend, read inside the transaction
   * after the write counted its resource, is over the budget.
   */
  async checkWithin(
    tx: Knex.Transaction,
    team: string,
    added: { offering: string; config: Record<string, unknown> },
  ): Promise<void> {
    const budget = this.#budgets.budgetOf(team);
    if (budget === null) {
      return;
    }
    const groups = await new PricedUsage(tx).list(team);
    const spend = cents(
      groups.reduce(
        (sum, group) =>
          sum + this.#monthly(group.offering, group.config) * group.count,
        0,
      ),
    );
    if (spend > budget) {
      throw new BudgetExceededError({
        team,
        spend,
        budget,
        added: this.#monthly(added.offering, added.config),
        currency: this.#prices.currency,
      });
    }
  }

  #monthly(offering: string, config: Record<string, unknown>): number {
    return this.#prices.priceOf(offering, config).monthly;
  }
}
