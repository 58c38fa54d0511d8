import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Page,
  PlatformResource,
  RequestChannel,
  ResourceEvent,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { TABLES } from '../database/tables';
import { applyFilter } from '../permissions/applyFilter';
import { ListScope } from '../permissions/ResourceAuthorizer';
import { QuotaExceededError } from './QuotaExceededError';

const RESOURCES = TABLES.resources;
const EVENTS = TABLES.events;
const USAGE = TABLES.quotaUsage;

type ResourceRow = {
  id: string;
  offering: string;
  name: string;
  team: string;
  environment: string;
  state: ResourceState;
  config: string;
  outputs: string;
  depends_on: string;
  component: string | null;
  system: string | null;
  error: string | null;
  created_by: string;
  created_via: RequestChannel;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  generation: number;
  live_key?: string | null;
  health?: string | null;
  drift?: string | null;
  expires_at?: string | null;
  expiry_blocked?: string | null;
};

/** What a new resource is recorded with. */
export interface NewResource {
  offering: string;
  name: string;
  team: string;
  environment: string;
  config: Record<string, unknown>;
  dependsOn: string[];
  component?: string;
  system?: string;
  createdBy: string;
  createdVia: RequestChannel;
  /** Whether the requester belongs to the owning team. */
  selfService?: boolean;
  /** When it expires; null or absent when never. */
  expiresAt?: string | null;
}

/** A move of a resource from one state to another, asked for by someone. */
export interface TransitionOptions {
  id: string;
  from: ResourceState[];
  to: ResourceState;
  actor: string;
  message: string;
  type: string;
  changes?: {
    config?: Record<string, unknown>;
    /** The resources it depends on, when a change of configuration names others. */
    dependsOn?: string[];
    error?: string | null;
  };
}

/** Filters of a resource list; deleted resources are listed only when asked for. */
export interface ResourceFilter {
  team?: string;
  component?: string;
  system?: string;
  environment?: string;
  offering?: string;
  state?: ResourceState;
  limit?: number;
  cursor?: string;
  /** What the requester may see, from the permission framework. */
  scope?: ListScope;
}

/** Everything but the engine's bookkeeping and the sealed secrets. */
const LISTED_COLUMNS = [
  'id',
  'offering',
  'name',
  'team',
  'environment',
  'state',
  'config',
  'outputs',
  'depends_on',
  'component',
  'system',
  'error',
  'created_by',
  'created_via',
  'created_at',
  'updated_at',
  'deleted_at',
  'generation',
  'health',
  'drift',
  'expires_at',
  'expiry_blocked',
];

function liveKey(team: string, environment: string, name: string) {
  return `${team}/${environment}/${name}`;
}

function toResource(row: ResourceRow): PlatformResource {
  return {
    id: row.id,
    offering: row.offering,
    name: row.name,
    team: row.team,
    environment: row.environment,
    state: row.state,
    config: JSON.parse(row.config),
    outputs: JSON.parse(row.outputs),
    dependsOn: JSON.parse(row.depends_on),
    component: row.component ?? undefined,
    system: row.system ?? undefined,
    error: row.error ?? undefined,
    createdBy: row.created_by,
    createdVia: row.created_via,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.health ? { health: JSON.parse(row.health) } : {}),
    ...(row.drift ? { drift: JSON.parse(row.drift) } : {}),
    expiresAt: row.expires_at ?? null,
    ...(row.expiry_blocked ? { expiryBlocked: row.expiry_blocked } : {}),
  };
}

function toEvent(row: Record<string, any>): ResourceEvent {
  return {
    id: Number(row.id),
    resourceId: row.resource_id,
    time: row.time,
    type: row.type,
    state: row.state,
    actor: row.actor,
    message: row.message,
    attempt: row.attempt ?? undefined,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? error);
  return (
    text === '23505' || // PostgreSQL
    text.includes('SQLITE_CONSTRAINT') ||
    String(error).includes('UNIQUE constraint failed')
  );
}

