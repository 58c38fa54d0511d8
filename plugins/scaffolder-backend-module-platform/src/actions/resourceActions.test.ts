import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import yaml from 'yaml';
import { createCreateResourceAction } from './createResource';
import { examples as createExamples } from './createResource.examples';
import { createDeleteResourceAction } from './deleteResource';
import { examples as deleteExamples } from './deleteResource.examples';
import { createWaitForResourceAction } from './waitForResource';
import { examples as waitExamples } from './waitForResource.examples';
import { MAX_WAIT_SECONDS } from './waitTimeout';

const resource = (
  state: PlatformResource['state'],
  extra = {},
): PlatformResource => ({
  id: '01a21a29-6f5e-7194-8232-15a88952bad7',
  offering: 'postgresql-database',
  name: 'orders-db',
  team: 'team-alpha',
  environment: 'development',
  state,
  config: {},
  outputs: state === 'ready' ? { host: 'db.internal' } : {},
  dependsOn: [],
  createdBy: 'user:default/guest',
  createdVia: 'scaffolder',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  ...extra,
});

const inputOf = (example: { example: string }) =>
  yaml.parse(example.example).steps[0].input;

describe('platform:resource:create', () => {
  it('requests the resource as the initiating user through the scaffolder channel', async () => {
    const client = {
      createResource: jest.fn(async () => resource('pending')),
      dryRunResource: jest.fn(),
    };
    const ctx = createMockActionContext({ input: inputOf(createExamples[0]) });
    await createCreateResourceAction({ client }).handler(ctx);

    expect(client.createResource).toHaveBeenCalledWith(
      {
        offering: 'postgresql-database',
        name: 'orders-db',
        team: 'team-alpha',
        environment: 'development',
        config: { size: 'medium', backup_retention_days: 14 },
        component: undefined,
        system: undefined,
      },
      {
        credentials: await ctx.getInitiatorCredentials(),
        channel: 'scaffolder',
      },
    );
    expect(ctx.output).toHaveBeenCalledWith('id', resource('pending').id);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/orders-db.development.team-alpha',
    );
  });

  it('reports the verdict in a dry run and creates nothing', async () => {
    const client = {
      createResource: jest.fn(),
      dryRunResource: jest.fn(async () => ({
        allowed: false,
        errors: [],
        violations: [
          {
            policy: 'environment-rules',
            reason: 'Production databases must have high_availability enabled',
          },
        ],
        approvals: [
          {
            policy: 'approvals',
            reason: 'Large production databases need approval',
            approvers: 'group:default/platform-team',
          },
        ],
      })),
    };
    const ctx = {
      ...createMockActionContext({
        input: { ...inputOf(createExamples[0]), environment: 'production' },
      }),
      isDryRun: true,
    };
    const warn = jest.spyOn(ctx.logger, 'warn');
    const info = jest.spyOn(ctx.logger, 'info');
    await createCreateResourceAction({ client }).handler(ctx);
    expect(client.createResource).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(
      'Refused by environment-rules: Production databases must have high_availability enabled',
    );
    expect(ctx.output).toHaveBeenCalledWith('state', 'refused');
    expect(info).toHaveBeenCalledWith(
      'Needs approval by group:default/platform-team: Large production databases need approval',
    );
  });

  it('fails the step with the API error', async () => {
    const client = {
      createResource: jest.fn(async () => {
        throw new Error(
          'Refused by policy: Team team-alpha has used 5 of 5 postgresql-database resources (quota)',
        );
      }),
      dryRunResource: jest.fn(),
    };
    const ctx = createMockActionContext({ input: inputOf(createExamples[0]) });
    await expect(
      createCreateResourceAction({ client }).handler(ctx),
    ).rejects.toThrow('has used 5 of 5');
  });
});

