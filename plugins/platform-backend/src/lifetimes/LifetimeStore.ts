import { ConflictError } from '@backstage/errors';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { TABLES } from '../database/tables';
import { InvalidRequestError } from '../errors/RequestErrors';
import { ResourceStore } from '../store/ResourceStore';
import { LISTED_COLUMNS, ResourceRow, toResource } from '../store/resourceRows';

/** A live resource due for a notice or for expiry, with the notices it had. */
export interface DueResource {
  resource: PlatformResource;
  /** Milliseconds ahead of expiry of the notices already sent. */
  notices: number[];
  /** The stored notices, for the compare-and-set that records the next. */
  noticesText: string | null;
}

/** Live resources that are not being deleted yet. */
function liveAndNotDeleting(db: Knex) {
  return db(TABLES.resources)
    .select([...LISTED_COLUMNS, 'expiry_notices'])
    .whereNotNull('live_key')
    .whereNot('state', 'deleting');
}

/** When live resources expire, and what their owners were told of it. */
export class LifetimeStore {
  readonly #db: Knex;
  readonly #resources: ResourceStore;

  constructor(db: Knex, resources: ResourceStore) {
    this.#db = db;
    this.#resources = resources;
  }

  /**
   * Live resources, not yet deleting, that expire at or before `before`;
   * those held by dependents are left to `listBlocked`, so that however
   * many there are they never fill the batch.
   */
  async listDue(before: string, limit: number): Promise<DueResource[]> {
    const rows: Array<ResourceRow & { expiry_notices: string | null }> =
      await liveAndNotDeleting(this.#db)
        .whereNull('expiry_blocked')
        .where('expires_at', '<=', before)
        .orderBy('expires_at')
        .orderBy('id')
        .limit(limit);
    return rows.map(row => ({
      resource: toResource(row),
      notices: row.expiry_notices ? JSON.parse(row.expiry_notices) : [],
      noticesText: row.expiry_notices ?? null,
    }));
  }

  /**
   * Expired resources that dependents held the last time they were looked
   * at, in order of id after `after`: a caller walks them a page per run
   * and starts over at the end, so each is looked at again in turn.
   */
  async listBlocked(
    now: string,
    after: string | undefined,
    limit: number,
  ): Promise<PlatformResource[]> {
    const query = liveAndNotDeleting(this.#db)
      .whereNotNull('expiry_blocked')
      .where('expires_at', '<=', now)
      .orderBy('id')
      .limit(limit);
    if (after) {
      query.where('id', '>', after);
    }
    const rows: ResourceRow[] = await query;
    return rows.map(toResource);
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

  /**
   * Notes why an expired resource stays; false when it already said so, or
   * when it was extended meanwhile and no longer expires by `now`.
   */
  async markBlocked(id: string, reason: string, now: string): Promise<boolean> {
    const updated = await this.#db(TABLES.resources)
      .where({ id })
      .where('expires_at', '<=', now)
      .andWhere(q =>
        q.whereNull('expiry_blocked').orWhereNot('expiry_blocked', reason),
      )
      .update({ expiry_blocked: reason });
    return updated === 1;
  }

  /**
   * Moves a live resource's expiry later, starting its notices afresh.
   * Never earlier, and never onto a resource that does not expire: either
   * would let whoever may change a resource delete it. Judged on the row as
   * locked here, so racing extends cannot add up to a shorter life.
   */
  async extend(options: {
    id: string;
    expiresAt: string;
    actor: string;
    message: string;
  }): Promise<PlatformResource> {
    await this.#db.transaction(async tx => {
      const query = tx(TABLES.resources)
        .select('state', 'live_key', 'expires_at')
        .where({ id: options.id });
      // SQLite runs one writing transaction at a time already.
      if (isPostgres(tx)) {
        query.forUpdate();
      }
      const row = await query.first();
      if (!row?.live_key || row.state === 'deleting') {
        throw new ConflictError(
          'Only a live resource that is not being deleted can be extended',
        );
      }
      if (!row.expires_at) {
        throw new InvalidRequestError([
          {
            field: 'expiresAt',
            message:
              'cannot be given: this resource never expires, and extending cannot add an expiry',
          },
        ]);
      }
      if (Date.parse(options.expiresAt) <= Date.parse(row.expires_at)) {
        throw new InvalidRequestError([
          {
            field: 'expiresAt',
            message: `must be later than the current expiry ${row.expires_at}; to end the resource sooner, delete it`,
          },
        ]);
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
