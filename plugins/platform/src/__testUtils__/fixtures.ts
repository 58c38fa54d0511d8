import {
  ApprovalRequest,
  builtinOfferings,
  Lifetime,
  offeringConfigSchema,
  OfferingWithSchema,
  PlatformResource,
  ResourceEvent,
} from '@idp-kit/plugin-platform-common';

/** Lifetimes as the demo configures them: only production lives forever. */
export const lifetimes: Record<string, Lifetime> = {
  development: { default: 'P7D', max: 'P30D' },
  staging: { default: 'P30D', max: 'P90D' },
  production: { default: null, max: null },
};

/** The built-in offerings as the API returns them, priced in euros. */
export const offerings: OfferingWithSchema[] = builtinOfferings.map(o => ({
  ...o,
  schema: offeringConfigSchema(o),
  lifetimes,
  currency: 'EUR',
}));

/** The PostgreSQL offering. */
export const postgres = offerings.find(o => o.id === 'postgresql-database')!;

/** A resource, with any field replaced. */
export function resource(
  fields: Partial<PlatformResource> = {},
): PlatformResource {
  return {
    id: 'r1',
    offering: 'postgresql-database',
    name: 'orders-db',
    team: 'team-alpha',
    environment: 'production',
    state: 'ready',
    config: {
      size: 'small',
      high_availability: true,
      backup_retention_days: 7,
    },
    outputs: { host: 'db.internal', port: 5432 },
    dependsOn: [],
    createdBy: 'user:default/guest',
    createdVia: 'portal',
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:05:00.000Z',
    ...fields,
  };
}

/** An event of the resource's timeline, with any field replaced. */
export function event(fields: Partial<ResourceEvent> = {}): ResourceEvent {
  return {
    id: 1,
    resourceId: 'r1',
    time: '2026-01-02T10:00:00.000Z',
    type: 'requested',
    state: 'pending',
    actor: 'user:default/guest',
    message: 'Requested through the portal',
    ...fields,
  };
}

/** A request for approval of a large production database, with any field replaced. */
export function approvalRequest(
  fields: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  const config = { size: 'large', high_availability: true };
  return {
    id: 'a1',
    resourceId: 'r1',
    resource: resource({ state: 'awaiting-approval', config, outputs: {} }),
    action: 'create',
    state: 'pending',
    requirements: [
      {
        policy: 'cost-approval',
        reason: 'Large databases cost more than 500 € a month',
        approvers: 'group:default/platform-team',
      },
    ],
    config,
    requestedBy: 'user:default/guest',
    requestedVia: 'portal',
    requestedAt: '2026-01-02T10:00:00.000Z',
    expiresAt: '2026-01-09T10:00:00.000Z',
    awaiting: ['group:default/platform-team'],
    decisions: [],
    canDecide: true,
    ...fields,
  };
}
