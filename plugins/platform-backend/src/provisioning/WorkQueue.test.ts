import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ResourceState } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { TABLES } from '../database/tables';
import { Claim, LeaseLostError, WorkQueue } from './WorkQueue';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Every write the engine makes, with the state it expects the resource in. */
const WRITES: Array<{
  name: string;
  from: ResourceState;
  write: (queue: WorkQueue, claim: Claim) => Promise<void>;
}> = [
  {
    name: 'markProvisioning',
    from: 'pending',
    write: (queue, claim) => queue.markProvisioning(claim, 1),
  },
  {
    name: 'markProvisioned',
    from: 'provisioning',
    write: (queue, claim) =>
      queue.markProvisioned(claim, {
        attempt: 1,
        outputs: { url: 'http://app' },
        readyAt: new Date(),
        provisionSeconds: 1,
      }),
  },
  {
    name: 'markUpdated',
    from: 'updating',
    write: (queue, claim) =>
      queue.markUpdated(claim, { attempt: 1, outputs: { url: 'http://app' } }),
  },
  {
    name: 'markFailed',
    from: 'provisioning',
    write: (queue, claim) =>
      queue.markFailed(claim, 'provisioning', { error: 'boom', attempt: 1 }),
  },
  {
    name: 'scheduleRetry',
    from: 'updating',
    write: (queue, claim) =>
      queue.scheduleRetry(claim, 'updating', {
        error: 'boom',
        attempt: 1,
        delayMs: 1_000,
      }),
  },
];

/** A resource's row as a request leaves it: the queue works on rows, whatever wrote them. */
function resourceRow(fields: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    offering: 'web-application',
    name: 'storefront',
    team: 'team-alpha',
    environment: 'development',
    state: 'pending',
    config: '{}',
    outputs: '{}',
    depends_on: '[]',
    created_by: 'user:default/guest',
    created_via: 'api',
    created_at: now,
    updated_at: now,
    ...fields,
  };
}

