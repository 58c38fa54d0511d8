import {
  ApprovalStats,
  HealthSummary,
  ProvisionTimeStats,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { TABLES } from '../database/tables';

const round = (value: number) => Math.round(value * 100) / 100;

const CHECKS = TABLES.healthChecks;

/** The longest window of the health summary, in days. */
export const MAX_WINDOW_DAYS = 365;

/** Computes the platform's health figures in SQL over the stored data. */
export class HealthStore {
  readonly #db: Knex;
  readonly #healthChecksDays: number | undefined;
  readonly #spend?: () => Promise<HealthSummary['spend']>;

  /**
   * @param options.healthChecksDays - how long health checks are kept: the
   * availability of a longer window covers only these days.
   * @param options.spend - the estimated spend now, when offerings are priced.
   */
  constructor(
    db: Knex,
    options?: {
      healthChecksDays?: number;
      spend?: () => Promise<HealthSummary['spend']>;
    },
  ) {
    this.#db = db;
    this.#healthChecksDays = options?.healthChecksDays;
    this.#spend = options?.spend;
  }

  async summary(options: {
    windowDays: number;
    now?: Date;
  }): Promise<HealthSummary> {
    const now = options.now ?? new Date();
    const daysAgo = (days: number) =>
      new Date(now.getTime() - days * 86_400_000).toISOString();
    const since = daysAgo(options.windowDays);
    const availabilityWindowDays = Math.min(
      options.windowDays,
      this.#healthChecksDays ?? options.windowDays,
    );
    const [
      selfServiceRate,
      times,
      availability,
      active,
      satisfaction,
      approvals,
      spend,
    ] = await Promise.all([
      this.selfServiceRate(since),
      this.provisionTimes(since),
      this.availability(daysAgo(availabilityWindowDays)),
      this.activeResources(),
      this.satisfaction(since),
      this.approvals(since),
      this.#spend?.(),
    ]);
    return {
      windowDays: options.windowDays,
      availabilityWindowDays,
      selfServiceRate,
      averageProvisionTime: times,
      availability,
      activeResources: active,
      ...(spend ? { spend } : {}),
      approvals,
      developerSatisfaction: satisfaction,
    };
  }

  async approvals(since: string): Promise<ApprovalStats> {
    const [requested, createsNeedingApproval, created, decided] =
      await Promise.all([
        this.#db(TABLES.approvals)
          .where('requested_at', '>=', since)
          .count({ count: '*' })
          .first(),
        this.#db(TABLES.approvals)
          .where('requested_at', '>=', since)
          .andWhere({ action: 'create' })
          .count({ count: '*' })
          .first(),
        this.#db(TABLES.resources)
          .where('created_at', '>=', since)
          .count({ count: '*' })
          .first(),
        // Only the decided rows of one window: few enough to rank here.
        this.#db(TABLES.approvals)
          .where('decided_at', '>=', since)
          .whereIn('state', ['approved', 'rejected'])
          .select('requested_at', 'decided_at'),
      ]);
    const waits = decided
      .map(
        row =>
          (Date.parse(row.decided_at) - Date.parse(row.requested_at)) / 1000,
      )
      .sort((a, b) => a - b);
    const percentile = (percent: number) =>
      waits.length === 0
        ? null
        : round(waits[Math.ceil((waits.length * percent) / 100) - 1]);
    const createdCount = Number(created?.count ?? 0);
    return {
      requested: Number(requested?.count ?? 0),
      share:
        createdCount === 0
          ? null
          : round(
              (Number(createsNeedingApproval?.count ?? 0) / createdCount) * 100,
            ),
      decided: waits.length,
      waitP50Seconds: percentile(50),
      waitP95Seconds: percentile(95),
    };
  }

  async selfServiceRate(since: string): Promise<number | null> {
    const row = await this.#db(TABLES.resources)
      .where('created_at', '>=', since)
      .whereNotNull('self_service')
      .select(
        this.#db.raw('count(*) as total'),
        this.#db.raw(
          'sum(case when self_service = ? then 1 else 0 end) as self_served',
          [true],
        ),
      )
      .first();
    const total = Number(row?.total ?? 0);
    return total === 0 ? null : round((Number(row.self_served) / total) * 100);
  }

  async provisionTimes(
    since: string,
  ): Promise<HealthSummary['averageProvisionTime']> {
    // Percentiles by rank: the value at row ceil(p * n) of each ordered group,
    // which both SQLite and PostgreSQL compute with window functions.
    const ranked = this.#db(TABLES.resources)
      .whereNotNull('provision_seconds')
      .andWhere('ready_at', '>=', since)
      .select(
        'offering',
        'provision_seconds',
        this.#db.raw(
          'row_number() over (partition by offering order by provision_seconds) as offering_rank',
        ),
        this.#db.raw('count(*) over (partition by offering) as offering_count'),
        this.#db.raw(
          'row_number() over (order by provision_seconds) as overall_rank',
        ),
        this.#db.raw('count(*) over () as overall_count'),
      )
      .as('ranked');
    const percentile = (rank: string, count: string, percent: number) =>
      this.#db.raw(
        `max(case when ${rank} = (${count} * ${percent} + 99) / 100 then provision_seconds end)`,
      );
    const rows = await this.#db
      .from(ranked)
      .groupBy('offering')
      .select(
        'offering',
        this.#db.raw('count(*) as count'),
        this.#db.raw('avg(provision_seconds) as average'),
        percentile('offering_rank', 'offering_count', 50).wrap('', ' as p50'),
        percentile('offering_rank', 'offering_count', 95).wrap('', ' as p95'),
        percentile('overall_rank', 'overall_count', 50).wrap(
          '',
          ' as overall_p50',
        ),
        percentile('overall_rank', 'overall_count', 95).wrap(
          '',
          ' as overall_p95',
        ),
      );
    const byOffering: Record<string, ProvisionTimeStats> = {};
    let count = 0;
    let sum = 0;
    let overallP50: number | undefined;
    let overallP95: number | undefined;
    for (const row of rows) {
      const n = Number(row.count);
      byOffering[row.offering] = {
        count: n,
        averageSeconds: round(Number(row.average)),
        p50Seconds: round(Number(row.p50)),
        p95Seconds: round(Number(row.p95)),
      };
      count += n;
      sum += Number(row.average) * n;
      if (row.overall_p50 !== null) overallP50 = Number(row.overall_p50);
      if (row.overall_p95 !== null) overallP95 = Number(row.overall_p95);
    }
    return {
      byOffering,
      overall:
        count === 0
          ? null
          : {
              count,
              averageSeconds: round(sum / count),
              p50Seconds: round(overallP50 ?? 0),
              p95Seconds: round(overallP95 ?? 0),
            },
    };
  }

  async availability(since: string): Promise<number | null> {
    const row = await this.#db(CHECKS)
      .where('checked_at', '>=', since)
      .select(
        this.#db.raw('count(*) as total'),
        this.#db.raw(
          'sum(case when healthy = ? then 1 else 0 end) as healthy',
          [true],
        ),
      )
      .first();
    const total = Number(row?.total ?? 0);
    return total === 0 ? null : round((Number(row.healthy) / total) * 100);
  }

  /** Deletes at most `limit` health checks made before `before`, oldest first. */
  async pruneChecks(options: {
    before: string;
    limit: number;
  }): Promise<number> {
    const expired = this.#db(CHECKS)
      .select('id')
      .where('checked_at', '<', options.before)
      .orderBy('checked_at')
      .limit(options.limit);
    return this.#db(CHECKS).whereIn('id', expired).delete();
  }

  async activeResources(): Promise<HealthSummary['activeResources']> {
    const group = async (column: string) => {
      const rows = await this.#db(TABLES.resources)
        .whereNull('deleted_at')
        .groupBy(column)
        .select(column, this.#db.raw('count(*) as count'));
      return Object.fromEntries(
        rows.map(r => [r[column], Number(r.count)]),
      ) as Record<string, number>;
    };
    const [byState, byTeam, byEnvironment] = await Promise.all([
      group('state'),
      group('team'),
      group('environment'),
    ]);
    const total = Object.values(byState).reduce((a, b) => a + b, 0);
    return { total, byState, byTeam, byEnvironment };
  }

  async satisfaction(
    since: string,
  ): Promise<HealthSummary['developerSatisfaction']> {
    const row = await this.#db(TABLES.surveyAnswers)
      .where('created_at', '>=', since)
      .select(
        this.#db.raw('count(*) as responses'),
        this.#db.raw(
          'sum(case when score >= 9 then 1 else 0 end) as promoters',
        ),
        this.#db.raw(
          'sum(case when score between 7 and 8 then 1 else 0 end) as passives',
        ),
        this.#db.raw(
          'sum(case when score <= 6 then 1 else 0 end) as detractors',
        ),
      )
      .first();
    const responses = Number(row?.responses ?? 0);
    const promoters = Number(row?.promoters ?? 0);
    const passives = Number(row?.passives ?? 0);
    const detractors = Number(row?.detractors ?? 0);
    return {
      nps:
        responses === 0
          ? null
          : round(((promoters - detractors) / responses) * 100),
      responses,
      promoters,
      passives,
      detractors,
    };
  }
}
