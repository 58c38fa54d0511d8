import { ConflictError } from '@backstage/errors';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { TABLES } from '../database/tables';
import { ResourceStore } from '../store/ResourceStore';

/** A live resource due for a notice or for expiry, with the notices it had. */
export interface DueResource {
  resource: PlatformResource;
  /** Milliseconds ahead of expiry of the notices already sent. */
  notices: number[];
  /** The stored notices, for the compare-and-set that records the next. */
  noticesText: string | null;
}

/** When live resources expire, and what their owners were told of it. */
export class LifetimeStore {
  readonly #db: Knex;
  readonly #resources: ResourceStore;

  constructor(db: Knex, resources: ResourceStore) {
    this.#db = db;
    this.#resources = resources;
  }

  /** Live resources, not yet deleting, that expire at or before `before`. */
  async listDue(before: string, limit: number): Promise<DueResource[]> {
    const rows = await this.#db(TABLES.resources)
      .select('id', 'expiry_notices')
      .whereNotNull('live_key')
      .whereNot('state', 'deleting')
      .where('expires_at', '<=', before)
      .orderBy('expires_at')
      .limit(limit);
    const due: DueResource[] = [];
    for (const row of rows) {
      const resource = await this.#resources.find(row.id);
      if (resource) {
        due.push({
          resource,
          notices: row.expiry_notices ? JSON.parse(row.expiry_notices) : [],
          noticesText: row.expiry_notices ?? null,
        });
      }
    }
    return due;
  }

  /**
   * Records the notices sent, unless another replica recorded some first;
   * only the replica that records them sends them.
   */
  async recordNotices(due: DueResource, notices: number[]): Promise<boolean> {
    const query = this.#db(TABLES.resources).where({ id: due.resource.id });
    if (due.noticesText === null) {
      query.whereNull('expiry_notices');
    } else {
      query.where('expiry_notices', due.noticesText);
    }
    const updated = await query.update({
      expiry_notices: JSON.stringify(notices),
    });
    return updated === 1;
  }

  /** Notes why an expired resource stays; false when it already said so. */
  async markBlocked(id: string, reason: string): Promise<boolean> {
    const updated = await this.#db(TABLES.resources)
      .where({ id })
      .andWhere(q =>
        q.whereNull('expiry_blocked').orWhereNot('expiry_blocked', reason),
      )
      .update({ expiry_blocked: reason });
    return updated === 1;
  }

  /** Moves a live resource's expiry, starting its notices afresh. */
  async extend(options: {
    id: string;
    expiresAt: string;
    actor: string;
    message: string;
  }): Promise<PlatformResource> {
    await this.#db.transaction(async tx => {
      const row = await tx(TABLES.resources)
        .select('state')
        .where({ id: options.id })
        .whereNotNull('live_key')
        .whereNot('state', 'deleting')
        .first();
      if (!row) {
        throw new ConflictError(
          'Only a live resource that is not being deleted can be extended',
        );
      }
      await tx(TABLES.resources).where({ id: options.id }).update({
        expires_at: options.expiresAt,
        expiry_notices: null,
        expiry_blocked: null,
        updated_at: new Date().toISOString(),
      });
      await this.#resources.events.recordWithin(tx, {
        id: options.id,
        type: 'extended',
        state: row.state,
        actor: options.actor,
        message: options.message,
      });
    });
    return this.#resources.get(options.id);
  }
}