describe('WorkQueue', () => {
  const databases = createTestDatabases();

  /** A database with one resource in `state`, claimed by a queue. */
  async function claimed(
    databaseId: TestDatabaseId,
    state: ResourceState,
    options: { leaseMs?: number } = {},
  ) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    const { id } = resourceRow();
    await knex(TABLES.resources).insert(resourceRow({ id, state }));
    const queue = new WorkQueue(knex, { leaseMs: options.leaseMs ?? 30_000 });
    const [claim] = await queue.claim(1);
    expect(claim).toMatchObject({ id, state });
    return { knex, queue, claim };
  }

  const row = (knex: Knex, id: string) =>
    knex(TABLES.resources).where({ id }).first();

  /** The resource's timeline, which only the queue writes here. */
  const engineEvents = (knex: Knex, id: string) =>
    knex(TABLES.events)
      .where({ resource_id: id })
      .orderBy('id')
      .select('type', 'state', 'actor', 'message', 'attempt');

  it.each(databases.eachSupportedId())(
    'gives each resource to one of several replicas claiming at once, %p',
    async databaseId => {
      const { knex } = await claimed(databaseId, 'pending');
      await knex(TABLES.resources).insert(
        Array.from({ length: 30 }, (_, i) => resourceRow({ name: `web-${i}` })),
      );

      const replicas = Array.from(
        { length: 4 },
        () => new WorkQueue(knex, { leaseMs: 30_000 }),
      );
      const rounds = await Promise.all(
        replicas.flatMap(queue => [queue.claim(5), queue.claim(5)]),
      );
      const ids = rounds.flat().map(claim => claim.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Whatever was left is claimed next, and then nothing is.
      const rest = await replicas[0].claim(100);
      expect(ids.length + rest.length).toBe(30);
      expect(await replicas[1].claim(100)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'brings the resources waiting on one forward when it settles, and only then, %p',
    async databaseId => {
      const { knex, queue, claim } = await claimed(databaseId, 'provisioning');
      const later = new Date(Date.now() + 60_000).toISOString();
      const gateway = resourceRow({
        offering: 'api-gateway',
        name: 'gateway',
        depends_on: JSON.stringify([claim.id]),
        next_attempt_at: later,
      });
      const waiting = gateway.id;
      await knex(TABLES.resources).insert(gateway);
      await knex(TABLES.dependencies).insert({
        resource_id: waiting,
        depends_on_id: claim.id,
      });
      const ready = {
        attempt: 1,
        outputs: {},
        readyAt: new Date(),
        provisionSeconds: 1,
      };

      // A write the lease no longer allows changes nothing.
      await expect(
        queue.markProvisioned({ ...claim, ticket: 'stale' }, ready),
      ).rejects.toBeInstanceOf(LeaseLostError);
      expect((await row(knex, waiting)).next_attempt_at).toBe(later);

      await queue.markProvisioned(claim, ready);
      expect((await row(knex, waiting)).next_attempt_at).toBeNull();
      expect((await row(knex, claim.id)).state).toBe('ready');
    },
  );

  it.each(databases.eachSupportedId())(
    'a claim carries the resource and its sealed secrets as claimed, %p',
    async databaseId => {
      const { knex, claim } = await claimed(databaseId, 'updating');
      expect(claim.claimed).toEqual({
        resource: expect.objectContaining({
          id: claim.id,
          name: 'storefront',
          state: 'updating',
          config: {},
        }),
        sealedSecrets: undefined,
      });

      // Given back, and claimed again with secrets stored meanwhile.
      await knex(TABLES.resources).where({ id: claim.id }).update({
        secrets: 'sealed',
        lease_ticket: null,
        lease_expires_at: null,
      });
      const [again] = await new WorkQueue(knex, { leaseMs: 30_000 }).claim(1);
      expect(again.claimed?.sealedSecrets).toBe('sealed');
    },
  );

  it.each(databases.eachSupportedId())(
    'markProvisioning starts provisioning and keeps the claim, %p',
    async databaseId => {
      const { knex, queue, claim } = await claimed(databaseId, 'pending');
      await queue.markProvisioning(claim, 2);

      expect(await row(knex, claim.id)).toMatchObject({
        state: 'provisioning',
        lease_ticket: claim.ticket,
      });
      expect(await engineEvents(knex, claim.id)).toEqual([
        {
          type: 'provisioning',
          state: 'provisioning',
          actor: 'platform-engine',
          message: 'Provisioning started (attempt 2)',
          attempt: 2,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'markProvisioned makes the resource ready with its outputs and secrets, %p',
    async databaseId => {
      const { knex, queue, claim } = await claimed(databaseId, 'provisioning');
      const readyAt = new Date();
      await queue.markProvisioned(claim, {
        attempt: 3,
        outputs: { url: 'http://storefront' },
        sealedSecrets: 'sealed-value',
        readyAt,
        provisionSeconds: 12.5,
      });

      const written = await row(knex, claim.id);
      expect(written).toMatchObject({
        state: 'ready',
        error: null,
        secrets: 'sealed-value',
        ready_at: readyAt.toISOString(),
        lease_ticket: null,
        lease_expires_at: null,
        next_attempt_at: null,
      });
      expect(Number(written.attempts)).toBe(0);
      expect(Number(written.provision_seconds)).toBe(12.5);
      expect(JSON.parse(written.outputs)).toEqual({ url: 'http://storefront' });
      expect(await engineEvents(knex, claim.id)).toEqual([
        {
          type: 'provisioned',
          state: 'ready',
          actor: 'platform-engine',
          message: 'Ready (attempt 3)',
          attempt: 3,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'markUpdated makes the resource ready again and keeps its secrets when none are new, %p',
    async databaseId => {
      const { knex, queue, claim } = await claimed(databaseId, 'updating');
      await knex(TABLES.resources)
        .where({ id: claim.id })
        .update({ secrets: 'sealed-before', error: 'an earlier failure' });
      await queue.markUpdated(claim, {
        attempt: 1,
        outputs: { url: 'http://new' },
      });

      const written = await row(knex, claim.id);
      expect(written).toMatchObject({
        state: 'ready',
        error: null,
        secrets: 'sealed-before',
        ready_at: null,
        lease_ticket: null,
      });
      expect(JSON.parse(written.outputs)).toEqual({ url: 'http://new' });
      expect(await engineEvents(knex, claim.id)).toEqual([
        {
          type: 'updated',
          state: 'ready',
          actor: 'platform-engine',
          message: 'Updated (attempt 1)',
          attempt: 1,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'markFailed fails the resource with its error and releases the claim, %p',
    async databaseId => {
      const { knex, queue, claim } = await claimed(databaseId, 'provisioning');
      await queue.markFailed(claim, 'provisioning', {
        error: 'cluster refused',
        attempt: 5,
      });

      const written = await row(knex, claim.id);
      expect(written).toMatchObject({
        state: 'failed',
        error: 'cluster refused',
        lease_ticket: null,
        lease_expires_at: null,
        next_attempt_at: null,
      });
      expect(Number(written.attempts)).toBe(5);
      expect(await engineEvents(knex, claim.id)).toEqual([
        {
          type: 'failed',
          state: 'failed',
          actor: 'platform-engine',
          message: 'Failed: cluster refused',
          attempt: 5,
        },
      ]);
      expect(await queue.claim(1)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'scheduleRetry keeps the state and hands the resource out again only when due, %p',
    async databaseId => {
      const { knex, queue, claim } = await claimed(databaseId, 'deleting');
      const before = Date.now();
      await queue.scheduleRetry(claim, 'deleting', {
        error: 'still attached',
        attempt: 2,
        delayMs: 300,
      });

      const written = await row(knex, claim.id);
      expect(written).toMatchObject({
        state: 'deleting',
        error: 'still attached',
        lease_ticket: null,
        lease_expires_at: null,
      });
      expect(Number(written.attempts)).toBe(2);
      const due = Date.parse(written.next_attempt_at);
      expect(due).toBeGreaterThanOrEqual(before + 300);
      expect(due).toBeLessThanOrEqual(Date.now() + 300);
      expect(await engineEvents(knex, claim.id)).toEqual([
        {
          type: 'attempt-failed',
          state: 'deleting',
          actor: 'platform-engine',
          message: 'Attempt 2 failed: still attached; retrying in 1 s',
          attempt: 2,
        },
      ]);

      expect(await queue.claim(1)).toEqual([]);
      await sleep(due - Date.now() + 10);
      expect(await queue.claim(1)).toEqual([
        expect.objectContaining({
          id: claim.id,
          state: 'deleting',
          attempts: 2,
        }),
      ]);
    },
  );

  describe.each(WRITES)('$name', ({ from, write }) => {
    it.each(databases.eachSupportedId())(
      'refuses a claim whose lease another replica took over, %p',
      async databaseId => {
        const { knex, queue, claim } = await claimed(databaseId, from, {
          leaseMs: 1,
        });
        await sleep(20);
        const [takeover] = await queue.claim(1);
        expect(takeover.id).toBe(claim.id);
        const before = await row(knex, claim.id);

        await expect(write(queue, claim)).rejects.toThrow(LeaseLostError);

        expect(await row(knex, claim.id)).toEqual(before);
        expect(await engineEvents(knex, claim.id)).toEqual([]);
      },
    );

    it.each(databases.eachSupportedId())(
      'refuses a resource whose state a request changed, and gives it back, %p',
      async databaseId => {
        const { knex, queue, claim } = await claimed(databaseId, from);
        // Say, a delete requested while the engine worked.
        await knex(TABLES.resources)
          .where({ id: claim.id })
          .update({ state: 'deleting' });
        const before = await row(knex, claim.id);

        await expect(write(queue, claim)).rejects.toThrow(LeaseLostError);

        // Nothing is written but the release of the claim, so that the new
        // state is worked on at once.
        expect(await row(knex, claim.id)).toEqual({
          ...before,
          lease_ticket: null,
          lease_expires_at: null,
          next_attempt_at: null,
        });
        expect(await engineEvents(knex, claim.id)).toEqual([]);
        expect(await queue.claim(1)).toEqual([
          expect.objectContaining({ id: claim.id, state: 'deleting' }),
        ]);
      },
    );
  });
});
