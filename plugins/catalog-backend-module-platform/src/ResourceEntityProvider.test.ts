import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { ResourceEntityProvider } from './ResourceEntityProvider';

const resource = (
  name: string,
  extra: Partial<PlatformResource> = {},
): PlatformResource => ({
  id: `id-${name}`,
  offering: 'postgresql-database',
  name,
  team: 'team-beta',
  environment: 'staging',
  state: 'ready',
  config: {},
  outputs: { host: 'db.internal' },
  dependsOn: [],
  createdBy: 'user:default/bea',
  createdVia: 'portal',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  ...extra,
});

/** A provider connected to a connection that records its mutations. */
async function connectedProvider(
  options: Pick<
    ConstructorParameters<typeof ResourceEntityProvider>[0],
    'client' | 'events' | 'coalesceMs'
  >,
) {
  const provider = new ResourceEntityProvider({
    logger: mockServices.logger.mock(),
    taskRunner: { run: async () => {} },
    appBaseUrl: 'https://backstage.example.com',
    ...options,
  });
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  await provider.connect(connection);
  return { provider, connection };
}

describe('ResourceEntityProvider', () => {
  it('replaces all entities with every live resource, page by page', async () => {
    const pages: Record<
      string,
      { items: PlatformResource[]; nextCursor?: string }
    > = {
      first: {
        items: [resource('a'), resource('b', { system: 'payments' })],
        nextCursor: 'id-b',
      },
      'id-b': { items: [resource('c', { component: 'payments-service' })] },
    };
    const client = {
      listResources: jest.fn(
        async (query: Record<string, string | undefined>) =>
          pages[query.cursor ?? 'first'],
      ),
      getResource: jest.fn(),
      listOfferings: jest.fn(async () => []),
    };
    const { provider, connection } = await connectedProvider({
      client,
    });

    await expect(provider.fullSync()).resolves.toBe(3);
    expect(client.listResources).toHaveBeenCalledWith({
      limit: '500',
      cursor: 'id-b',
    });
    const mutation = connection.applyMutation.mock.calls[0][0];
    const entities =
      mutation.type === 'full' ? mutation.entities.map(e => e.entity) : [];
    expect(entities.map(e => e.metadata.name)).toEqual([
      'a.staging.team-beta',
      'b.staging.team-beta',
      'c.staging.team-beta',
    ]);
    expect(entities[1].spec).toEqual({
      type: 'postgresql-database',
      owner: 'group:default/team-beta',
      system: 'system:default/payments',
    });
    expect(entities[2].spec?.dependencyOf).toEqual([
      'component:default/payments-service',
    ]);
    expect(JSON.stringify(entities)).not.toContain('db.internal');
  });

  it('leaves out and reports a resource it cannot render, syncing the others', async () => {
    const logger = mockServices.logger.mock();
    const client = {
      listResources: jest.fn(async () => ({
        items: [
          resource('good'),
          resource('bad-component', { component: 'x:y:z' }),
          resource('Not A Name!'),
          resource('orphan', { dependsOn: ['gone'] }),
          resource('also-good', { system: 'payments' }),
        ],
      })),
      getResource: jest.fn(async () => {
        throw new Error('No resource gone');
      }),
      listOfferings: jest.fn(async () => []),
    };
    const provider = new ResourceEntityProvider({
      client,
      logger,
      taskRunner: { run: async () => {} },
      appBaseUrl: 'https://backstage.example.com',
    });
    const connection: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    };
    await provider.connect(connection);

    await expect(provider.fullSync()).resolves.toBe(2);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(
      mutation.type === 'full' &&
        mutation.entities.map(e => e.entity.metadata.name),
    ).toEqual(['good.staging.team-beta', 'also-good.staging.team-beta']);
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Resource id-bad-component \('bad-component' of team-beta\) is left out of the catalog: .*x:y:z/,
      ),
      expect.stringMatching(
        /^Resource id-Not A Name! .*is left out of the catalog: .*metadata\.name/,
      ),
      expect.stringMatching(
        /^Resource id-orphan .*is left out of the catalog: Error: No resource gone/,
      ),
      'Synced 2 resources to the catalog; 3 could not be rendered and were left out',
    ]);
  });

  it('applies a burst of changes as one mutation, reading the resources in one request', async () => {
    const current: Record<string, PlatformResource> = {
      'id-web': resource('web', { state: 'ready' }),
      'id-old': resource('old', { state: 'deleted' }),
      'id-refused': resource('refused', { state: 'rejected' }),
    };
    const client = {
      listResources: jest.fn(
        async (query: Record<string, string | undefined>) => ({
          items: (query.ids ?? '').split(',').map(id => current[id]),
        }),
      ),
      getResource: jest.fn(),
      listOfferings: jest.fn(async () => []),
    };
    let onEvent: (params: any) => Promise<void> = async () => {};
    const events = {
      subscribe: jest.fn(async (options: any) => {
        onEvent = options.onEvent;
      }),
      publish: jest.fn(),
    };
    const { connection } = await connectedProvider({
      client,
      events,
      coalesceMs: 20,
    });

    // pending, provisioning, ready of one resource; the deletion of
    // another; a third whose request for approval was rejected.
    for (const resourceId of [
      'id-web',
      'id-web',
      'id-old',
      'id-refused',
      'id-web',
    ]) {
      await onEvent({
        topic: 'platform.resource.changed',
        eventPayload: { resourceId },
      });
    }
    // The burst is applied once its quiet period is over, however busy the machine.
    const deadline = Date.now() + 5_000;
    while (
      connection.applyMutation.mock.calls.length === 0 &&
      Date.now() < deadline
    ) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    await new Promise(resolve => setTimeout(resolve, 100));

    // One request for the three, each at its latest state.
    expect(client.listResources).toHaveBeenCalledTimes(1);
    expect(client.listResources).toHaveBeenCalledWith({
      ids: 'id-web,id-old,id-refused',
      limit: '3',
    });
    expect(client.getResource).not.toHaveBeenCalled();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'delta',
      added: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({
              name: 'web.staging.team-beta',
            }),
          }),
        }),
      ],
      removed: [
        {
          entityRef: 'resource:default/old.staging.team-beta',
          locationKey: expect.any(String),
        },
        {
          entityRef: 'resource:default/refused.staging.team-beta',
          locationKey: expect.any(String),
        },
      ],
    });
  });

  it('names upstreams on later pages, and asks for those no longer live', async () => {
    const pages: Record<
      string,
      { items: PlatformResource[]; nextCursor?: string }
    > = {
      first: {
        items: [
          resource('gw', { offering: 'api-gateway', dependsOn: ['id-web'] }),
          resource('old-gw', {
            offering: 'api-gateway',
            dependsOn: ['id-gone'],
          }),
        ],
        nextCursor: 'id-old-gw',
      },
      'id-old-gw': {
        items: [resource('web', { offering: 'web-application' })],
      },
    };
    const client = {
      listResources: jest.fn(
        async (query: Record<string, string | undefined>) =>
          pages[query.cursor ?? 'first'],
      ),
      getResource: jest.fn(async (id: string) =>
        resource(id.replace('id-', ''), { state: 'deleting' }),
      ),
      listOfferings: jest.fn(async () => []),
    };
    const { provider, connection } = await connectedProvider({
      client,
    });

    await expect(provider.fullSync()).resolves.toBe(3);
    expect(client.getResource).toHaveBeenCalledTimes(1);
    expect(client.getResource).toHaveBeenCalledWith('id-gone');
    const mutation = connection.applyMutation.mock.calls[0][0];
    const dependsOn = Object.fromEntries(
      (mutation.type === 'full' ? mutation.entities : []).map(e => [
        e.entity.metadata.name,
        e.entity.spec?.dependsOn,
      ]),
    );
    expect(dependsOn).toEqual({
      'gw.staging.team-beta': ['resource:default/web.staging.team-beta'],
      'old-gw.staging.team-beta': ['resource:default/gone.staging.team-beta'],
      'web.staging.team-beta': undefined,
    });
  });
});
