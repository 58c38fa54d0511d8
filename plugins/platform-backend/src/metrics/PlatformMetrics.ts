import { Meter, metrics } from '@opentelemetry/api';
import {
  PolicyViolation,
  ticketCategories,
} from '@idp-kit/plugin-platform-common';
import { HealthStore } from './HealthStore';

/** Provisioning takes milliseconds for a GitOps commit and minutes for a cloud database. */
const PROVISION_TIME_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800,
];

/** A decision takes minutes to days: a minute, ten, an hour, four, a day, three, a week. */
const APPROVAL_WAIT_BUCKETS = [60, 600, 3600, 14_400, 86_400, 259_200, 604_800];

/**
 * The article's success criteria as OpenTelemetry instruments, with its
 * metric names and labels.
 */
export class PlatformMetrics {
  readonly #creations;
  readonly #provisionTime;
  readonly #failures;
  readonly #denials;
  readonly #tickets;
  readonly #approvalWait;
  readonly #approvalDecisions;

  constructor(options: {
    health: HealthStore;
    meter?: Meter;
    windowDays?: number;
    /** Estimated monthly spend per team and offering, when offerings are priced. */
    spend?: () => Promise<Record<string, Record<string, number>>>;
  }) {
    const meter =
      options.meter ?? metrics.getMeter('backstage-plugin-platform');
    const windowDays = options.windowDays ?? 30;
    const since = () =>
      new Date(Date.now() - windowDays * 86_400_000).toISOString();

    this.#creations = meter.createCounter('idp_resource_creations', {
      description: 'Total resource creations',
    });
    this.#provisionTime = meter.createHistogram('idp_provision_time_seconds', {
      description: 'Time to provision resources',
      advice: { explicitBucketBoundaries: PROVISION_TIME_BUCKETS },
    });
    this.#failures = meter.createCounter('idp_provisioning_failures', {
      description:
        'Failed provisioning attempts that gave up, by offering and reason',
    });
    this.#denials = meter.createCounter('idp_policy_denials', {
      description: 'Requests refused by a policy, by policy',
    });
    this.#tickets = meter.createCounter('idp_support_tickets', {
      description: 'Support tickets for platform issues',
    });
    this.#approvalWait = meter.createHistogram('idp_approval_wait_seconds', {
      description: 'Time from a request for approval to its decision',
      advice: { explicitBucketBoundaries: APPROVAL_WAIT_BUCKETS },
    });
    this.#approvalDecisions = meter.createCounter('idp_approval_decisions', {
      description: 'Requests for approval decided, by outcome',
    });
    // Every category's series exists from the start, so a rate or an alert
    // on tickets has a zero to compare with before the first report.
    for (const category of ticketCategories) {
      this.#tickets.add(0, { category });
    }

    meter
      .createObservableGauge('idp_self_service_rate', {
        description: `Percentage of resources created via self-service in the last ${windowDays} days`,
      })
      .addCallback(async result => {
        const rate = await options.health.selfServiceRate(since());
        if (rate !== null) result.observe(rate);
      });
    meter
      .createObservableGauge('idp_net_promoter_score', {
        description: `Platform Net Promoter Score over the last ${windowDays} days`,
      })
      .addCallback(async result => {
        // NaN (no data) until someone answers: the series always exists,
        // and no score is invented for an empty survey.
        const { nps } = await options.health.satisfaction(since());
        result.observe(nps ?? NaN);
      });
    const spend = options.spend;
    if (spend) {
      meter
        .createObservableGauge('idp_estimated_monthly_cost', {
          description:
            'Estimated monthly cost of live resources, by team and offering, in the currency of platform.pricing',
        })
        .addCallback(async result => {
          for (const [team, offerings] of Object.entries(await spend())) {
            for (const [offering, monthly] of Object.entries(offerings)) {
              result.observe(monthly, { team, service_type: offering });
            }
          }
        });
    }
    meter
      .createObservableGauge('idp_resources', {
        description: 'Live resources by state',
      })
      .addCallback(async result => {
        const { byState } = await options.health.activeResources();
        for (const [state, count] of Object.entries(byState)) {
          result.observe(count, { state });
        }
      });
  }

  resourceCreated(resource: {
    offering: string;
    team: string;
    environment: string;
  }) {
    this.#creations.add(1, {
      service_type: resource.offering,
      team: resource.team,
      environment: resource.environment,
    });
  }

  provisioned(offering: string, seconds: number) {
    this.#provisionTime.record(seconds, { service_type: offering });
  }

  provisioningFailed(
    offering: string,
    reason: 'error' | 'timeout' | 'no-provisioner' | 'dependency',
  ) {
    this.#failures.add(1, { service_type: offering, reason });
  }

  policyDenied(violations: PolicyViolation[]) {
    for (const policy of new Set(violations.map(v => v.policy))) {
      this.#denials.add(1, { policy });
    }
  }

  approvalDecided(offering: string, outcome: string, waitSeconds: number) {
    this.#approvalWait.record(waitSeconds, { service_type: offering });
    this.#approvalDecisions.add(1, { service_type: offering, outcome });
  }

  ticketReported(category: string) {
    this.#tickets.add(1, { category });
  }
}