/** Resources, their timelines and quota usage, in the plugin's database. */
export class ResourceStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Records a new pending resource. Counting the team's use of the offering
   * and inserting the resource is one atomic step, so concurrent requests can
   * never exceed `quotaLimit`.
   */
  async create(
    resource: NewResource,
    options: {
      quotaLimit?: number;
      /** `awaiting-approval` when a policy asks for approval first. */
      state?: 'pending' | 'awaiting-approval';
      /** Further writes that belong to the same transaction. */
      within?: (
        tx: Knex.Transaction,
        resource: PlatformResource,
      ) => Promise<void>;
    },
  ): Promise<PlatformResource> {
    const now = new Date().toISOString();
    const row: ResourceRow = {
      id: uuid(),
      offering: resource.offering,
      name: resource.name,
      team: resource.team,
      environment: resource.environment,
      state: options.state ?? 'pending',
      config: JSON.stringify(resource.config),
      outputs: '{}',
      depends_on: JSON.stringify(resource.dependsOn),
      component: resource.component ?? null,
      system: resource.system ?? null,
      error: null,
      created_by: resource.createdBy,
      created_via: resource.createdVia,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      generation: 1,
      expires_at: resource.expiresAt ?? null,
    };
    try {
      await this.#db.transaction(async tx => {
        await tx(USAGE)
          .insert({ team: resource.team, offering: resource.offering, used: 0 })
          .onConflict(['team', 'offering'])
          .ignore();
        let claim = tx(USAGE).where({
          team: resource.team,
          offering: resource.offering,
        });
        if (options.quotaLimit !== undefined) {
          claim = claim.andWhere('used', '<', options.quotaLimit);
        }
        const claimed = await claim.increment('used', 1);
        if (claimed === 0) {
          throw new QuotaExceededError(
            resource.team,
            resource.offering,
            options.quotaLimit ?? 0,
          );
        }
        await tx(RESOURCES).insert({
          ...row,
          self_service: resource.selfService ?? null,
          live_key: liveKey(resource.team, resource.environment, resource.name),
        });
        await tx(EVENTS).insert({
          resource_id: row.id,
          time: now,
          type: 'requested',
          state: row.state,
          actor: resource.createdBy,
          message: `Requested through the ${resource.createdVia}`,
        });
        await options.within?.(tx, toResource(row));
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `A live resource named '${resource.name}' already exists for ${resource.team} in ${resource.environment}`,
        );
      }
      throw error;
    }
    return toResource(row);
  }

  /** The sealed secrets of a resource, for the engine only. */
  async findSecrets(id: string): Promise<string | undefined> {
    const row = await this.#db(RESOURCES)
      .select('secrets')
      .where({ id })
      .first();
    return row?.secrets ?? undefined;
  }

  /** Sealed secrets of resources after `afterId`, in id order. */
  async listSealedSecrets(options: {
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
  async replaceSealedSecrets(
    id: string,
    expected: string,
    replacement: string,
  ): Promise<boolean> {
    const updated = await this.#db(RESOURCES)
      .where({ id, secrets: expected })
      .update({ secrets: replacement });
    return updated === 1;
  }

  /** Records what a reconcile saw of a ready resource. */
  async recordHealth(
    id: string,
    health: PlatformResource['health'],
    drift: PlatformResource['drift'],
  ): Promise<void> {
    await this.#db(RESOURCES)
      .where({ id })
      .update({
        health: JSON.stringify(health),
        drift: JSON.stringify(drift ?? []),
        reconciled_at: new Date().toISOString(),
      });
    await this.#db('platform_health_checks').insert({
      resource_id: id,
      checked_at: health?.checkedAt ?? new Date().toISOString(),
      healthy: health?.healthy ?? false,
    });
  }

  async find(id: string): Promise<PlatformResource | undefined> {
    const row: ResourceRow | undefined = await this.#db(RESOURCES)
      .select(LISTED_COLUMNS)
      .where({ id })
      .first();
    return row ? toResource(row) : undefined;
  }

  async get(id: string): Promise<PlatformResource> {
    const resource = await this.find(id);
    if (!resource) {
      throw new NotFoundError(`No resource '${id}'`);
    }
    return resource;
  }

  /** The live resource of a team and environment with this name, if any. */
  async findLive(
    team: string,
    environment: string,
    name: string,
  ): Promise<PlatformResource | undefined> {
    const row: ResourceRow | undefined = await this.#db(RESOURCES)
      .select(LISTED_COLUMNS)
      .where({ live_key: liveKey(team, environment, name) })
      .first();
    return row ? toResource(row) : undefined;
  }

  /** Live resources that depend on the given one; the first `limit` of them if given. */
  async findDependents(
    id: string,
    options?: { limit?: number },
  ): Promise<PlatformResource[]> {
    const query = this.#db(RESOURCES)
      .select(LISTED_COLUMNS)
      .whereNotNull('live_key')
      .andWhere('depends_on', 'like', `%"${id}"%`)
      .orderBy('id');
    if (options?.limit !== undefined) {
      query.limit(options.limit);
    }
    const rows: ResourceRow[] = await query;
    return rows.map(toResource);
  }

  /** Team, offering and configuration of every live resource, or of one team's. */
  async listPriced(
    team?: string,
  ): Promise<
    Array<{ team: string; offering: string; config: Record<string, unknown> }>
  > {
    const query = this.#db(RESOURCES)
      .select('team', 'offering', 'config')
      .whereNotNull('live_key');
    if (team) {
      query.where({ team });
    }
    const rows = await query;
    return rows.map(row => ({
      team: row.team,
      offering: row.offering,
      config: JSON.parse(row.config),
    }));
  }

  /** Newest first, keyset-paginated on the time-ordered id. */
  async list(filter: ResourceFilter): Promise<Page<PlatformResource>> {
    const limit = filter.limit ?? 50;
    if (filter.scope?.type === 'none') {
      return { items: [] };
    }
    const query = this.#db(RESOURCES)
      .select(LISTED_COLUMNS)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (filter.state) {
      query.where('state', filter.state);
    } else {
      query.whereNull('deleted_at');
    }
    for (const key of [
      'team',
      'environment',
      'offering',
      'component',
      'system',
    ] as const) {
      if (filter[key]) {
        query.where(key, filter[key]);
      }
    }
    if (filter.cursor) {
      query.where('id', '<', filter.cursor);
    }
    if (filter.scope?.type === 'filter') {
      applyFilter(query, filter.scope.filter);
    }
    const rows: ResourceRow[] = await query;
    const items = rows.slice(0, limit).map(toResource);
    return {
      items,
      nextCursor: rows.length > limit ? items[items.length - 1].id : undefined,
    };
  }

  async listEvents(id: string): Promise<ResourceEvent[]> {
    const rows = await this.#db(EVENTS)
      .where({ resource_id: id })
      .orderBy('id', 'asc');
    return rows.map(toEvent);
  }

  /**
   * The newest `limit` events before the event `before` (or of all), oldest
   * first; `nextCursor` is the first of them when earlier events remain.
   */
  async listEventPage(
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
  async pruneEvents(options: {
    before: string;
    limit: number;
  }): Promise<number> {
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

  /** Live resources per offering of a team. */
  async usage(team: string): Promise<Map<string, number>> {
    const rows = await this.#db(USAGE).where({ team });
    return new Map(rows.map(r => [r.offering as string, Number(r.used)]));
  }

  /**
   * Moves a resource from one of `from` to `to`, recording the event; fails
   * with a conflict when the resource is in another state by then.
   */
  async transition(
    options: TransitionOptions & {
      /** Further writes that belong to the same transaction. */
      within?: (tx: Knex.Transaction) => Promise<void>;
    },
  ): Promise<PlatformResource> {
    await this.#db.transaction(async tx => {
      await this.transitionWithin(tx, options);
      await options.within?.(tx);
    });
    return this.get(options.id);
  }

  /** `transition` as part of a caller's transaction. */
  async transitionWithin(
    tx: Knex.Transaction,
    options: TransitionOptions,
  ): Promise<void> {
    const now = new Date().toISOString();
    const update: Record<string, unknown> = {
      state: options.to,
      updated_at: now,
      // A new request starts its attempts afresh and is due at once.
      attempts: 0,
      next_attempt_at: null,
    };
    if (options.changes?.config) {
      update.config = JSON.stringify(options.changes.config);
      update.generation = tx.raw('generation + 1');
    }
    if (options.changes?.dependsOn) {
      update.depends_on = JSON.stringify(options.changes.dependsOn);
    }
    if (options.changes?.error !== undefined) {
      update.error = options.changes.error;
    }
    const updated = await tx(RESOURCES)
      .where({ id: options.id })
      .whereIn('state', options.from)
      .update(update);
    if (updated === 0) {
      const current = await tx<ResourceRow>(RESOURCES)
        .where({ id: options.id })
        .first();
      if (!current) {
        throw new NotFoundError(`No resource '${options.id}'`);
      }
      throw new ConflictError(
        `Resource '${current.name}' is ${
          current.state
        }; this needs it to be ${options.from.join(' or ')}`,
      );
    }
    await this.recordEventWithin(tx, {
      id: options.id,
      type: options.type,
      state: options.to,
      actor: options.actor,
      message: options.message,
    });
  }

  /**
   * Ends a resource that was never provisioned because its request was
   * rejected: like a deletion, it frees its name and its quota.
   */
  async rejectWithin(
    tx: Knex.Transaction,
    options: { id: string; actor: string; type: string; reason: string },
  ): Promise<void> {
    const now = new Date().toISOString();
    const row = await tx<ResourceRow>(RESOURCES)
      .where({ id: options.id, state: 'awaiting-approval' })
      .first();
    if (!row) {
      throw new ConflictError(
        `Resource '${options.id}' no longer awaits approval`,
      );
    }
    await tx(RESOURCES).where({ id: options.id }).update({
      state: 'rejected',
      error: options.reason,
      deleted_at: now,
      updated_at: now,
      live_key: null,
    });
    await tx(USAGE)
      .where({ team: row.team, offering: row.offering })
      .andWhere('used', '>', 0)
      .decrement('used', 1);
    await this.recordEventWithin(tx, {
      id: options.id,
      type: options.type,
      state: 'rejected',
      actor: options.actor,
      message: options.reason,
    });
  }

  /** Appends an entry to a resource's timeline, in a caller's transaction. */
  async recordEventWithin(
    tx: Knex.Transaction,
    event: {
      id: string;
      type: string;
      state: ResourceState;
      actor: string;
      message: string;
    },
  ): Promise<void> {
    await tx(EVENTS).insert({
      resource_id: event.id,
      time: new Date().toISOString(),
      type: event.type,
      state: event.state,
      actor: event.actor,
      message: event.message,
    });
  }
}
