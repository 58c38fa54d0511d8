import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { audited } from '../service/audited';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { resourceOutput } from './resourceOutput';
import { resourceIdSchema, resourceSchema } from './schemas';

/** `delete-resource`: starts deleting, unless other resources use it. */
export function createDeleteResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  auditor: AuditorService;
}) {
  const { actionsRegistry, resources, auditor } = options;
  actionsRegistry.register({
    name: 'delete-resource',
    title: 'Delete a platform resource',
    description:
      'Deletes a resource and everything it holds (a database\'s data is gone). It becomes "deleting", then "deleted". Refused while other live resources depend on it: the error names them, and they must be deleted first. Ask the user before calling this.',
    attributes: { readOnly: false, idempotent: false, destructive: true },
    schema: {
      input: z => z.object({ id: resourceIdSchema(z) }),
      output: z => z.object({ resource: resourceSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const requester = actionRequester(credentials);
      const resource = await audited(
        auditor,
        {
          eventId: 'resource-delete',
          severityLevel: 'medium',
          meta: {
            requester: requester.ref,
            channel: 'mcp',
            resourceId: input.id,
          },
          describe: r => ({ team: r.team, name: r.name }),
        },
        () => resources.delete(input.id, requester),
      );
      return { output: { resource: resourceOutput(resource) } };
    },
  });
}
