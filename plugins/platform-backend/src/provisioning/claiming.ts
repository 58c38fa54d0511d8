import {
  PlatformResource,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { v4 as uuid } from 'uuid';
import { TABLES } from '../database/tables';
import { LISTED_COLUMNS, ResourceRow, toResource } from '../store/resourceRows';

const RESOURCES = TABLES.resources;

/** States in which a resource waits for the engine. */
export const WORK_STATES: ResourceState[] = [
  'pending',
  'provisioning',
  'updating',
  'deleting',
];

/** A resource claimed by this replica, until `expiresAt` unless renewed. */
export interface Claim {
  id: string;
  ticket: string;
  state: ResourceState;
  attempts: number;
  /**
   * The resource as the claim found it, with its sealed secrets, read by the
   * claiming statement itself; absent on a claim resumed after an outage,
   * whose resource must be read again.
   */
  claimed?: ClaimedResource;
}

/** A claimed resource, as it was when claimed. */
export interface ClaimedResource {
  resource: PlatformResource;
  sealedSecrets: string | undefined;
}

/** What to claim: how many resources at most, leased until when. */
export interface Lease {
  limit: number;
  expiresAt: string;
}

type ClaimedRow = ResourceRow & { secrets: string | null };

/** The worker needs the resource: read by the claiming statement, not by more round trips. */
const CLAIMED_COLUMNS = [...LISTED_COLUMNS, 'attempts', 'secrets'];

function claimOf(
  row: ClaimedRow & { attempts: unknown },
  ticket: string,
): Claim {
  return {
    id: row.id,
    ticket,
    state: row.state,
    attempts: Number(row.attempts),
    claimed: {
      resource: toResource(row),
      sealedSecrets: row.secrets ?? undefined,
    },
  };
}

/** Due, and not leased by a live replica. */
function whereClaimable(query: Knex.QueryBuilder, now: string) {
  return query
    .whereIn('state', WORK_STATES)
    .andWhere(q =>
      q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now),
    )
    .andWhere(q =>
      q.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now),
    );
}

/**
 * PostgreSQL: one statement claims a batch. Rows another replica is
 * claiming at the same moment are locked, and skipped rather than waited
 * for; each claimed row is re-checked once locked.
 */
export async function claimAtOnce(db: Knex, lease: Lease): Promise<Claim[]> {
  const now = new Date().toISOString();
  const ticket = uuid();
  const due = whereClaimable(db(RESOURCES).select('id'), now)
    .orderBy('id')
    .limit(lease.limit)
    .forUpdate()
    .skipLocked();
  const rows: Array<ClaimedRow & { attempts: unknown }> = await whereClaimable(
    db(RESOURCES).whereIn('id', due),
    now,
  ).update(
    { lease_ticket: ticket, lease_expires_at: lease.expiresAt },
    CLAIMED_COLUMNS,
  );
  return rows
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(row => claimOf(row, ticket));
}

/**
 * Elsewhere: candidates are read, then each is claimed by compare-and-set
 * on the ticket seen, so of two replicas racing for one resource exactly
 * one update matches.
 */
export async function claimOneByOne(db: Knex, lease: Lease): Promise<Claim[]> {
  const now = new Date().toISOString();
  const candidates = await whereClaimable(
    db(RESOURCES).select('id', 'lease_ticket'),
    now,
  )
    .orderBy('id')
    .limit(lease.limit * 2);

  const claims: Claim[] = [];
  for (const candidate of candidates) {
    if (claims.length >= lease.limit) {
      break;
    }
    const ticket = uuid();
    const previous = db.raw('?', [candidate.lease_ticket ?? '']);
    const [row]: Array<ClaimedRow & { attempts: unknown }> = await db(RESOURCES)
      .where({ id: candidate.id })
      .whereIn('state', WORK_STATES)
      .andWhere(db.raw(`coalesce(lease_ticket, '')`), '=', previous)
      .andWhere(q =>
        q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now),
      )
      .update(
        { lease_ticket: ticket, lease_expires_at: lease.expiresAt },
        CLAIMED_COLUMNS,
      );
    if (row) {
      claims.push(claimOf(row, ticket));
    }
  }
  return claims;
}
