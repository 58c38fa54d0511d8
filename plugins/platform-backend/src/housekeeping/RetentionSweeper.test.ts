import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { FeedbackStore } from '../metrics/FeedbackStore';
import { HealthStore } from '../metrics/HealthStore';
import { ResourceStore } from '../store/ResourceStore';
import { defaultRetentionOptions } from './RetentionOptions';
import { RetentionSweeper } from './RetentionSweeper';

jest.setTimeout(120_000);

const NOW = new Date('2027-06-01T12:00:00.000Z');
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 86_400_000).toISOString();

let sequence = 0;
const nextId = () => {
  sequence++;
  return `00000000-0000-7000-8000-${String(sequence).padStart(12, '0')}`;
};

async function insertResource(
  knex: Knex,
  options: { deletedDaysAgo?: number } = {},
): Promise<string> {
  const id = nextId();
  const deleted = options.deletedDaysAgo !== undefined;
  await knex('platform_resources').insert({
    id,
    offering: 'web-application',
    name: `r${sequence}`,
    team: 'team-alpha',
    environment: 'development',
    state: deleted ? 'deleted' : 'ready',
    config: '{}',
    outputs: '{}',
    depends_on: '[]',
    created_by: 'user:default/guest',
    created_via: 'api',
    created_at: daysAgo(600),
    updated_at: daysAgo(600),
    deleted_at: deleted ? daysAgo(options.deletedDaysAgo!) : null,
    live_key: deleted ? null : `team-alpha/development/r${sequence}`,
  });
  return id;
}

async function insertEvents(knex: Knex, resourceId: string, ages: number[]) {
  for (const age of ages) {
    await knex('platform_resource_events').insert({
      resource_id: resourceId,
      time: daysAgo(age),
      type: `event-${age}`,
      state: 'ready',
      actor: 'platform',
      message: `${age} days ago`,
    });
  }
}

const eventAges = async (knex: Knex, resourceId: string) =>
  (
    await knex('platform_resource_events')
      .where({ resource_id: resourceId })
      .orderBy('id')
  ).map(row => row.type);

const times = async (knex: Knex, table: string, column: string) =>
  (await knex(table).select(column).orderBy(column)).map(row => row[column]);

