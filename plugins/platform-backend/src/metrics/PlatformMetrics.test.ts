import { mockServices } from '@backstage/backend-test-utils';
import {
  PrometheusExporter,
  PrometheusSerializer,
} from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { execFileSync } from 'child_process';
import fs from 'fs';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { FeedbackStore } from './FeedbackStore';
import { HealthStore } from './HealthStore';
import { ticketCategories } from '@idp-kit/plugin-platform-common';
import { PlatformMetrics } from './PlatformMetrics';

jest.setTimeout(60_000);

const PROMTOOL = '/usr/bin/promtool';

describe('PlatformMetrics', () => {
  const databases = createTestDatabases();

  it('exports the article metrics in valid Prometheus format', async () => {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(mockServices.database({ knex }));
    await new FeedbackStore(knex).answer('user:default/guest', 10, undefined);

    const exporter = new PrometheusExporter({ preventServerStart: true });
    const provider = new MeterProvider({ readers: [exporter] });
    const metrics = new PlatformMetrics({
      health: new HealthStore(knex),
      meter: provider.getMeter('test'),
      spend: async () => ({
        'team-alpha': { 'postgresql-database': 83.5, 'web-application': 44 },
      }),
    });
    metrics.resourceCreated({
      offering: 'postgresql-database',
      team: 'team-alpha',
      environment: 'production',
    });
    metrics.provisioned('postgresql-database', 0.8);
    metrics.provisioned('web-application', 42);
    metrics.provisioningFailed('postgresql-database', 'timeout');
    metrics.policyDenied([
      { policy: 'quota', reason: 'full' },
      { policy: 'environment-rules', reason: 'a' },
      { policy: 'environment-rules', reason: 'b' },
    ]);
    metrics.ticketReported('access');
    metrics.approvalDecided('postgresql-database', 'approved', 1800);
    metrics.approvalDecided('postgresql-database', 'expired', 604_800);

    const { resourceMetrics } = await exporter.collect();
    const text = new PrometheusSerializer().serialize(resourceMetrics);

    // Each sample with its labels (the exporter adds otel_scope_name).
    const sample = (name: string, labels: string, value: string) =>
      expect(text).toMatch(
        new RegExp(`^${name}\\{${labels}[^}]*\\} ${value}$`, 'm'),
      );
    sample(
      'idp_resource_creations_total',
      'service_type="postgresql-database",team="team-alpha",environment="production"',
      '1',
    );
    sample(
      'idp_provision_time_seconds_bucket',
      'service_type="postgresql-database"[^}]*le="1"',
      '1',
    );
    sample(
      'idp_provision_time_seconds_bucket',
      'service_type="web-application"[^}]*le="60"',
      '1',
    );
    sample(
      'idp_provision_time_seconds_bucket',
      'service_type="web-application"[^}]*le="30"',
      '0',
    );
    sample(
      'idp_provisioning_failures_total',
      'service_type="postgresql-database",reason="timeout"',
      '1',
    );
    sample('idp_policy_denials_total', 'policy="environment-rules"', '1');
    sample('idp_support_tickets_total', 'category="access"', '1');
    sample('idp_net_promoter_score', '', '100');
    sample(
      'idp_approval_wait_seconds_bucket',
      'service_type="postgresql-database"[^}]*le="3600"',
      '1',
    );
    sample(
      'idp_approval_wait_seconds_bucket',
      'service_type="postgresql-database"[^}]*le="604800"',
      '2',
    );
    sample(
      'idp_estimated_monthly_cost',
      'team="team-alpha",service_type="postgresql-database"',
      '83.5',
    );
    sample(
      'idp_approval_decisions_total',
      'service_type="postgresql-database",outcome="expired"',
      '1',
    );
    expect(text).not.toMatch(/^idp_self_service_rate\{/m); // no resources yet

    if (!fs.existsSync(PROMTOOL)) {
      if (process.env.CI) {
        throw new Error(
          `${PROMTOOL} is missing; CI installs Debian's prometheus package`,
        );
      }
      // eslint-disable-next-line no-console
      console.warn(
        `Skipping promtool: install Debian's prometheus package to check the format`,
      );
      return;
    }
    // promtool reads the exposition from standard input and names every problem.
    const output = execFileSync(PROMTOOL, ['check', 'metrics'], {
      input: text,
      encoding: 'utf8',
    });
    expect(output).toBe('');
  });

  it('exposes the feedback series before any answer or ticket', async () => {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(mockServices.database({ knex }));
    const exporter = new PrometheusExporter({ preventServerStart: true });
    const provider = new MeterProvider({ readers: [exporter] });
    // eslint-disable-next-line no-new
    new PlatformMetrics({
      health: new HealthStore(knex),
      meter: provider.getMeter('test'),
    });

    const { resourceMetrics } = await exporter.collect();
    const text = new PrometheusSerializer().serialize(resourceMetrics);

    expect(text).toMatch(/^idp_net_promoter_score\{[^}]*\} NaN$/m);
    for (const category of ticketCategories) {
      expect(text).toMatch(
        new RegExp(
          `^idp_support_tickets_total\\{category="${category}"[^}]*\\} 0$`,
          'm',
        ),
      );
    }
  });
});
