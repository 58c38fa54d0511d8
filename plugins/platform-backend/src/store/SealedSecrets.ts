import { Knex } from 'knex';
import { TABLES } from '../database/tables';

const RESOURCES = TABLES.resources;

/**
 * Resources' connection secrets as stored: sealed by the secret box, never
 * listed with the resource itself.
 */
export class SealedSecrets {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** The sealed secrets of a resource. */
  async find(id: string): Promise<string | undefined> {
    const row = await this.#db(RESOURCES)
      .select('secrets')
      .where({ id })
      .first();
    return row?.secrets ?? undefined;
  }

  /** The sealed secrets of the resources that have any, by id. */
  async findAll(ids: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; secrets: string }> = await this.#db(
      RESOURCES,
    )
      .select('id', 'secrets')
      .whereIn('id', ids)
      .whereNotNull('secrets');
    return new Map(rows.map(row => [row.id, row.secrets]));
  }

  /** Sealed secrets of resources after `afterId`, in id order. */
  async list(options: {
    afterId?: string;
    limit: number;
  }): Promise<Array<{ id: string; secrets: string }>> {
    const query = this.#db(RESOURCES)
      .select('id', 'secrets')
      .whereNotNull('secrets')
      .orderBy('id')
      .limit(options.limit);
    if (options.afterId) {
      query.where('id', '>', options.afterId);
    }
    return query;
  }

  /** Replaces a resource's sealed secrets, if they are still `expected`. */
  async replace(
    id: string,
    expected: string,
    replacement: string,
  ): Promise<boolean> {
    const updated = await this.#db(RESOURCES)
      .where({ id, secrets: expected })
      .update({ secrets: replacement });
    return updated === 1;
  }
}
