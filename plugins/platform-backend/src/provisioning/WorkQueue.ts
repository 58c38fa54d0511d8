import { ResourceState } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { TABLES } from '../database/tables';
import { QuotaLedger } from '../quota/QuotaLedger';
import { dependentIds } from '../store/dependencies';
import { EventLog } from '../store/EventLog';
import { Claim, WORK_STATES, claimAtOnce, claimOneByOne } from './claiming';
import { PricedUsage } from '../store/PricedUsage';

const RESOURCES = TABLES.resources;
const ENGINE = 'platform-engine';

export { WORK_STATES } from './claiming';
export type { Claim, ClaimedResource } from './claiming';

/** The claim no longer holds: another replica owns the resource, or a request changed its state. */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`The claim on resource ${id} no longer holds`);
    this.name = 'LeaseLostError';
  }
}

/** The work a claimed resource is in: its state while a provisioner runs. */
export type WorkPhase = 'provisioning' | 'updating' | 'deleting';

/** What a provisioner returned, for a resource that is now ready. */
export interface ReadyResult {
  attempt: number;
  outputs: Record<string, unknown>;
  /** Secrets sealed for the resource; when absent, the stored ones stay. */
  sealedSecrets?: string;
}

/** The columns of a resource that the engine's writes change. */
type WorkChanges = {
  state?: ResourceState;
  error?: string | null;
  attempts?: number;
  outputs?: string;
  secrets?: string;
  ready_at?: string;
  provision_seconds?: number;
  lease_ticket?: null;
  lease_expires_at?: null;
  next_attempt_at?: string | null;
};

/** A claim given back, with no retry pending. */
const RELEASED: WorkChanges = {
  lease_ticket: null,
  lease_expires_at: null,
  next_attempt_at: null,
};

function readyChanges(result: ReadyResult): WorkChanges {
  return {
    state: 'ready',
    error: null,
    attempts: 0,
    outputs: JSON.stringify(result.outputs),
    ...RELEASED,
    ...(result.sealedSecrets ? { secrets: result.sealedSecrets } : {}),
  };
}

function at(offsetMs: number) {
  return new Date(Date.now() + offsetMs).toISOString();
}

/**
 * Claims resources that need work, with a lease, and writes their state
 * fenced by the lease ticket: a replica that lost its lease can no longer
 * change the resource.
 */
export class WorkQueue {
  readonly #db: Knex;
  readonly #leaseMs: number;
  readonly #quota: QuotaLedger;
  readonly #events: EventLog;
  readonly #priced: PricedUsage;

  constructor(db: Knex, options: { leaseMs: number; quota?: QuotaLedger }) {
    this.#db = db;
    this.#leaseMs = options.leaseMs;
    this.#quota = options.quota ?? new QuotaLedger(db);
    this.#events = new EventLog(db);
    this.#priced = new PricedUsage(db);
  }

