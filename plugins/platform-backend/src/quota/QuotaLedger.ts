import { QuotaUsage } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { TABLES } from '../database/tables';
import { QuotaConfig } from './QuotaConfig';
import { QuotaExceededError } from './QuotaExceededError';

const USAGE = TABLES.quotaUsage;

/**
 * The one owner of quota usage: how many live resources of each offering a
 * team holds, against its limit. A resource claims its place when it is
 * recorded and releases it when it is deleted or rejected, each inside the
 * transaction that records the change, so the count never drifts.
 */
export class QuotaLedger {
  readonly #db: Knex;
  readonly #limits: QuotaConfig;

  constructor(db: Knex, limits: QuotaConfig = QuotaConfig.unlimited()) {
    this.#db = db;
    this.#limits = limits;
  }

  limitFor(team: string, offering: string): number {
    return this.#limits.limitFor(team, offering);
  }

  /** Live resources per offering of a team. */
  async used(team: string): Promise<Map<string, number>> {
    const rows = await this.#db(USAGE).where({ team });
    return new Map(rows.map(r => [r.offering as string, Number(r.used)]));
  }

  /** A team's use of one offering against its limit. */
  async usageOf(team: string, offering: string): Promise<QuotaUsage> {
    const row = await this.#db(USAGE).where({ team, offering }).first();
    return {
      team,
      offering,
      used: Number(row?.used ?? 0),
      limit: this.limitFor(team, offering),
    };
  }

  /** A team's use of each of the offerings against its limits. */
  async usageOfAll(team: string, offerings: string[]): Promise<QuotaUsage[]> {
    const used = await this.used(team);
    return offerings.map(offering => ({
      team,
      offering,
      used: used.get(offering) ?? 0,
      limit: this.limitFor(team, offering),
    }));
  }

  /**
   * Takes one place of the team's quota of the offering; counting and taking
   * is one conditional update, so concurrent requests never exceed the limit.
   */
  async claimWithin(
    tx: Knex.Transaction,
    team: string,
    offering: string,
  ): Promise<void> {
    const claimed = await this.claimStatement(tx, team, offering);
    if (claimed.length === 0) {
      throw this.exceeded(team, offering);
    }
  }

  /**
   * The statement that takes one place, returning a row when it did: for
   * writers that send it as part of a larger statement. Throws when the
   * limit leaves no place at all.
   */
  claimStatement(db: Knex, team: string, offering: string): Knex.QueryBuilder {
    const limit = this.limitFor(team, offering);
    if (limit <= 0) {
      throw this.exceeded(team, offering);
    }
    // The first place creates the row, every other one is a conditional
    // increment that returns nothing once the limit is reached.
    return db(USAGE)
      .insert({ team, offering, used: 1 })
      .onConflict(['team', 'offering'])
      .merge({ used: db.raw('?? + 1', [`${USAGE}.used`]) })
      .where(`${USAGE}.used`, '<', limit)
      .returning('used');
  }

  /** The refusal of a claim beyond the limit. */
  exceeded(team: string, offering: string): QuotaExceededError {
    return new QuotaExceededError(
      team,
      offering,
      this.limitFor(team, offering),
    );
  }

  /** Gives back the place of a resource that is no longer live. */
  async releaseWithin(
    tx: Knex.Transaction,
    team: string,
    offering: string,
  ): Promise<void> {
    await tx(USAGE)
      .where({ team, offering })
      .andWhere('used', '>', 0)
      .decrement('used', 1);
  }
}
