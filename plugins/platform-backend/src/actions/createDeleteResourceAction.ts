import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResourceService } from '../resources/ResourceService';
import { registerResourceMutation } from './registerResourceMutation';

/** `delete-resource`: starts deleting, unless other resources use it. */
export function createDeleteResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  auditor: AuditorService;
}) {
  const { resources } = options;
  registerResourceMutation({
    ...options,
    name: 'delete-resource',
    title: 'Delete a platform resource',
    description:
      'Deletes a resource and everything it holds (a database\'s data is gone). It becomes "deleting", then "deleted". Refused while other live resources depend on it: the error names them, and they must be deleted first. Ask the user before calling this.',
    destructive: true,
    eventId: 'resource-delete',
    mutate: (id, requester) => resources.delete(id, requester),
  });
}
