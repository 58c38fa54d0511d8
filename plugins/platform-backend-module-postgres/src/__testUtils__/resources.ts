import { randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { ProvisionerContext } from '@idp-kit/plugin-platform-node';

/** A postgresql-database resource with a fresh id. */
export function testResource(
  fields: Partial<PlatformResource> = {},
): PlatformResource {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    offering: 'postgresql-database',
    name: 'orders',
    team: 'payments',
    environment: 'test',
    state: 'provisioning',
    config: {},
    outputs: {},
    dependsOn: [],
    createdBy: 'user:default/tester',
    createdVia: 'api',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/** A provisioner context whose timeline is kept in `events`. */
export function testContext(
  resource: PlatformResource,
  options: { secrets?: Record<string, string>; signal?: AbortSignal } = {},
): { context: ProvisionerContext; events: string[] } {
  const events: string[] = [];
  return {
    events,
    context: {
      resource,
      secrets: options.secrets ?? {},
      signal: options.signal ?? new AbortController().signal,
      logger: mockServices.logger.mock(),
      async appendEvent(message) {
        events.push(message);
      },
    },
  };
}
