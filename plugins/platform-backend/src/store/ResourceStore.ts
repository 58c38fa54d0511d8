import { ConflictError, NotFoundError } from '@backstage/errors';
import { Page, PlatformResource } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { isPostgres } from '../database/isPostgres';
import { TABLES } from '../database/tables';
import { applyFilter } from '../permissions/applyFilter';
import { BudgetHold } from './BudgetHold';
import { QuotaLedger } from '../quota/QuotaLedger';
import { dependentIds, replaceDependenciesWithin } from './dependencies';
import { createInOneStatement } from './createInOneStatement';
import { EventLog, NewEvent, eventRow } from './EventLog';
import {
  LISTED_COLUMNS,
  NewResource,
  ResourceFilter,
  ResourceRow,
  TransitionOptions,
  isUniqueViolation,
  liveKey,
  toResource,
} from './resourceRows';
import { PricedGroup, PricedUsage } from './PricedUsage';
import { HealthCheck, recordHealth } from './recordHealth';
import { SealedSecrets } from './SealedSecrets';

export type {
  NewResource,
  ResourceFilter,
  TransitionOptions,
} from './resourceRows';

const RESOURCES = TABLES.resources;

/**
 * Resources in the plugin's database, with their timelines, dependencies
 * and sealed secrets: the one place that writes them, apart from the
 * engine's work queue.
 */
export class ResourceStore {
  readonly #db: Knex;
  readonly #quota: QuotaLedger;
  readonly #priced: PricedUsage;
  readonly #budget?: BudgetHold;
  readonly events: EventLog;
  readonly secrets: SealedSecrets;

  constructor(
    db: Knex,
    options?: { quota?: QuotaLedger; budget?: BudgetHold },
  ) {
    this.#db = db;
    this.#quota = options?.quota ?? new QuotaLedger(db);
    this.#budget = options?.budget;
    this.#priced = new PricedUsage(db);
    this.events = new EventLog(db);
    this.secrets = new SealedSecrets(db);
  }

  /**
   * Records a new pending resource, claiming its place in the team's quota
   * in the same transaction, so concurrent requests never exceed it.
   */
  async create(
    resource: NewResource,
    options: {
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
    const stored = {
      ...row,
      self_service: resource.selfService ?? null,
      live_key: liveKey(resource.team, resource.environment, resource.name),
    };
    const requested: NewEvent = {
      id: row.id,
      type: 'requested',
      state: row.state,
      actor: resource.createdBy,
      message: `Requested through the ${resource.createdVia}`,
    };
    const budgeted = this.#budget?.applies(resource) ?? false;
    try {
      if (
        isPostgres(this.#db) &&
        !options.within &&
        !budgeted &&
        resource.dependsOn.length === 0
      ) {
        // The common request, in one round trip.
        const created = await createInOneStatement(this.#db, {
          claim: this.#quota.claimStatement(
            this.#db,
            resource.team,
            resource.offering,
          ),
          resource: stored,
          event: eventRow(requested),
          counted: this.#priced.addForEachOf('created', row),
        });
        if (!created) {
          throw this.#quota.exceeded(resource.team, resource.offering);
        }
        return toResource(row);
      }
      await this.#db.transaction(async tx => {
        if (budgeted) {
          await this.#budget!.lockWithin(tx, resource.team);
        }
        await tx(RESOURCES).insert(stored);
        await replaceDependenciesWithin(tx, row.id, resource.dependsOn, {
          isNew: true,
        });
        await this.events.recordWithin(tx, requested);
        await this.#priced.addWithin(tx, row);
        if (budgeted) {
          await this.#budget!.checkWithin(tx, resource.team, resource);
        }
        await options.within?.(tx, toResource(row));
        // Last, just before the commit: the team's row of usage stays locked
        // until then, and every other create of the team waits for it.
        await this.#quota.claimWithin(tx, resource.team, resource.offering);
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

  /** Records what a reconcile saw of a page of ready resources. */
  async recordHealth(checks: HealthCheck[]): Promise<void> {
    await recordHealth(this.#db, checks);
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
      .whereIn('id', dependentIds(this.#db, id))
      .orderBy('id');
    if (options?.limit !== undefined) {
      query.limit(options.limit);
    }
    const rows: ResourceRow[] = await query;
    return rows.map(toResource);
  }

  /**
   * Live resources counted by team, offering and configuration, of all
   * teams or of one: what prices are applied to. Teams repeat a few
   * configurations, so this stays short however many resources there are.
   */
  async listPriced(team?: string): Promise<PricedGroup[]> {
    return this.#priced.list(team);
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
    } else if (!filter.ids) {
      query.whereNull('deleted_at');
    }
    if (filter.ids) {
      query.whereIn('id', filter.ids);
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
    // The row first, then (for a costlier change) the team's budget lock:
    // the order an approval, which holds the row already, takes them in.
    const before = options.changes?.config
      ? await tx<ResourceRow>(RESOURCES)
          .select('team', 'offering', 'config', 'live_key')
          .where({ id: options.id })
          .modify(q => {
            // SQLite runs one writing transaction at a time already.
            if (isPostgres(tx)) q.forUpdate();
          })
          .first()
      : undefined;
    // A change that costs more is kept within the team's budget as a create is.
    const budgeted =
      before?.live_key && options.changes?.config
        ? this.#budget?.applies({
            team: before.team,
            offering: before.offering,
            config: options.changes.config,
            previous: JSON.parse(before.config),
          }) ?? false
        : false;
    if (budgeted) {
      await this.#budget!.lockWithin(tx, before!.team);
    }
    if (options.changes?.config) {
      update.config = JSON.stringify(options.changes.config);
      update.generation = tx.raw('generation + 1');
    }
    if (options.changes?.dependsOn) {
      update.depends_on = JSON.stringify(options.changes.dependsOn);
      await replaceDependenciesWithin(
        tx,
        options.id,
        options.changes.dependsOn,
      );
    }
    if (options.changes?.error !== undefined) {
      update.error = options.changes.error;
    }
    const query = tx(RESOURCES)
      .where({ id: options.id })
      .whereIn('state', options.from);
    if (options.expiresAtOrBefore) {
      query.where('expires_at', '<=', options.expiresAtOrBefore);
    }
    const updated = await query.update(update);
    if (updated === 0) {
      const current = await tx<ResourceRow>(RESOURCES)
        .where({ id: options.id })
        .first();
      if (!current) {
        throw new NotFoundError(`No resource '${options.id}'`);
      }
      if (options.expiresAtOrBefore && options.from.includes(current.state)) {
        throw new ConflictError(
          `Resource '${current.name}' no longer expires by ${options.expiresAtOrBefore}`,
        );
      }
      throw new ConflictError(
        `Resource '${current.name}' is ${
          current.state
        }; this needs it to be ${options.from.join(' or ')}`,
      );
    }
    if (before?.live_key && typeof update.config === 'string') {
      // The resource is priced at its new configuration from now on.
      await this.#priced.removeWithin(tx, before);
      await this.#priced.addWithin(tx, { ...before, config: update.config });
      if (budgeted) {
        await this.#budget!.checkWithin(tx, before.team, {
          offering: before.offering,
          config: options.changes!.config!,
        });
      }
    }
    await this.events.recordWithin(tx, {
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
    // Priced usage, then quota: the order a create takes them in.
    await this.#priced.removeWithin(tx, row);
    await this.#quota.releaseWithin(tx, row.team, row.offering);
    await this.events.recordWithin(tx, {
      id: options.id,
      type: options.type,
      state: 'rejected',
      actor: options.actor,
      message: options.reason,
    });
  }
}
