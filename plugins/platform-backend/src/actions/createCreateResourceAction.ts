import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { audited } from '../service/audited';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { createRequestSchema, resourceSchema } from './schemas';
import { resourceOutput } from './resourceOutput';

/** `create-resource`: requests a new resource, checked like any request. */
export function createCreateResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  auditor: AuditorService;
}) {
  const { actionsRegistry, resources, auditor } = options;
  actionsRegistry.register({
    name: 'create-resource',
    title: 'Create a platform resource',
    description:
      'Requests a new resource (a database, a web application, an API gateway, ...) for a team the user belongs to. It is checked like any request from the portal: the permission to act for the team, every field, the policies and the team\'s quota; a refusal names each invalid field or each policy with its reason. An accepted request starts as "pending" and is provisioned in the background: call get-resource until its state is "ready" (or "failed", with the error). Connection secrets are never returned; the user reads them on the resource page.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z => createRequestSchema(z),
      output: z => z.object({ resource: resourceSchema(z) }),
    },
    examples: [
      {
        title: 'A small development database',
        input: {
          offering: 'postgresql-database',
          name: 'orders-db',
          team: 'team-alpha',
          environment: 'development',
          config: { size: 'small' },
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const requester = actionRequester(credentials);
      const resource = await audited(
        auditor,
        {
          eventId: 'resource-create',
          severityLevel: 'medium',
          // Unchecked input: only so much of it goes into the audit log.
          meta: {
            requester: requester.ref,
            channel: 'mcp',
            offering: input.offering.slice(0, 255),
            name: input.name.slice(0, 255),
            team: input.team.slice(0, 255),
            environment: input.environment.slice(0, 255),
          },
          describe: created => ({
            resourceId: created.id,
            state: created.state,
          }),
        },
        () => resources.create(input, requester),
      );
      return { output: { resource: resourceOutput(resource) } };
    },
  });
}
