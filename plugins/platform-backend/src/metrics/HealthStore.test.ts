import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { FeedbackStore } from './FeedbackStore';
import { HealthStore } from './HealthStore';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 86_400_000).toISOString();

let sequence = 0;
function resourceRow(extra: Record<string, unknown>) {
  sequence++;
  return {
    id: `00000000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    offering: 'web-application',
    name: `r${sequence}`,
    team: 'team-alpha',
    environment: 'development',
    state: 'ready',
    config: '{}',
    outputs: '{}',
    depends_on: '[]',
    created_by: 'user:default/guest',
    created_via: 'portal',
    created_at: daysAgo(1),
    updated_at: daysAgo(1),
    live_key: `k${sequence}`,
    ...extra,
  };
}

describe('HealthStore', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: TestDatabaseId): Promise<Knex> {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    return knex;
  }

  it.each(databases.eachSupportedId())(
    'computes each figure from known data, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      await knex('platform_resources').insert([
        // Self-service: 3 by members, 1 by the platform team, in the window;
        // one old one outside it, and one from a service (unknown) ignored.
        resourceRow({
          self_service: true,
          provision_seconds: 1,
          ready_at: daysAgo(1),
        }),
        resourceRow({
          self_service: true,
          provision_seconds: 2,
          ready_at: daysAgo(1),
        }),
        resourceRow({
          self_service: true,
          provision_seconds: 3,
          ready_at: daysAgo(1),
        }),
        resourceRow({
          self_service: false,
          offering: 'postgresql-database',
          provision_seconds: 100,
          ready_at: daysAgo(1),
          team: 'team-beta',
          environment: 'production',
          state: 'failed',
        }),
        resourceRow({
          self_service: false,
          created_at: daysAgo(60),
          state: 'deleted',
          deleted_at: daysAgo(50),
          live_key: null,
        }),
        resourceRow({ self_service: null }),
      ]);
      for (let i = 1; i <= 20; i++) {
        // Twenty more web applications taking 1..20 s: p50 = 10, p95 = 19.
        await knex('platform_resources').insert(
          resourceRow({
            provision_seconds: i,
            ready_at: daysAgo(2),
            self_service: null,
          }),
        );
      }
      await knex('platform_health_checks').insert([
        { resource_id: 'a', checked_at: daysAgo(1), healthy: true },
        { resource_id: 'a', checked_at: daysAgo(2), healthy: true },
        { resource_id: 'a', checked_at: daysAgo(3), healthy: true },
        { resource_id: 'b', checked_at: daysAgo(1), healthy: false },
        { resource_id: 'b', checked_at: daysAgo(40), healthy: false },
      ]);
      const feedback = new FeedbackStore(knex);
      const scores = [10, 9, 9, 8, 7, 6, 0, 10, 5, 9];
      for (const [i, score] of scores.entries()) {
        await feedback.answer(
          `user:default/u${i}`,
          score,
          undefined,
          new Date(daysAgo(i + 1)),
        );
      }
      await feedback.answer(
        'user:default/old',
        0,
        'too slow',
        new Date(daysAgo(45)),
      );

      const summary = await new HealthStore(knex).summary({
        windowDays: 30,
        now: NOW,
      });

      expect(summary.selfServiceRate).toBe(75);
      expect(summary.availability).toBe(75);
      expect(
        summary.averageProvisionTime.byOffering['postgresql-database'],
      ).toEqual({
        count: 1,
        averageSeconds: 100,
        p50Seconds: 100,
        p95Seconds: 100,
      });
      // Web applications: 1, 2, 3 and 1..20 → 23 values.
      expect(
        summary.averageProvisionTime.byOffering['web-application'],
      ).toEqual({
        count: 23,
        averageSeconds: 9.39,
        p50Seconds: 9,
        p95Seconds: 19,
      });
      expect(summary.averageProvisionTime.overall).toEqual({
        count: 24,
        averageSeconds: 13.17,
        p50Seconds: 9,
        p95Seconds: 20,
      });
      expect(summary.activeResources).toEqual({
        total: 25,
        byState: { ready: 24, failed: 1 },
        byTeam: { 'team-alpha': 24, 'team-beta': 1 },
        byEnvironment: { development: 24, production: 1 },
      });
      // 5 promoters (10, 9, 9, 10, 9), 2 passives, 3 detractors of 10.
      expect(summary.developerSatisfaction).toEqual({
        nps: 20,
        responses: 10,
        promoters: 5,
        passives: 2,
        detractors: 3,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'counts availability only over the days health checks are kept, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      await knex('platform_health_checks').insert([
        { resource_id: 'a', checked_at: daysAgo(1), healthy: true },
        { resource_id: 'a', checked_at: daysAgo(80), healthy: false },
        // Older than the retention: due to be deleted, not counted meanwhile.
        { resource_id: 'a', checked_at: daysAgo(100), healthy: false },
        { resource_id: 'a', checked_at: daysAgo(200), healthy: false },
      ]);
      const store = new HealthStore(knex, { healthChecksDays: 90 });

      const year = await store.summary({ windowDays: 365, now: NOW });
      expect(year.windowDays).toBe(365);
      expect(year.availabilityWindowDays).toBe(90);
      expect(year.availability).toBe(50);

      const month = await store.summary({ windowDays: 30, now: NOW });
      expect(month.availabilityWindowDays).toBe(30);
      expect(month.availability).toBe(100);
    },
  );

  it.each(databases.eachSupportedId())(
    'computes the approval figures from known data, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      const resources = [1, 2, 3, 4].map(() => resourceRow({}));
      await knex('platform_resources').insert(resources);
      let approvals = 0;
      const approval = (
        resourceId: string,
        extra: Record<string, unknown>,
      ) => ({
        id: `00000000-0000-7000-9000-${String(++approvals).padStart(12, '0')}`,
        resource_id: resourceId,
        action: 'create',
        state: 'pending',
        requirements: '[]',
        decisions: '[]',
        config: '{}',
        depends_on: '[]',
        requested_by: 'user:default/guest',
        requested_via: 'portal',
        requested_at: daysAgo(2),
        expires_at: daysAgo(-5),
        ...extra,
      });
      const hoursAfter = (iso: string, hours: number) =>
        new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
      await knex('platform_approvals').insert([
        // Two of four creations needed approval: decided in 1 h and 3 h.
        approval(resources[0].id, {
          state: 'approved',
          decided_at: hoursAfter(daysAgo(2), 1),
        }),
        approval(resources[1].id, {
          state: 'rejected',
          decided_at: hoursAfter(daysAgo(2), 3),
        }),
        // A change, still waiting; and an expiry, which nobody decided.
        approval(resources[2].id, { action: 'update' }),
        approval(resources[3].id, {
          action: 'update',
          state: 'expired',
          decided_at: daysAgo(1),
        }),
        // Outside the window.
        approval(resources[3].id, {
          requested_at: daysAgo(40),
          state: 'approved',
          decided_at: daysAgo(39),
        }),
      ]);
      const summary = await new HealthStore(knex).summary({
        windowDays: 30,
        now: NOW,
      });
      expect(summary.approvals).toEqual({
        requested: 4,
        share: 50,
        decided: 2,
        waitP50Seconds: 3600,
        waitP95Seconds: 10_800,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'has no figures without data, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      const summary = await new HealthStore(knex).summary({ windowDays: 30 });
      expect(summary).toEqual({
        windowDays: 30,
        availabilityWindowDays: 30,
        selfServiceRate: null,
        availability: null,
        averageProvisionTime: { overall: null, byOffering: {} },
        activeResources: {
          total: 0,
          byState: {},
          byTeam: {},
          byEnvironment: {},
        },
        approvals: {
          requested: 0,
          share: null,
          decided: 0,
          waitP50Seconds: null,
          waitP95Seconds: null,
        },
        developerSatisfaction: {
          nps: null,
          responses: 0,
          promoters: 0,
          passives: 0,
          detractors: 0,
        },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'takes one survey answer per user every 30 days, %p',
    async databaseId => {
      const feedback = new FeedbackStore(await setup(databaseId));
      await feedback.answer(
        'user:default/guest',
        9,
        'nice',
        new Date(daysAgo(32)),
      );
      await feedback.answer(
        'user:default/guest',
        10,
        undefined,
        new Date(daysAgo(1)),
      );
      await expect(
        feedback.answer('user:default/guest', 3, undefined, NOW),
      ).rejects.toThrow('the survey can be answered once every 30 days');
      expect(await feedback.lastAnswer('user:default/guest')).toEqual({
        score: 10,
        comment: undefined,
        createdAt: daysAgo(1),
      });
    },
  );
});
