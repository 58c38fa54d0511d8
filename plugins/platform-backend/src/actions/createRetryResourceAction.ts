import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { audited } from '../service/audited';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { resourceOutput } from './resourceOutput';
import { resourceIdSchema, resourceSchema } from './schemas';

/** `retry-resource`: tries a failed resource again. */
export function createRetryResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  auditor: AuditorService;
}) {
  const { actionsRegistry, resources, auditor } = options;
  actionsRegistry.register({
    name: 'retry-resource',
    title: 'Retry a failed platform resource',
    description:
      'Tries a "failed" resource again: its provisioning if it never became ready, otherwise its last change. Read the error with get-resource first; if the configuration is the problem, use update-resource instead.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z => z.object({ id: resourceIdSchema(z) }),
      output: z => z.object({ resource: resourceSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const requester = actionRequester(credentials);
      const resource = await audited(
        auditor,
        {
          eventId: 'resource-retry',
          severityLevel: 'medium',
          meta: {
            requester: requester.ref,
            channel: 'mcp',
            resourceId: input.id,
          },
        },
        () => resources.retry(input.id, requester),
      );
      return { output: { resource: resourceOutput(resource) } };
    },
  });
}
