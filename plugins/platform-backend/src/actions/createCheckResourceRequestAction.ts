import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { createRequestSchema, verdictSchema } from './schemas';

/** `check-resource-request`: the dry run of a create, changing nothing. */
export function createCheckResourceRequestAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
}) {
  const { actionsRegistry, resources } = options;
  actionsRegistry.register({
    name: 'check-resource-request',
    title: 'Check a resource request',
    description:
      "Checks a request for a new resource exactly as create-resource would, without creating anything: every invalid field with what is wrong, every policy that refuses it with its reason (for example that production databases need high availability and backups), the approvals it would wait for (and from which group), and the team's quota. Use it before create-resource and fix what it reports. A team the user may not act for is refused with an error.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => createRequestSchema(z),
      output: z => verdictSchema(z),
    },
    examples: [
      {
        title: 'A production database without high availability',
        input: {
          offering: 'postgresql-database',
          name: 'orders-db',
          team: 'team-alpha',
          environment: 'production',
          config: { size: 'small', high_availability: false },
        },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await resources.dryRun(input, actionRequester(credentials)),
    }),
  });
}
