import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { audited } from '../service/audited';
import {
  PlatformResource,
  RequestVerdict,
} from '@idp-kit/plugin-platform-common';
import { ResourceService } from '../resources/ResourceService';
import { actionRequester } from './actionRequester';
import { resourceOutput } from './resourceOutput';
import { resourceIdSchema, resourceSchema, verdictSchema } from './schemas';

/** `update-resource`: a change of configuration, checked like a create. */
export function createUpdateResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  auditor: AuditorService;
}) {
  const { actionsRegistry, resources, auditor } = options;
  actionsRegistry.register({
    name: 'update-resource',
    title: 'Change the configuration of a platform resource',
    description:
      'Changes the configuration of a resource that is ready or failed: the new configuration is checked like a create (fields, policies) and the resource becomes "updating" until the provisioner has applied it; poll get-resource. With dryRun true it only returns the verdict. Fields left out of "config" take their defaults, so send the whole configuration you want.',
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          id: resourceIdSchema(z),
          config: z
            .record(z.unknown())
            .describe(
              'The whole new configuration, as the offering\'s schema describes; for example { "size": "large" }',
            ),
          dryRun: z
            .boolean()
            .optional()
            .describe('Only check the change and return the verdict'),
        }),
      output: z =>
        z.object({
          resource: resourceSchema(z).optional(),
          verdict: verdictSchema(z).optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const requester = actionRequester(credentials);
      if (input.dryRun) {
        const verdict = (await resources.update(
          input.id,
          { config: input.config },
          requester,
          { dryRun: true },
        )) as RequestVerdict;
        return { output: { verdict } };
      }
      const resource = await audited(
        auditor,
        {
          eventId: 'resource-update',
          severityLevel: 'medium',
          meta: {
            requester: requester.ref,
            channel: 'mcp',
            resourceId: input.id,
          },
        },
        async () =>
          (await resources.update(
            input.id,
            { config: input.config },
            requester,
          )) as PlatformResource,
      );
      return { output: { resource: resourceOutput(resource) } };
    },
  });
}