  /** Claims up to `limit` resources that are due and not leased by a live replica. */
  async claim(limit: number): Promise<Claim[]> {
    if (limit <= 0) {
      return [];
    }
    const lease = { limit, expiresAt: at(this.#leaseMs) };
    return isPostgres(this.#db)
      ? claimAtOnce(this.#db, lease)
      : claimOneByOne(this.#db, lease);
  }

  /** Extends the lease; throws LeaseLostError when another replica took over. */
  async renew(claim: Claim): Promise<void> {
    const updated = await this.#db(RESOURCES)
      .where({ id: claim.id, lease_ticket: claim.ticket })
      .update({ lease_expires_at: at(this.#leaseMs) });
    if (updated === 0) {
      throw new LeaseLostError(claim.id);
    }
  }

  /** Starts provisioning a pending resource; the claim stays held for the attempt. */
  async markProvisioning(claim: Claim, attempt: number): Promise<void> {
    await this.#write(
      claim,
      'pending',
      { state: 'provisioning' },
      {
        type: 'provisioning',
        state: 'provisioning',
        message: `Provisioning started (attempt ${attempt})`,
        attempt,
      },
    );
  }

  /**
   * Records a provisioned resource as ready, and when it first became so;
   * resources waiting on it are due at once.
   */
  async markProvisioned(
    claim: Claim,
    result: ReadyResult & { readyAt: Date; provisionSeconds: number },
  ): Promise<void> {
    await this.#write(
      claim,
      'provisioning',
      {
        ...readyChanges(result),
        ready_at: result.readyAt.toISOString(),
        provision_seconds: result.provisionSeconds,
      },
      {
        type: 'provisioned',
        state: 'ready',
        message: `Ready (attempt ${result.attempt})`,
        attempt: result.attempt,
      },
      { settles: true },
    );
  }

  /** Records an updated resource as ready again; resources waiting on it are due at once. */
  async markUpdated(claim: Claim, result: ReadyResult): Promise<void> {
    await this.#write(
      claim,
      'updating',
      readyChanges(result),
      {
        type: 'updated',
        state: 'ready',
        message: `Updated (attempt ${result.attempt})`,
        attempt: result.attempt,
      },
      { settles: true },
    );
  }

  /**
   * Gives up on the resource: it is failed with the error, and the claim
   * released. `expected` is the state it is in now. Resources waiting on it
   * are due at once, to fail in turn.
   */
  async markFailed(
    claim: Claim,
    expected: ResourceState,
    failure: { error: string; attempt: number },
  ): Promise<void> {
    const { error, attempt } = failure;
    await this.#write(
      claim,
      expected,
      {
        state: 'failed',
        error,
        attempts: attempt,
        ...RELEASED,
      },
      { type: 'failed', state: 'failed', message: `Failed: ${error}`, attempt },
      { settles: true },
    );
  }

  /**
   * Records a failed attempt and releases the claim until the retry is due;
   * the resource stays in the state of its work.
   */
  async scheduleRetry(
    claim: Claim,
    phase: WorkPhase,
    failure: { error: string; attempt: number; delayMs: number },
  ): Promise<void> {
    const { error, attempt, delayMs } = failure;
    await this.#write(
      claim,
      phase,
      {
        error,
        attempts: attempt,
        ...RELEASED,
        next_attempt_at: at(delayMs),
      },
      {
        type: 'attempt-failed',
        state: phase,
        message: `Attempt ${attempt} failed: ${error}; retrying in ${Math.ceil(
          delayMs / 1000,
        )} s`,
        attempt,
      },
    );
  }

  /**
   * Writes the resource, fenced by the claim's ticket and the state it is
   * expected in, and records the event with it, atomically; when the write
   * `settles` the resource, its dependents waiting for it are brought
   * forward in the same write.
   */
  async #write(
    claim: Claim,
    expected: ResourceState,
    changes: WorkChanges,
    event: {
      type: string;
      state: ResourceState;
      message: string;
      attempt: number;
    },
    options?: { settles?: boolean },
  ): Promise<void> {
    const update = this.#db(RESOURCES)
      .where({ id: claim.id, lease_ticket: claim.ticket, state: expected })
      .update({ ...changes, updated_at: new Date().toISOString() });
    const written = await this.#events.recordWithUpdate(
      update,
      { ...event, id: claim.id, actor: ENGINE },
      options?.settles ? { also: this.#wakeDependents(claim.id) } : undefined,
    );
    if (!written) {
      // A request changed the resource meanwhile (say, a delete during
      // provisioning): give it back so the new state is worked on now, not
      // once the lease lapses.
      await this.#db(RESOURCES)
        .where({ id: claim.id, lease_ticket: claim.ticket })
        .update(RELEASED);
      throw new LeaseLostError(claim.id);
    }
  }

  /** Gives the resource back without changing its state, to be picked up at `retryAt`. */
  async release(claim: Claim, retryAt?: Date): Promise<void> {
    await this.#db(RESOURCES)
      .where({ id: claim.id, lease_ticket: claim.ticket })
      .update({
        lease_ticket: null,
        lease_expires_at: null,
        next_attempt_at: retryAt ? retryAt.toISOString() : null,
      });
  }

  /** Turns a deleted resource into a tombstone, freeing its name and quota. */
  async finishDeletion(claim: Claim, message: string): Promise<void> {
    const now = new Date().toISOString();
    await this.#db.transaction(async tx => {
      const row = await tx(RESOURCES)
        .where({ id: claim.id, lease_ticket: claim.ticket, state: 'deleting' })
        .first();
      if (!row) {
        throw new LeaseLostError(claim.id);
      }
      await tx(RESOURCES).where({ id: claim.id }).update({
        state: 'deleted',
        deleted_at: now,
        updated_at: now,
        live_key: null,
        secrets: null,
        error: null,
        lease_ticket: null,
        lease_expires_at: null,
        next_attempt_at: null,
      });
      // Priced usage, then quota: the order a create takes them in.
      await this.#priced.removeWithin(tx, row);
      await this.#quota.releaseWithin(tx, row.team, row.offering);
      await this.#events.recordWithin(tx, {
        id: claim.id,
        type: 'deleted',
        state: 'deleted',
        actor: ENGINE,
        message,
      });
    });
  }

  /** Appends a progress entry from a provisioner to the timeline. */
  async appendEvent(
    id: string,
    state: ResourceState,
    message: string,
    attempt: number,
  ) {
    await this.#events.recordWithin(this.#db, {
      id,
      type: 'progress',
      state,
      actor: ENGINE,
      message,
      attempt,
    });
  }

  /** Brings the resources waiting on one forward, after it settled. */
  #wakeDependents(id: string): Knex.QueryBuilder {
    return this.#db(RESOURCES)
      .whereIn('state', WORK_STATES)
      .whereIn('id', dependentIds(this.#db, id))
      .update({ next_attempt_at: null });
  }
}