describe('platform:resource:wait', () => {
  it('logs each state change until the resource is ready', async () => {
    const states = [
      resource('pending'),
      resource('provisioning'),
      resource('provisioning'),
      resource('ready'),
    ];
    const client = { getResource: jest.fn(async () => states.shift()!) };
    const ctx = createMockActionContext({
      input: { id: resource('ready').id },
    });
    const info = jest.spyOn(ctx.logger, 'info');
    await createWaitForResourceAction({ client, pollIntervalMs: 1 }).handler(
      ctx,
    );

    expect(info.mock.calls.map(c => c[0])).toEqual([
      'orders-db is pending',
      'orders-db is provisioning',
      'orders-db is ready',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('outputs', { host: 'db.internal' });
  });

  it('fails the step with the reason of a failed resource', async () => {
    const client = {
      getResource: jest.fn(async () =>
        resource('failed', { error: 'Cannot reach the PostgreSQL server' }),
      ),
    };
    const ctx = createMockActionContext({ input: inputOf(waitExamples[0]) });
    await expect(
      createWaitForResourceAction({ client, pollIntervalMs: 1 }).handler(ctx),
    ).rejects.toThrow(
      'Resource orders-db is failed: Cannot reach the PostgreSQL server',
    );
  });

  it('says whom a resource waits for, with a link, and keeps waiting', async () => {
    const states = [
      resource('awaiting-approval'),
      resource('awaiting-approval'),
      resource('pending'),
      resource('ready'),
    ];
    const client = {
      getResource: jest.fn(async () => states.shift()!),
      listResourceApprovals: jest.fn(async () => [
        {
          state: 'pending',
          awaiting: ['group:default/platform-team'],
          requirements: [
            {
              policy: 'approvals',
              reason: 'Large production databases need approval',
              approvers: 'group:default/platform-team',
            },
          ],
        } as any,
      ]),
    };
    const ctx = createMockActionContext({
      input: { id: resource('ready').id },
    });
    const info = jest.spyOn(ctx.logger, 'info');
    await createWaitForResourceAction({
      client,
      pollIntervalMs: 1,
      appBaseUrl: 'http://localhost:3000',
    }).handler(ctx);

    expect(info.mock.calls.map(c => c[0])).toEqual([
      `orders-db is waiting for approval by group:default/platform-team (Large production databases need approval): http://localhost:3000/platform/resources/${
        resource('ready').id
      }`,
      'orders-db is pending',
      'orders-db is ready',
    ]);
  });

  it('fails the step with the reason of a rejection', async () => {
    const client = {
      getResource: jest.fn(async () =>
        resource('rejected', {
          error: 'Rejected by user:default/priya: use a medium database',
        }),
      ),
    };
    const ctx = createMockActionContext({ input: inputOf(waitExamples[0]) });
    await expect(
      createWaitForResourceAction({ client, pollIntervalMs: 1 }).handler(ctx),
    ).rejects.toThrow(
      'Resource orders-db is rejected: Rejected by user:default/priya: use a medium database',
    );
  });

  it('gives up after its timeout', async () => {
    const client = {
      getResource: jest.fn(async () => resource('provisioning')),
    };
    const ctx = createMockActionContext({
      input: { id: 'x', timeoutSeconds: 1 },
    });
    await expect(
      createWaitForResourceAction({ client, pollIntervalMs: 100 }).handler(ctx),
    ).rejects.toThrow('Resource orders-db was still provisioning after 1 s');
  });
});

describe('the timeouts of the actions that wait', () => {
  const actions = () => {
    const client = {
      getResource: jest.fn(async () => resource('ready')),
      deleteResource: jest.fn(async () => resource('deleting')),
    };
    return {
      client,
      wait: createWaitForResourceAction({ client, pollIntervalMs: 1 }),
      delete: createDeleteResourceAction({ client, pollIntervalMs: 1 }),
    };
  };

  it('are at most two hours in the schema the scaffolder checks inputs against', () => {
    expect(MAX_WAIT_SECONDS).toBe(7200);
    for (const action of [actions().wait, actions().delete]) {
      expect(
        (action.schema?.input as any).properties.timeoutSeconds,
      ).toMatchObject({ type: 'integer', exclusiveMinimum: 0, maximum: 7200 });
    }
  });

  it.each([7201, 86_400, 0, 1.5])(
    'refuse %p seconds naming the input, before anything is done',
    async timeoutSeconds => {
      const { client, ...action } = actions();
      for (const kind of ['wait', 'delete'] as const) {
        const ctx = createMockActionContext({
          input: { id: resource('ready').id, wait: true, timeoutSeconds },
        });
        await expect(action[kind].handler(ctx)).rejects.toThrow(
          `timeoutSeconds must be a whole number of seconds from 1 to 7200 (2 hours); got ${timeoutSeconds}`,
        );
      }
      expect(client.getResource).not.toHaveBeenCalled();
      expect(client.deleteResource).not.toHaveBeenCalled();
    },
  );

  it('accept the maximum', async () => {
    const { wait } = actions();
    const ctx = createMockActionContext({
      input: { id: resource('ready').id, timeoutSeconds: 7200 },
    });
    await wait.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('state', 'ready');
  });
});

describe('platform:resource:delete', () => {
  it('deletes and waits until the resource is gone', async () => {
    const states = [resource('deleting'), resource('deleted')];
    const client = {
      deleteResource: jest.fn(async () => resource('deleting')),
      getResource: jest.fn(async () => states.shift()!),
    };
    const ctx = createMockActionContext({ input: { id: 'x', wait: true } });
    await createDeleteResourceAction({ client, pollIntervalMs: 1 }).handler(
      ctx,
    );
    expect(client.deleteResource).toHaveBeenCalledTimes(1);
    expect(ctx.output).toHaveBeenCalledWith('state', 'deleted');
  });

  it('has a runnable example', () => {
    expect(inputOf(deleteExamples[0])).toEqual({
      id: '${{ parameters.resourceId }}',
      wait: true,
    });
  });
});
