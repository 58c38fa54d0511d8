import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { resourceOutput } from './resourceOutput';
import { resourceIdSchema, resourceSchema } from './schemas';

/** Timeline events a model needs to see why a resource is where it is. */
const RECENT_EVENTS = 10;
/** Enough dependents to name what blocks a deletion. */
const MAX_DEPENDENTS = 100;

/** `get-resource`: state, outputs, recent history and what it is tied to. */
export function createGetResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  appBaseUrl: string;
}) {
  const { actionsRegistry, resources, appBaseUrl } = options;
  const link = (id: string) => `${appBaseUrl}/platform/resources/${id}`;
  const relatedSchema = (z: Parameters<typeof resourceSchema>[0]) =>
    z.array(
      z.object({
        id: z.string(),
        offering: z.string(),
        name: z.string(),
        state: z.string(),
      }),
    );
  actionsRegistry.register({
    name: 'get-resource',
    title: 'Get a platform resource',
    description: `Reads one resource of a team the user may see: its state (pending, provisioning, ready, failed, updating, deleting, deleted), configuration, outputs such as a host name, the last ${RECENT_EVENTS} events of its timeline (newest last), the resources it depends on and those that depend on it. Poll it after create-resource until the state is "ready" or "failed". Connection secrets (passwords) are never returned: "secretsUrl" is the resource page where the user reads them.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ id: resourceIdSchema(z) }),
      output: z =>
        z.object({
          resource: resourceSchema(z),
          recentEvents: z.array(
            z.object({
              time: z.string(),
              state: z.string(),
              type: z.string(),
              actor: z.string(),
              message: z.string(),
            }),
          ),
          dependsOn: relatedSchema(z).describe('Resources this one uses'),
          dependents: relatedSchema(z).describe(
            'Live resources that use this one and block its deletion',
          ),
          secretsUrl: z
            .string()
            .describe('Where the user reads the connection secrets'),
        }),
    },
    action: async ({ input, credentials }) => {
      const requester = actionRequester(credentials);
      const resource = await resources.get(input.id, requester);
      const [events, dependents, upstreams] = await Promise.all([
        resources.events(input.id, requester, { limit: RECENT_EVENTS }),
        resources.dependents(input.id, requester, { limit: MAX_DEPENDENTS }),
        Promise.all(
          resource.dependsOn.map(id =>
            resources.get(id, requester).catch(() => undefined),
          ),
        ),
      ]);
      const related = (r: {
        id: string;
        offering: string;
        name: string;
        state: string;
      }) => ({
        id: r.id,
        offering: r.offering,
        name: r.name,
        state: r.state,
      });
      return {
        output: {
          resource: resourceOutput(resource),
          recentEvents: events.items.map(e => ({
            time: e.time,
            state: e.state,
            type: e.type,
            actor: e.actor,
            message: e.message,
          })),
          dependsOn: upstreams.flatMap(r => (r ? [related(r)] : [])),
          dependents: dependents.map(related),
          secretsUrl: link(resource.id),
        },
      };
    },
  });
}
