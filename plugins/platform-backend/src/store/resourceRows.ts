import {
  PlatformResource,
  RequestChannel,
  ResourceEvent,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { ListScope } from '../permissions/ResourceAuthorizer';

/** A row of the resources table. */
export type ResourceRow = {
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
  /**
   * Only if the resource still expires at or before this time, as it did
   * when it was found due: an extend committed since then wins.
   */
  expiresAtOrBefore?: string;
  changes?: {
    config?: Record<string, unknown>;
    /** The resources it depends on, when a change of configuration names others. */
    dependsOn?: string[];
    error?: string | null;
  };
}

/** Filters of a resource list; deleted resources are listed only when asked for, by state or by id. */
export interface ResourceFilter {
  team?: string;
  component?: string;
  system?: string;
  environment?: string;
  offering?: string;
  state?: ResourceState;
  limit?: number;
  cursor?: string;
  /** Only these resources, in whatever state. */
  ids?: string[];
  /** What the requester may see, from the permission framework. */
  scope?: ListScope;
}

/** Everything but the engine's bookkeeping and the sealed secrets. */
export const LISTED_COLUMNS = [
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

/** Unique among live resources: a team's name in an environment. */
export function liveKey(team: string, environment: string, name: string) {
  return `${team}/${environment}/${name}`;
}

export function toResource(row: ResourceRow): PlatformResource {
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

export function toEvent(row: Record<string, any>): ResourceEvent {
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

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? error);
  return (
    text === '23505' || // PostgreSQL
    text.includes('SQLITE_CONSTRAINT') ||
    String(error).includes('UNIQUE constraint failed')
  );
}
