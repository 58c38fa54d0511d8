import { NotFoundError } from '@backstage/errors';
import {
  ApprovalDecision,
  ApprovalRequirement,
  ApprovalState,
  Page,
  RequestChannel,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { TABLES } from '../database/tables';
import { ResourceStore } from '../store/ResourceStore';

/** A request for approval as recorded, without the resource. */
export interface ApprovalRecord {
  id: string;
  resourceId: string;
  action: 'create' | 'update';
  state: ApprovalState;
  requirements: ApprovalRequirement[];
  config: Record<string, unknown>;
  dependsOn: string[];
  previousState?: ResourceState;
  requestedBy: string;
  requestedVia: RequestChannel;
  requestedAt: string;
  expiresAt: string;
  decidedAt?: string;
  decisions: ApprovalDecision[];
  /** Approving groups that have not approved yet. */
  awaiting: string[];
  version: number;
}

/** What a new request for approval is recorded with. */
export interface NewApproval {
  action: 'create' | 'update';
  requirements: ApprovalRequirement[];
  config: Record<string, unknown>;
  dependsOn: string[];
  previousState?: ResourceState;
  requestedBy: string;
  requestedVia: RequestChannel;
  expiresAt: string;
}

/** One decision, taken on the version of the request the decider saw. */
export interface DecisionInput {
  approval: ApprovalRecord;
  actor: string;
  outcome: 'approved' | 'rejected' | 'expired';
  /** The approving groups the decider speaks for. */
  groups: string[];
  comment?: string;
}

/** Another decision was recorded first; read the request again. */
export class StaleDecisionError extends Error {
  constructor() {
    super('The request changed while it was being decided');
    this.name = 'StaleDecisionError';
  }
}

type ApprovalRow = Record<string, any>;

function approvers(requirements: ApprovalRequirement[]): string[] {
  return [...new Set(requirements.map(r => r.approvers))];
}

/** Requests for approval and their decisions, in the plugin's database. */
export class ApprovalStore {
  readonly #db: Knex;
  readonly #resources: ResourceStore;

  constructor(db: Knex, resources: ResourceStore) {
    this.#db = db;
    this.#resources = resources;
  }

  /** Records a request for approval, in the transaction that records the resource. */
  async insertWithin(
    tx: Knex.Transaction,
    resourceId: string,
    approval: NewApproval,
  ): Promise<void> {
    const id = uuid();
    await tx(TABLES.approvals).insert({
      id,
      resource_id: resourceId,
      action: approval.action,
      state: 'pending',
      requirements: JSON.stringify(approval.requirements),
      decisions: '[]',
      config: JSON.stringify(approval.config),
      depends_on: JSON.stringify(approval.dependsOn),
      previous_state: approval.previousState ?? null,
      requested_by: approval.requestedBy,
      requested_via: approval.requestedVia,
      requested_at: new Date().toISOString(),
      expires_at: approval.expiresAt,
      decided_at: null,
      version: 1,
    });
    await tx(TABLES.approvalGroups).insert(
      approvers(approval.requirements).map(group => ({
        approval_id: id,
        group_ref: group,
      })),
    );
    await this.#resources.events.recordWithin(tx, {
      id: resourceId,
      type: 'approval-requested',
      state: 'awaiting-approval',
      actor: approval.requestedBy,
      message: `Waiting for approval by ${approvers(approval.requirements).join(
        ' and ',
      )}: ${approval.requirements.map(r => r.reason).join('; ')}`,
    });
  }

  async #toRecords(rows: ApprovalRow[]): Promise<ApprovalRecord[]> {
    if (rows.length === 0) {
      return [];
    }
    const groups = await this.#db(TABLES.approvalGroups)
      .whereIn(
        'approval_id',
        rows.map(r => r.id),
      )
      .whereNull('approved_by');
    return rows.map(row => ({
      id: row.id,
      resourceId: row.resource_id,
      action: row.action,
      state: row.state,
      requirements: JSON.parse(row.requirements),
      config: JSON.parse(row.config),
      dependsOn: JSON.parse(row.depends_on),
      previousState: row.previous_state ?? undefined,
      requestedBy: row.requested_by,
      requestedVia: row.requested_via,
      requestedAt: row.requested_at,
      expiresAt: row.expires_at,
      decidedAt: row.decided_at ?? undefined,
      decisions: JSON.parse(row.decisions),
      awaiting:
        row.state === 'pending'
          ? groups.filter(g => g.approval_id === row.id).map(g => g.group_ref)
          : [],
      version: Number(row.version),
    }));
  }

  async get(id: string): Promise<ApprovalRecord> {
    const row = await this.#db(TABLES.approvals).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No request for approval '${id}'`);
    }
    return (await this.#toRecords([row]))[0];
  }

  /** The request a resource waits on, if it waits. */
  async findPending(resourceId: string): Promise<ApprovalRecord | undefined> {
    const row = await this.#db(TABLES.approvals)
      .where({ resource_id: resourceId, state: 'pending' })
      .first();
    return row ? (await this.#toRecords([row]))[0] : undefined;
  }

  /** Every request for approval of a resource, newest first. */
  async listForResource(resourceId: string): Promise<ApprovalRecord[]> {
    const rows = await this.#db(TABLES.approvals)
      .where({ resource_id: resourceId })
      .orderBy('id', 'desc')
      .limit(100);
    return this.#toRecords(rows);
  }

  /**
   * Requests in `state` that name one of `groups` as approvers and that
   * `actor` did not make: pending ones oldest first, decided ones newest first.
   */
  async listForGroups(options: {
    groups: string[];
    actor: string;
    state: ApprovalState;
    limit: number;
    cursor?: string;
  }): Promise<Page<ApprovalRecord>> {
    if (options.groups.length === 0) {
      return { items: [] };
    }
    const oldestFirst = options.state === 'pending';
    const query = this.#db(TABLES.approvals)
      .where({ state: options.state })
      .whereNot({ requested_by: options.actor })
      .whereIn(
        'id',
        this.#db(TABLES.approvalGroups)
          .select('approval_id')
          .whereIn('group_ref', options.groups),
      )
      .orderBy('id', oldestFirst ? 'asc' : 'desc')
      .limit(options.limit + 1);
    if (options.cursor) {
      query.where('id', oldestFirst ? '>' : '<', options.cursor);
    }
    const rows = await query;
    const items = await this.#toRecords(rows.slice(0, options.limit));
    return {
      items,
      nextCursor:
        rows.length > options.limit ? items[items.length - 1].id : undefined,
    };
  }

  /** Pending requests whose time is up, oldest first. */
  async listExpired(now: string, limit: number): Promise<ApprovalRecord[]> {
    const rows = await this.#db(TABLES.approvals)
      .where({ state: 'pending' })
      .andWhere('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    return this.#toRecords(rows);
  }

  /**
   * Records one decision and, when it settles the request, moves the
   * resource on, in one transaction. Throws StaleDecisionError when another
   * decision was recorded since `approval` was read.
   */
  async decide(input: DecisionInput): Promise<ApprovalRecord> {
    const { approval } = input;
    const now = new Date().toISOString();
    await this.#db.transaction(async tx => {
      const decision: ApprovalDecision = {
        actor: input.actor,
        outcome: input.outcome === 'approved' ? 'approved' : 'rejected',
        groups: input.groups,
        ...(input.comment ? { comment: input.comment } : {}),
        time: now,
      };
      // The compare-and-set that makes one of two racing decisions lose.
      const claimed = await tx(TABLES.approvals)
        .where({ id: approval.id, version: approval.version, state: 'pending' })
        .update({
          decisions: JSON.stringify([...approval.decisions, decision]),
          version: approval.version + 1,
        });
      if (claimed === 0) {
        throw new StaleDecisionError();
      }
      let settled: ApprovalState | undefined =
        input.outcome === 'approved' ? undefined : input.outcome;
      if (input.outcome === 'approved') {
        await tx(TABLES.approvalGroups)
          .where({ approval_id: approval.id })
          .whereIn('group_ref', input.groups)
          .whereNull('approved_by')
          .update({ approved_by: input.actor, approved_at: now });
        const remaining = await tx(TABLES.approvalGroups)
          .where({ approval_id: approval.id })
          .whereNull('approved_by')
          .count({ count: '*' })
          .first();
        settled = Number(remaining?.count ?? 0) === 0 ? 'approved' : undefined;
      }
      if (settled) {
        await tx(TABLES.approvals)
          .where({ id: approval.id })
          .update({ state: settled, decided_at: now });
      }
      await this.#moveResource(tx, approval, input, settled);
    });
    return this.get(approval.id);
  }

  /** Ends a pending request because its resource is being deleted. */
  async withdrawWithin(
    tx: Knex.Transaction,
    resourceId: string,
  ): Promise<void> {
    await tx(TABLES.approvals)
      .where({ resource_id: resourceId, state: 'pending' })
      .update({ state: 'withdrawn', decided_at: new Date().toISOString() });
  }

  async #moveResource(
    tx: Knex.Transaction,
    approval: ApprovalRecord,
    input: DecisionInput,
    settled: ApprovalState | undefined,
  ) {
    const by = input.outcome === 'expired' ? '' : ` by ${input.actor}`;
    const comment = input.comment ? `: ${input.comment}` : '';
    const resourceId = approval.resourceId;
    if (!settled) {
      await this.#resources.events.recordWithin(tx, {
        id: resourceId,
        type: 'approved',
        state: 'awaiting-approval',
        actor: input.actor,
        message: `Approved for ${input.groups.join(
          ' and ',
        )}${by}${comment}; still waiting for another group`,
      });
      return;
    }
    if (settled === 'approved') {
      await this.#resources.transitionWithin(tx, {
        id: resourceId,
        from: ['awaiting-approval'],
        to: approval.action === 'create' ? 'pending' : 'updating',
        type: 'approved',
        actor: input.actor,
        message: `Approved${by}${comment}`,
        changes:
          approval.action === 'update'
            ? {
                config: approval.config,
                dependsOn: approval.dependsOn,
                error: null,
              }
            : undefined,
      });
      return;
    }
    const reason =
      settled === 'expired'
        ? `Expired: nobody decided by ${approval.expiresAt}`
        : `Rejected${by}${comment}`;
    const type = settled === 'expired' ? 'approval-expired' : 'rejected';
    if (approval.action === 'create') {
      await this.#resources.rejectWithin(tx, {
        id: resourceId,
        actor: input.actor,
        type,
        reason,
      });
      return;
    }
    await this.#resources.transitionWithin(tx, {
      id: resourceId,
      from: ['awaiting-approval'],
      to: approval.previousState ?? 'ready',
      type,
      actor: input.actor,
      message: `${reason}; the configuration stays as it was`,
    });
  }
}
