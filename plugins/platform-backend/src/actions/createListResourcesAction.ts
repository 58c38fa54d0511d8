import { stringifyEntityRef } from '@backstage/catalog-model';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  ResourceState,
  liveResourceStates,
} from '@idp-kit/plugin-platform-common';
import { teamNameOf } from '@idp-kit/plugin-platform-common';
import { parseRequestRef } from '../catalog/entityRefs';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { resourceOutput } from './resourceOutput';
import { resourceSchema } from './schemas';

const STATES: [ResourceState, ...ResourceState[]] = [
  'deleted',
  'rejected',
  ...liveResourceStates,
];

function ref(
  value: string | undefined,
  kind: 'group' | 'component' | 'system',
  field: string,
) {
  if (!value) {
    return undefined;
  }
  const parsed = parseRequestRef(value, kind);
  if (!parsed.ref) {
    throw new InputError(`${field} ${parsed.problem}`);
  }
  return kind === 'group'
    ? teamNameOf(parsed.ref)
    : stringifyEntityRef(parsed.ref);
}

/** `list-resources`: the resources of the user's teams, filtered and paged. */
export function createListResourcesAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
}) {
  const { actionsRegistry, resources } = options;
  actionsRegistry.register({
    name: 'list-resources',
    title: 'List platform resources',
    description:
      'Lists the live resources the user may see (those of their teams; every team for the platform team), newest first, with optional filters. Deleted resources appear only when state is "deleted". Pass "nextCursor" back as "cursor" for the next page.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .optional()
            .describe('Only this team: team-alpha or group:default/team-alpha'),
          environment: z
            .string()
            .optional()
            .describe('Only this environment, such as production'),
          offering: z
            .string()
            .optional()
            .describe('Only this offering id, such as postgresql-database'),
          component: z
            .string()
            .optional()
            .describe('Only resources used by this component entity ref'),
          system: z
            .string()
            .optional()
            .describe('Only resources of this system entity ref'),
          state: z.enum(STATES).optional().describe('Only this state'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(500)
            .optional()
            .describe('Resources per page, 1 to 500; default 50'),
          cursor: z
            .string()
            .optional()
            .describe('The nextCursor of the previous page'),
        }),
      output: z =>
        z.object({
          items: z.array(resourceSchema(z)),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await resources.list(
        {
          team: ref(input.team, 'group', 'team'),
          environment: input.environment,
          offering: input.offering,
          component: ref(input.component, 'component', 'component'),
          system: ref(input.system, 'system', 'system'),
          state: input.state,
          limit: input.limit,
          cursor: input.cursor,
        },
        actionRequester(credentials),
      );
      return {
        output: {
          items: page.items.map(resourceOutput),
          nextCursor: page.nextCursor,
        },
      };
    },
  });
}
