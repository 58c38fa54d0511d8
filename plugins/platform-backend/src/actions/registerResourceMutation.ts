import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Requester } from '../resources/ResourceAccess';
import { audited } from '../service/audited';
import { actionRequester } from './actionRequester';
import { resourceOutput } from './resourceOutput';
import { resourceIdSchema, resourceSchema } from './schemas';

/**
 * An action that changes one resource given by id, audited as the API's
 * route for the same change is, and answers the resource afterwards.
 */
export function registerResourceMutation(options: {
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  name: string;
  title: string;
  description: string;
  destructive: boolean;
  /** The API's audit event id for this change. */
  eventId: string;
  mutate: (id: string, requester: Requester) => Promise<PlatformResource>;
}) {
  const { auditor, mutate } = options;
  options.actionsRegistry.register({
    name: options.name,
    title: options.title,
    description: options.description,
    attributes: {
      readOnly: false,
      idempotent: false,
      destructive: options.destructive,
    },
    schema: {
      input: z => z.object({ id: resourceIdSchema(z) }),
      output: z => z.object({ resource: resourceSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const requester = actionRequester(credentials);
      const resource = await audited(
        auditor,
        {
          eventId: options.eventId,
          severityLevel: 'medium',
          meta: {
            requester: requester.ref,
            channel: 'mcp',
            resourceId: input.id,
          },
          describe: r => ({ team: r.team, name: r.name, state: r.state }),
        },
        () => mutate(input.id, requester),
      );
      return { output: { resource: resourceOutput(resource) } };
    },
  });
}
