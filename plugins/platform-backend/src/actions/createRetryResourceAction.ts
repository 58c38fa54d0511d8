import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResourceService } from '../resources/ResourceService';
import { registerResourceMutation } from './registerResourceMutation';

/** `retry-resource`: tries a failed resource again. */
export function createRetryResourceAction(options: {
  actionsRegistry: ActionsRegistryService;
  resources: ResourceService;
  auditor: AuditorService;
}) {
  const { resources } = options;
  registerResourceMutation({
    ...options,
    name: 'retry-resource',
    title: 'Retry a failed platform resource',
    description:
      'Tries a "failed" resource again: its provisioning if it never became ready, otherwise its last change. Read the error with get-resource first; if the configuration is the problem, use update-resource instead.',
    destructive: false,
    eventId: 'resource-retry',
    mutate: (id, requester) => resources.retry(id, requester),
  });
}
