import {
  Page,
  ResourceEvent,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { TABLES } from '../database/tables';
import { insertForEachOf } from './insertForEachOf';
import { toEvent } from './resourceRows';

const EVENTS = TABLES.events;
const RESOURCES = TABLES.resources;

/** An entry of a resource's timeline, as its writers give it. */
export interface NewEvent {
  id: string;
  type: string;
  state: ResourceState;
  actor: string;
  message: string;
  attempt?: number;
}

/** The row of a new timeline entry. */
export function eventRow(event: NewEvent) {
  return {
    resource_id: event.id,
    time: new Date().toISOString(),
    type: event.type,
    state: event.state,
    actor: event.actor,
    message: event.message,
    attempt: event.attempt ?? null,
  };
}

/** The timelines of resources: what happened to each, and who did it. */
export class EventLog {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Appends an entry, in a caller's transaction. */
  async recordWithin(tx: Knex.Transaction | Knex, event: NewEvent) {
    await tx(EVENTS).insert(eventRow(event));
  }

  /**
   * Runs `update`, a write to the event's resource, and appends the entry if
   * it changed the resource, atomically, with the write `also` when given;
   * resolves with whether it did. On PostgreSQL all is one statement: round
   * trips cost the backend CPU.
   */
  async recordWithUpdate(
    update: Knex.QueryBuilder,
    event: NewEvent,
    options?: { also?: Knex.QueryBuilder },
  ): Promise<boolean> {
    if (isPostgres(this.#db)) {
      // The other write runs only when the update matched.
      const also = options?.also
        ?.clone()
        .whereExists(this.#db.select(1).from('updated'));
      const result = await this.#db.raw(
        `with updated as (?)${also ? ', also as (?)' : ''} ?`,
        [
          update.clone().returning('id'),
          ...(also ? [also] : []),
          insertForEachOf(this.#db, {
            table: EVENTS,
            row: eventRow(event),
            relation: 'updated',
            relationId: 'resource_id',
          }),
        ],
      );
      return result.rowCount === 1;
    }
    return this.#db.transaction(async tx => {
      const updated = await update.clone().transacting(tx);
      if (updated === 0) {
        return false;
      }
      await tx(EVENTS).insert(eventRow(event));
      if (options?.also) {
        await options.also.clone().transacting(tx);
      }
      return true;
    });
  }

  /** A resource's whole timeline, oldest first. */
  async list(id: string): Promise<ResourceEvent[]> {
    const rows = await this.#db(EVENTS)
      .where({ resource_id: id })
      .orderBy('id', 'asc');
    return rows.map(toEvent);
  }

  /**
   * The newest `limit` events before the event `before` (or of all), oldest
   * first; `nextCursor` is the first of them when earlier events remain.
   */
  async page(
    id: string,
    options: { limit: number; before?: number },
  ): Promise<Page<ResourceEvent>> {
    const query = this.#db(EVENTS)
      .where({ resource_id: id })
      .orderBy('id', 'desc')
      .limit(options.limit + 1);
    if (options.before !== undefined) {
      query.where('id', '<', options.before);
    }
    const rows = await query;
    const items = rows.slice(0, options.limit).reverse().map(toEvent);
    return {
      items,
      nextCursor: rows.length > options.limit ? String(items[0].id) : undefined,
    };
  }

  /**
   * Deletes at most `limit` events recorded before `before`, oldest first,
   * but never the newest event of a resource that is not deleted: a live
   * resource's timeline always says how it got to its state.
   */
  async prune(options: { before: string; limit: number }): Promise<number> {
    const db = this.#db;
    const expired = db(`${EVENTS} as e`)
      .select('e.id')
      .where('e.time', '<', options.before)
      .where(prunable =>
        prunable
          .whereExists(
            db(`${EVENTS} as newer`)
              .select(db.raw('1'))
              .where('newer.resource_id', db.ref('e.resource_id'))
              .andWhere('newer.id', '>', db.ref('e.id')),
          )
          .orWhereExists(
            db(`${RESOURCES} as r`)
              .select(db.raw('1'))
              .where('r.id', db.ref('e.resource_id'))
              .whereNotNull('r.deleted_at'),
          ),
      )
      .orderBy('e.time')
      .limit(options.limit);
    return db(EVENTS).whereIn('id', expired).delete();
  }
}
