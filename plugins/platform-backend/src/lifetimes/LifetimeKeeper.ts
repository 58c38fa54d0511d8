import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  PlatformResource,
  liveResourceStates,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { ResourceStore } from '../store/ResourceStore';
import { LifetimeNotifier } from './LifetimeNotifier';
import { DueResource, LifetimeStore } from './LifetimeStore';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';

/** Resources looked at per run; the next run, a minute on, takes the rest. */
const BATCH = 200;

/** Resources held by dependents looked at again per run, in turn. */
const BLOCKED_BATCH = 50;

/** Who expires resources, on their timelines. */
const ACTOR = 'platform-lifetimes';

/**
 * Deletes resources that lived their time, through the normal deletion
 * path, and tells their owners before and when it happens. Every step is a
 * compare-and-set, so several replicas running it at once act once.
 */
export class LifetimeKeeper {
  readonly #store: LifetimeStore;
  readonly #resources: ResourceStore;
  readonly #noticesMs: number[];
  readonly #notifier?: LifetimeNotifier;
  readonly #logger: LoggerService;
  readonly #withdrawApprovals?: (
    tx: Knex.Transaction,
    id: string,
  ) => Promise<void>;
  readonly #changes: ResourceChangeNotifier;
  /** Where the next run goes on through the blocked resources. */
  #blockedAfter?: string;

  constructor(options: {
    store: LifetimeStore;
    resources: ResourceStore;
    noticesMs: number[];
    notifier?: LifetimeNotifier;
    logger: LoggerService;
    /** Ends a request for approval the expired resource waited on. */
    withdrawApprovals?: (tx: Knex.Transaction, id: string) => Promise<void>;
    changes?: ResourceChangeNotifier;
  }) {
    this.#store = options.store;
    this.#resources = options.resources;
    this.#noticesMs = options.noticesMs;
    this.#notifier = options.notifier;
    this.#logger = options.logger;
    this.#withdrawApprovals = options.withdrawApprovals;
    this.#changes = options.changes ?? new ResourceChangeNotifier();
  }

  /**
   * One pass: the notices and expiries that are due, then a page of the
   * expired resources dependents held, to see whether they still do.
   */
  async run(now = new Date(), signal?: AbortSignal): Promise<void> {
    const horizon = new Date(
      now.getTime() + Math.max(0, ...this.#noticesMs),
    ).toISOString();
    for (const due of await this.#store.listDue(horizon, BATCH)) {
      if (signal?.aborted) {
        return;
      }
      await this.#handle(due.resource, () =>
        Date.parse(due.resource.expiresAt!) <= now.getTime()
          ? this.#expire(due.resource, now)
          : this.#notice(due, now),
      );
    }
    const blocked = await this.#store.listBlocked(
      now.toISOString(),
      this.#blockedAfter,
      BLOCKED_BATCH,
    );
    this.#blockedAfter =
      blocked.length < BLOCKED_BATCH
        ? undefined
        : blocked[blocked.length - 1].id;
    for (const resource of blocked) {
      if (signal?.aborted) {
        return;
      }
      await this.#handle(resource, () => this.#expire(resource, now));
    }
  }

  /** One resource's trouble is logged and does not stop the others. */
  async #handle(resource: PlatformResource, step: () => Promise<void>) {
    try {
      await step();
    } catch (error) {
      this.#logger.warn(
        `Could not handle the expiry of resource ${resource.id}: ${error}`,
      );
    }
  }

  /** Sends the nearest notice not sent yet; farther ones it passed are skipped. */
  async #notice(due: DueResource, now: Date) {
    const left = Date.parse(due.resource.expiresAt!) - now.getTime();
    const reached = this.#noticesMs.filter(ahead => left <= ahead);
    if (reached.every(ahead => due.notices.includes(ahead))) {
      return;
    }
    const sent = [...new Set([...due.notices, ...reached])];
    if (await this.#store.recordNotices(due, sent)) {
      this.#notifier?.expiresSoon(due.resource, now.getTime());
    }
  }

  async #expire(resource: PlatformResource, now: Date) {
    const dependents = await this.#resources.findDependents(resource.id, {
      limit: 10,
    });
    if (dependents.length > 0) {
      const reason = `Expired at ${resource.expiresAt}, but ${dependents
        .map(d => `${d.offering} '${d.name}'`)
        .join(', ')} ${
        dependents.length === 1 ? 'depends' : 'depend'
      } on it: delete or extend those first, or extend this one`;
      if (
        await this.#store.markBlocked(resource.id, reason, now.toISOString())
      ) {
        this.#notifier?.blocked(resource, reason);
      }
      return;
    }
    try {
      const deleting = await this.#resources.transition({
        id: resource.id,
        from: liveResourceStates.filter(s => s !== 'deleting'),
        to: 'deleting',
        type: 'expired',
        actor: ACTOR,
        message: `Expired at ${resource.expiresAt}: deleting`,
        // Listed a moment ago: an extend committed since then wins.
        expiresAtOrBefore: now.toISOString(),
        within: this.#withdrawApprovals
          ? tx => this.#withdrawApprovals!(tx, resource.id)
          : undefined,
      });
      this.#notifier?.expired(deleting);
      this.#changes.requested(deleting.id);
    } catch (error) {
      // Another replica, or a person, deleted or extended it first.
      if (!(error instanceof ConflictError)) {
        throw error;
      }
    }
  }
}
