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
import { isPostgres } from '../database/isPostgres';
import { TABLES } from '../database/tables';
import { ResourceStore } from '../store/ResourceStore';
import {
  approversOf,
  canonicalRef,
  isPerson,
  serviceRequestNote,
} from './fourEyes';
import { PLATFORM_ACTOR, ResourceDecision, moveResource } from './moveResource';

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
export interface DecisionInput extends ResourceDecision {
  approval: ApprovalRecord;
}

/** Another decision was recorded first; read the request again. */
export class StaleDecisionError extends Error {
  constructor() {
    super('The request changed while it was being decided');
    this.name = 'StaleDecisionError';
  }
}

type ApprovalRow = Record<string, any>;

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
    // Stored as the catalog compares refs, so that lookups by group and
    // by requester match whatever case a policy or a token used.
    const requestedBy = isPerson(approval.requestedBy)
      ? canonicalRef(approval.requestedBy)
      : approval.requestedBy;
    const groups = [
      ...new Set(approversOf(approval.requirements).map(canonicalRef)),
    ];
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
      requested_by: requestedBy,
      requested_via: approval.requestedVia,
      requested_at: new Date().toISOString(),
      expires_at: approval.expiresAt,
      decided_at: null,
      version: 1,
    });
    await tx(TABLES.approvalGroups).insert(
      groups.map(group => ({ approval_id: id, group_ref: group })),
    );
    const reasons = approval.requirements.map(r => r.reason).join('; ');
    await this.#resources.events.recordWithin(tx, {
      id: resourceId,
      type: 'approval-requested',
      state: 'awaiting-approval',
      actor: requestedBy,
      message: `Waiting for approval by ${groups.join(' and ')}: ${reasons}${
        isPerson(requestedBy)
          ? ''
          : `. ${serviceRequestNote(requestedBy, groups)}`
      }`,
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
      .whereRaw('lower(??) <> ?', ['requested_by', canonicalRef(options.actor)])
      .whereIn(
        'id',
        this.#db(TABLES.approvalGroups)
          .select('approval_id')
          .whereIn('group_ref', options.groups.map(canonicalRef)),
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
      await this.#lockResource(tx, approval.resourceId);
      const decisions = [...approval.decisions, decisionOf(input, now)];
      // The compare-and-set that makes one of two racing decisions lose.
      const claimed = await tx(TABLES.approvals)
        .where({ id: approval.id, version: approval.version, state: 'pending' })
        .update({
          decisions: JSON.stringify(decisions),
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
      const refusal =
        settled === 'approved' ? input.judged?.refusal : undefined;
      if (refusal) {
        // Approved, but no longer allowed: the platform rejects it.
        settled = 'rejected';
        decisions.push({
          actor: PLATFORM_ACTOR,
          outcome: 'rejected',
          groups: [],
          comment: `No longer allowed when approved by ${input.actor}: ${refusal}`,
          time: now,
        });
      }
      if (settled) {
        await tx(TABLES.approvals)
          .where({ id: approval.id })
          .update({
            state: settled,
            decided_at: now,
            decisions: JSON.stringify(decisions),
          });
      }
      await moveResource(this.#resources, tx, { input, settled, refusal });
    });
    return this.get(approval.id);
  }

  /**
   * Takes the resource's row before the request's: every writer that
   * touches both (deletion and expiry withdraw the request inside the
   * transaction that moves the resource) takes them in this order, so two
   * of them never wait on each other. SQLite runs one writer at a time.
   */
  async #lockResource(tx: Knex.Transaction, resourceId: string) {
    if (isPostgres(this.#db)) {
      await tx(TABLES.resources)
        .select('id')
        .where({ id: resourceId })
        .forUpdate();
    }
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
}

/** The decision a decider records. */
function decisionOf(input: DecisionInput, time: string): ApprovalDecision {
  return {
    actor: input.actor,
    outcome: input.outcome === 'approved' ? 'approved' : 'rejected',
    groups: input.groups,
    ...(input.comment ? { comment: input.comment } : {}),
    time,
  };
}
