import { SchedulerService } from '@backstage/backend-plugin-api';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import {
  largeProductionDatabaseReview,
  startApprovalsTestBackend,
} from '../__testUtils__/approvals';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  PlatformTestBackendOptions,
  readEvents,
  readResource,
} from '../__testUtils__/platformTestBackend';
import { policyModule } from '../__testUtils__/policyModule';
import { signedInAs } from '../__testUtils__/signedIn';

jest.setTimeout(120_000);

const PLATFORM_TEAM = 'group:default/platform-team';

const approvalRules = {
  expireAfter: { days: 7 },
  rules: [largeProductionDatabaseReview],
};

/** A production database that the rules above send for approval. */
const largeDatabase = (name: string, size = 'large') => ({
  offering: 'postgresql-database',
  name,
  team: 'team-alpha',
  environment: 'production',
  config: { size, high_availability: true, backup_retention_days: 7 },
});

describe('approvals', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let scheduler: SchedulerService;
    let stops: Array<() => Promise<void>> = [];

    // A database of its own for each test: quotas count every resource.
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    afterEach(async () => {
      for (const stop of stops) await stop();
      stops = [];
    });

    async function start(
      platform: JsonObject = {},
      features: PlatformTestBackendOptions['features'] = [],
    ) {
      const backend = await startApprovalsTestBackend({
        knex,
        platform: { approvals: approvalRules, ...platform },
        features: [
          captureScheduler(s => {
            scheduler = s;
          }),
          ...(features ?? []),
        ],
      });
      stops.push(() => backend.stop());
      return backend.server;
    }

    const create = (server: any, user: string, body: object) =>
      request(server)
        .post('/api/platform/resources')
        .set('Authorization', signedInAs(user))
        .send(body);
    const decide = (
      server: any,
      user: string,
      id: string,
      decision: 'approve' | 'reject',
      comment?: string,
    ) =>
      request(server)
        .post(`/api/platform/resources/${id}/${decision}`)
        .set('Authorization', signedInAs(user))
        .send(comment ? { comment } : {});
    const get = readResource;
    const eventTypes = async (server: any, id: string) =>
      (await readEvents(server, id)).map(e => e.type);

    it('answers the approvals of config rules in the dry run; allowed stays "no violations"', async () => {
      const server = await start();
      const needs = await create(server, 'guest', largeDatabase('dry-large'))
        .query({ dryRun: 'true' })
        .expect(200);
      expect(needs.body).toMatchObject({
        allowed: true,
        violations: [],
        approvals: [
          {
            policy: 'approvals',
            reason: 'Large production databases are costly',
            approvers: PLATFORM_TEAM,
          },
        ],
      });
      const plain = await create(
        server,
        'guest',
        largeDatabase('dry-medium', 'medium'),
      )
        .query({ dryRun: 'true' })
        .expect(200);
      expect(plain.body).toMatchObject({ allowed: true, approvals: [] });
    });

    it("answers a module policy's approvals, and waits for both groups", async () => {
      const dbaPolicy = policyModule({
        id: 'dba-review',
        description: 'Production databases are reviewed by the DBAs',
        async evaluate(context) {
          return context.offering.id === 'postgresql-database' &&
            context.request.environment === 'production'
            ? {
                approvals: [
                  {
                    policy: 'dba-review',
                    reason: 'The DBAs review production databases',
                    approvers: 'group:default/dba',
                  },
                ],
              }
            : [];
        },
      });
      const server = await start({}, [dbaPolicy]);
      const created = await create(
        server,
        'guest',
        largeDatabase('two-groups'),
      ).expect(202);
      expect(created.body.state).toBe('awaiting-approval');

      const first = await decide(server, 'priya', created.body.id, 'approve');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        state: 'pending',
        awaiting: ['group:default/dba'],
      });
      expect((await get(server, created.body.id)).state).toBe(
        'awaiting-approval',
      );
      // The platform team has approved already; its other members cannot again.
      await decide(server, 'sam', created.body.id, 'approve').expect(403);

      const second = await decide(server, 'dana', created.body.id, 'approve');
      expect(second.body).toMatchObject({ state: 'approved', awaiting: [] });
      expect((await get(server, created.body.id)).state).toBe('pending');
    });

    it('holds a request with its quota until a member who did not ask approves it', async () => {
      const server = await start({
        quotas: { defaults: { 'postgresql-database': 1 } },
      });
      const created = await create(server, 'priya', largeDatabase('held'));
      expect(created.status).toBe(202);
      const id = created.body.id;
      expect(created.body.state).toBe('awaiting-approval');

      // The wait holds the quota.
      const quota = await request(server)
        .get('/api/platform/quotas?team=team-alpha')
        .set('Authorization', signedInAs('guest'))
        .expect(200);
      expect(
        quota.body.items.find(
          (q: { offering: string }) => q.offering === 'postgresql-database',
        ).used,
      ).toBe(1);
      await create(server, 'guest', largeDatabase('second', 'small')).expect(
        403,
      );

      // Four eyes: not the requester, even from the approving group.
      const own = await decide(server, 'priya', id, 'approve');
      expect(own.status).toBe(403);
      expect(own.body.error.message).toContain('made this request');
      // Not someone outside the approving group.
      const outsider = await decide(server, 'guest', id, 'approve');
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toContain(
        `is not a member of ${PLATFORM_TEAM}`,
      );
      expect((await get(server, id)).state).toBe('awaiting-approval');

      const approved = await decide(server, 'sam', id, 'approve', 'Go ahead');
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        state: 'approved',
        decisions: [
          {
            actor: 'user:default/sam',
            outcome: 'approved',
            groups: [PLATFORM_TEAM],
            comment: 'Go ahead',
          },
        ],
      });
      expect((await get(server, id)).state).toBe('pending');
      expect(await eventTypes(server, id)).toEqual([
        'requested',
        'approval-requested',
        'approved',
      ]);
      // Nothing waits any more.
      await decide(server, 'sam', id, 'reject').expect(409);
    });

    it('ends a rejected request with the reason and frees its quota and name', async () => {
      const server = await start({
        quotas: { defaults: { 'postgresql-database': 1 } },
      });
      const created = await create(server, 'guest', largeDatabase('refused'));
      const id = created.body.id;
      await decide(server, 'priya', id, 'reject', 'Medium is enough').expect(
        200,
      );
      const rejected = await get(server, id);
      expect(rejected).toMatchObject({
        state: 'rejected',
        error: 'Rejected by user:default/priya: Medium is enough',
      });
      // Quota and name are free again.
      await create(server, 'guest', largeDatabase('refused', 'medium')).expect(
        202,
      );
    });

    it('holds a change until approved, keeping the configuration meanwhile', async () => {
      const server = await start();
      const created = await create(
        server,
        'guest',
        largeDatabase('growing', 'medium'),
      ).expect(202);
      const id = created.body.id;
      await knex('platform_resources').where({ id }).update({ state: 'ready' });
      const change = (size: string) =>
        request(server)
          .patch(`/api/platform/resources/${id}`)
          .set('Authorization', signedInAs('guest'))
          .send({ config: { ...largeDatabase('x').config, size } });

      expect((await change('large').expect(202)).body).toMatchObject({
        state: 'awaiting-approval',
        config: { size: 'medium' },
      });
      await decide(server, 'priya', id, 'reject').expect(200);
      expect(await get(server, id)).toMatchObject({
        state: 'ready',
        config: { size: 'medium' },
      });

      await change('large').expect(202);
      await decide(server, 'priya', id, 'approve').expect(200);
      expect(await get(server, id)).toMatchObject({
        state: 'updating',
        config: { size: 'large' },
      });
    });

    it('lets exactly one of two racing decisions count', async () => {
      const server = await start();
      for (let round = 0; round < 5; round++) {
        const created = await create(
          server,
          'guest',
          largeDatabase(`raced-${round}`),
        ).expect(202);
        const id = created.body.id;
        const answers = await Promise.all([
          decide(server, 'priya', id, 'approve'),
          decide(server, 'sam', id, 'reject'),
        ]);
        const statuses = answers.map(a => a.status).sort();
        expect(statuses).toEqual([200, 409]);
        const winner = answers.find(a => a.status === 200)!.body;
        expect(winner.decisions).toHaveLength(1);
        expect((await get(server, id)).state).toBe(
          winner.state === 'approved' ? 'pending' : 'rejected',
        );
        const decisions = (await eventTypes(server, id)).filter(
          (t: string) => t === 'approved' || t === 'rejected',
        );
        expect(decisions).toHaveLength(1);
      }
    });

    it('rejects a request as expired once its time is up', async () => {
      const server = await start({
        approvals: { ...approvalRules, expireAfter: { milliseconds: 1 } },
      });
      const created = await create(
        server,
        'guest',
        largeDatabase('forgotten'),
      ).expect(202);
      await new Promise(resolve => setTimeout(resolve, 5));
      await scheduler.triggerTask('platform-approvals-expire');
      const expired = await get(server, created.body.id);
      expect(expired.state).toBe('rejected');
      expect(expired.error).toMatch(/^Expired: nobody decided by /);
      expect(await eventTypes(server, created.body.id)).toContain(
        'approval-expired',
      );
    });

    it('expires a request once, however many replicas run the expiry', async () => {
      const schedulers: SchedulerService[] = [];
      const replicas = [];
      for (let i = 0; i < 2; i++) {
        replicas.push(
          await start({
            approvals: { ...approvalRules, expireAfter: { milliseconds: 1 } },
          }),
        );
        schedulers.push(scheduler);
      }
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          (await create(replicas[i % 2], 'guest', largeDatabase(`both-${i}`)))
            .body.id,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 5));
      await Promise.all(
        schedulers.map(s => s.triggerTask('platform-approvals-expire')),
      );
      for (const id of ids) {
        expect((await get(replicas[0], id)).state).toBe('rejected');
        expect(
          (await eventTypes(replicas[1], id)).filter(
            (t: string) => t === 'approval-expired',
          ),
        ).toHaveLength(1);
      }
    });

    it('keeps a waiting request across a restart', async () => {
      const first = await start();
      const created = await create(
        first,
        'guest',
        largeDatabase('restarted'),
      ).expect(202);
      await stops.pop()!();

      const second = await start();
      const pending = await request(second)
        .get('/api/platform/approvals')
        .set('Authorization', signedInAs('priya'))
        .expect(200);
      expect(
        pending.body.items.map((a: { resourceId: string }) => a.resourceId),
      ).toContain(created.body.id);
      await decide(second, 'priya', created.body.id, 'approve').expect(200);
      expect((await get(second, created.body.id)).state).toBe('pending');
    });

    it('lists what the caller may decide, oldest first, across teams', async () => {
      const server = await start();
      const ids: string[] = [];
      for (const [user, name] of [
        ['guest', 'listed-a'],
        ['priya', 'listed-b'],
        ['alex', 'listed-c'],
      ]) {
        ids.push((await create(server, user, largeDatabase(name))).body.id);
      }
      const listFor = async (user: string) =>
        (
          await request(server)
            .get('/api/platform/approvals?state=pending&limit=500')
            .set('Authorization', signedInAs(user))
            .expect(200)
        ).body.items.map((a: { resourceId: string; canDecide: boolean }) => [
          a.resourceId,
          a.canDecide,
        ]);

      const forSam = (await listFor('sam')).filter(([id]: [string]) =>
        ids.includes(id),
      );
      expect(forSam).toEqual(ids.map(id => [id, true]));
      // Not their own request.
      const forPriya = (await listFor('priya')).map(([id]: [string]) => id);
      expect(forPriya).toContain(ids[0]);
      expect(forPriya).not.toContain(ids[1]);
      // Nothing for those outside the approving group.
      expect(await listFor('guest')).toEqual([]);
    });
  });
});