describe('RetentionSweeper', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    return {
      knex,
      resources: new ResourceStore(knex),
      health: new HealthStore(knex),
      feedback: new FeedbackStore(knex),
    };
  }

  it.each(databases.eachSupportedId())(
    'deletes what is older than its retention and keeps the rest, %p',
    async databaseId => {
      const { knex, resources, health, feedback } = await setup(databaseId);
      const live = await insertResource(knex);
      const liveWithNews = await insertResource(knex);
      const deleted = await insertResource(knex, { deletedDaysAgo: 450 });
      await insertEvents(knex, live, [500, 450]);
      await insertEvents(knex, liveWithNews, [500, 10]);
      await insertEvents(knex, deleted, [500, 450]);
      await knex('platform_health_checks').insert(
        [100, 91, 89, 10].map(age => ({
          resource_id: live,
          checked_at: daysAgo(age),
          healthy: true,
        })),
      );
      await knex('platform_support_tickets').insert(
        [401, 399].map(age => ({
          id: nextId(),
          resource_id: live,
          team: 'team-alpha',
          category: 'access',
          description: 'cannot connect',
          created_by: 'user:default/guest',
          created_at: daysAgo(age),
          status: 'open',
        })),
      );
      await knex('platform_survey_answers').insert(
        [401, 399].map(age => ({
          user_ref: 'user:default/guest',
          score: 9,
          created_at: daysAgo(age),
        })),
      );

      const sweeper = new RetentionSweeper({
        resources,
        health,
        feedback,
        retention: defaultRetentionOptions,
        logger: mockServices.logger.mock(),
      });
      await expect(sweeper.sweep(undefined, NOW)).resolves.toEqual({
        events: 4,
        healthChecks: 2,
        tickets: 1,
        surveyAnswers: 1,
      });

      // The newest event of a live resource stays however old it is; a
      // deleted resource's timeline goes entirely.
      expect(await eventAges(knex, live)).toEqual(['event-450']);
      expect(await eventAges(knex, liveWithNews)).toEqual(['event-10']);
      expect(await eventAges(knex, deleted)).toEqual([]);
      expect(await times(knex, 'platform_health_checks', 'checked_at')).toEqual(
        [daysAgo(89), daysAgo(10)],
      );
      expect(
        await times(knex, 'platform_support_tickets', 'created_at'),
      ).toEqual([daysAgo(399)]);
      expect(
        await times(knex, 'platform_survey_answers', 'created_at'),
      ).toEqual([daysAgo(399)]);
      // The resources themselves, tombstones included, stay.
      expect(
        Number((await knex('platform_resources').count('* as n'))[0].n),
      ).toBe(3);

      // A second run finds nothing more.
      await expect(sweeper.sweep(undefined, NOW)).resolves.toEqual({
        events: 0,
        healthChecks: 0,
        tickets: 0,
        surveyAnswers: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes at most a batch per statement, oldest first, %p',
    async databaseId => {
      const { knex, resources, health, feedback } = await setup(databaseId);
      const live = await insertResource(knex);
      await insertEvents(knex, live, [700, 600, 500, 450, 420, 1]);
      await knex('platform_health_checks').insert(
        [200, 190, 180, 170, 160, 150, 140].map(age => ({
          resource_id: live,
          checked_at: daysAgo(age),
          healthy: false,
        })),
      );

      await expect(
        resources.events.prune({ before: daysAgo(400), limit: 2 }),
      ).resolves.toBe(2);
      expect(await eventAges(knex, live)).toEqual([
        'event-500',
        'event-450',
        'event-420',
        'event-1',
      ]);
      await expect(
        health.pruneChecks({ before: daysAgo(90), limit: 3 }),
      ).resolves.toBe(3);
      expect(await times(knex, 'platform_health_checks', 'checked_at')).toEqual(
        [daysAgo(170), daysAgo(160), daysAgo(150), daysAgo(140)],
      );

      // The sweeper goes on batch after batch until nothing old is left.
      const pruneChecks = jest.spyOn(health, 'pruneChecks');
      const sweeper = new RetentionSweeper({
        resources,
        health,
        feedback,
        retention: defaultRetentionOptions,
        logger: mockServices.logger.mock(),
        batchSize: 3,
      });
      const deleted = await sweeper.sweep(undefined, NOW);
      expect(deleted).toMatchObject({ events: 3, healthChecks: 4 });
      expect(pruneChecks.mock.calls.map(([batch]) => batch.limit)).toEqual([
        3, 3,
      ]);
      expect(await eventAges(knex, live)).toEqual(['event-1']);
      expect(await knex('platform_health_checks')).toEqual([]);
    },
  );

  it('stops between batches once aborted and leaves the rest to the next run', async () => {
    const controller = new AbortController();
    const pruneEvents = jest.fn(async () => {
      controller.abort();
      return 2;
    });
    const other = jest.fn(async () => 0);
    const logger = mockServices.logger.mock();
    const sweeper = new RetentionSweeper({
      resources: { events: { prune: pruneEvents } },
      health: { pruneChecks: other },
      feedback: { pruneTickets: other, pruneSurveyAnswers: other },
      retention: defaultRetentionOptions,
      logger,
      batchSize: 2,
    });

    await expect(sweeper.sweep(controller.signal, NOW)).resolves.toEqual({
      events: 2,
      healthChecks: 0,
      tickets: 0,
      surveyAnswers: 0,
    });
    expect(pruneEvents).toHaveBeenCalledTimes(1);
    expect(pruneEvents).toHaveBeenCalledWith({
      before: daysAgo(400),
      limit: 2,
    });
    expect(other).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('the next run goes on'),
    );
  });

  it('prunes every other kind when one fails, then reports the failure', async () => {
    const pruneTickets = jest.fn(async () => 1);
    const sweeper = new RetentionSweeper({
      resources: {
        events: {
          prune: async () => {
            throw new Error('disk on fire');
          },
        },
      },
      health: { pruneChecks: async () => 0 },
      feedback: { pruneTickets, pruneSurveyAnswers: async () => 0 },
      retention: defaultRetentionOptions,
      logger: mockServices.logger.mock(),
    });
    await expect(sweeper.sweep(undefined, NOW)).rejects.toThrow(
      'Retention could not prune events: Error: disk on fire',
    );
    expect(pruneTickets).toHaveBeenCalledWith({
      before: daysAgo(400),
      limit: 1000,
    });
  });
});
