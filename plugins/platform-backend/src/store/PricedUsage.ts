import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { TABLES } from '../database/tables';

const PRICED = TABLES.pricedUsage;

/** Live resources of one team, offering and configuration. */
export interface PricedGroup {
  team: string;
  offering: string;
  config: Record<string, unknown>;
  count: number;
}

/** A live resource as far as its price goes; `config` as stored (JSON text). */
export interface PricedResource {
  team: string;
  offering: string;
  config: string;
}

/**
 * Live resources counted by team, offering and configuration, kept as they
 * come, change and go, in the transaction of each change: a team's spend
 * is a read of a few rows however many resources it has.
 */
export class PricedUsage {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Counts a new live resource (or one's new configuration). */
  async addWithin(tx: Knex.Transaction, resource: PricedResource) {
    await tx(PRICED)
      .insert({ ...keyed(resource), count: 1 })
      .onConflict(['team', 'offering', 'config_key'])
      .merge({ count: tx.raw('?? + 1', [`${PRICED}.count`]) });
  }

  /** Stops counting a resource that is no longer live (or its old configuration). */
  async removeWithin(tx: Knex.Transaction, resource: PricedResource) {
    const { team, offering, config_key } = keyed(resource);
    await tx(PRICED)
      .where({ team, offering, config_key })
      .andWhere('count', '>', 0)
      .decrement('count', 1);
  }

  /**
   * `addWithin` as a statement that counts each row of the named relation
   * (one per created resource), for a writer that sends it inside its own
   * statement.
   */
  addForEachOf(relation: string, resource: PricedResource) {
    const row = keyed(resource);
    return this.#db.raw(
      `insert into ?? (team, offering, config_key, config, count)
       select ?, ?, ?, ?, 1 from ??
       on conflict (team, offering, config_key)
       do update set count = ??.count + 1`,
      [
        PRICED,
        row.team,
        row.offering,
        row.config_key,
        row.config,
        relation,
        PRICED,
      ],
    );
  }

  /** The groups of one team, or of all. */
  async list(team?: string): Promise<PricedGroup[]> {
    const query = this.#db(PRICED)
      .select('team', 'offering', 'config', 'count')
      .where('count', '>', 0)
      .orderBy(['team', 'offering', 'config_key']);
    if (team) {
      query.where({ team });
    }
    const rows: Array<Record<string, unknown>> = await query;
    return rows.map(row => ({
      team: String(row.team),
      offering: String(row.offering),
      config: JSON.parse(String(row.config)),
      count: Number(row.count),
    }));
  }
}

function keyed(resource: PricedResource) {
  return {
    team: resource.team,
    offering: resource.offering,
    config_key: createHash('sha256').update(resource.config).digest('hex'),
    config: resource.config,
  };
}
