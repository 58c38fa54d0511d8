import { z } from 'zod/v3';

/** What a model reads about a resource: everything but connection secrets. */
export const resourceSchema = (zod: typeof z) =>
  zod.object({
    id: zod.string().describe('The resource id, used by the other actions'),
    offering: zod.string().describe('The offering it was requested from'),
    name: zod.string(),
    team: zod.string().describe('The team (catalog group) that owns it'),
    environment: zod.string(),
    state: zod
      .string()
      .describe(
        'awaiting-approval (nothing happens until the approving group approves), pending, provisioning, ready, failed, updating, deleting, deleted, or rejected (an approver said no; error says why)',
      ),
    config: zod.record(zod.unknown()).describe('Its configuration'),
    outputs: zod
      .record(zod.unknown())
      .describe('What the provisioner reported, such as a host; never secrets'),
    dependsOn: zod
      .array(zod.string())
      .describe('Ids of the resources it depends on'),
    component: zod.string().optional(),
    system: zod.string().optional(),
    error: zod.string().optional().describe('Why it failed, when it did'),
    createdBy: zod.string(),
    createdVia: zod.string(),
    createdAt: zod.string(),
    updatedAt: zod.string(),
    expiresAt: zod
      .string()
      .nullable()
      .optional()
      .describe(
        'When it will be deleted for having lived its time; null when never',
      ),
    expiryBlocked: zod
      .string()
      .optional()
      .describe(
        'Why an expired resource is still here: the resources that depend on it',
      ),
  });

/** The verdict of a request that was checked but not made. */
export const verdictSchema = (zod: typeof z) =>
  zod.object({
    allowed: zod
      .boolean()
      .describe('Whether the request would be accepted as it is'),
    errors: zod
      .array(zod.object({ field: zod.string(), message: zod.string() }))
      .describe('Invalid fields, each with what is wrong'),
    violations: zod
      .array(
        zod.object({
          policy: zod.string(),
          reason: zod.string(),
          field: zod.string().optional(),
        }),
      )
      .describe('Policies that refuse the request, each with its reason'),
    approvals: zod
      .array(
        zod.object({
          policy: zod.string(),
          reason: zod.string(),
          approvers: zod.string().describe('The approving group'),
        }),
      )
      .describe(
        'Approvals the request needs: it is accepted but waits in awaiting-approval until a member of each group (not the requester) approves',
      ),
    quota: zod
      .object({
        team: zod.string(),
        offering: zod.string(),
        used: zod.number(),
        limit: zod.number().optional(),
      })
      .optional()
      .describe("The team's use of the offering and its limit"),
    cost: zod
      .object({
        monthly: zod.number(),
        currency: zod.string(),
        breakdown: zod.array(
          zod.object({ item: zod.string(), monthly: zod.number() }),
        ),
        teamMonthly: zod.number(),
        budget: zod.number().nullable(),
      })
      .optional()
      .describe(
        "The estimated monthly price (for a change: the difference), line by line, and the team's monthly spend after it against its budget",
      ),
    lifetime: zod
      .object({
        default: zod.string().nullable(),
        max: zod.string().nullable(),
        expiresAt: zod.string().nullable(),
        maxExpiresAt: zod.string().nullable(),
      })
      .optional()
      .describe(
        'When the resource would be deleted (null: never), and the default and maximum lifetimes (ISO 8601 durations)',
      ),
  });

/** The fields of a request for a new resource, as `POST /resources` takes them. */
export const createRequestSchema = (zod: typeof z) =>
  zod.object({
    offering: zod
      .string()
      .describe(
        'The id of the offering, from list-offerings; for example web-application',
      ),
    name: zod
      .string()
      .describe(
        'A DNS label: lower-case letters, digits and hyphens, starting with a letter, at most 63 characters; for example orders-db',
      ),
    team: zod
      .string()
      .describe(
        'The team that will own it, a catalog group the user belongs to: team-alpha or group:default/team-alpha',
      ),
    environment: zod
      .string()
      .describe(
        'One of the platform environments, usually development, staging or production',
      ),
    config: zod
      .record(zod.unknown())
      .optional()
      .describe(
        'The offering\'s configuration, as its schema from list-offerings describes; omitted fields take their defaults. Example: { "size": "small" }',
      ),
    component: zod
      .string()
      .optional()
      .describe(
        'The catalog component that uses it, owned by the team or the platform team; for example component:default/shop',
      ),
    system: zod
      .string()
      .optional()
      .describe(
        'The catalog system it belongs to, owned by the team or the platform team; for example system:default/checkout',
      ),
    expiresAt: zod
      .string()
      .optional()
      .describe(
        "When it should be deleted (ISO 8601, for example 2027-01-31T18:00:00Z), at most the environment's maximum lifetime from now; check-resource-request tells the default and the maximum. Omit for the default",
      ),
  });

export const resourceIdSchema = (zod: typeof z) =>
  zod
    .string()
    .describe('The resource id, from create-resource or list-resources');
