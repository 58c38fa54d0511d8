import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { OutageMonitor } from '../availability/OutageMonitor';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';
import { RetentionOptions } from '../housekeeping/RetentionOptions';
import { RetentionSweeper } from '../housekeeping/RetentionSweeper';
import { FeedbackStore } from '../metrics/FeedbackStore';
import { HealthStore } from '../metrics/HealthStore';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { readEngineOptions } from '../provisioning/EngineOptions';
import { ProvisionerRegistry } from '../provisioning/ProvisionerRegistry';
import { ProvisioningEngine } from '../provisioning/ProvisioningEngine';
import { Reconciler } from '../provisioning/Reconciler';
import { WorkQueue } from '../provisioning/WorkQueue';
import { QuotaLedger } from '../quota/QuotaLedger';
import { SecretBox } from '../secrets/SecretBox';
import { SecretResealer } from '../secrets/SecretResealer';
import { ResourceStore } from '../store/ResourceStore';

/**
 * Starts the work that runs beside requests: the provisioning engine, and
 * the global tasks that reconcile resources, reseal their secrets and prune
 * old records. Replicas that only serve the API leave provisioning to the
 * others.
 */
export async function startProvisioning(options: {
  config: Config;
  db: Knex;
  store: ResourceStore;
  quota: QuotaLedger;
  provisioners: ProvisionerRegistry;
  secrets: SecretBox;
  changes: ResourceChangeNotifier;
  metrics: PlatformMetrics;
  health: HealthStore;
  feedback: FeedbackStore;
  retention: RetentionOptions;
  outages: OutageMonitor;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
}): Promise<void> {
  const { config, store, provisioners, secrets, logger, scheduler } = options;
  const engineOptions = readEngineOptions(config);
  const engine = new ProvisioningEngine({
    queue: new WorkQueue(options.db, {
      leaseMs: engineOptions.leaseMs,
      quota: options.quota,
    }),
    store,
    provisioners,
    secrets,
    logger: logger.child({ component: 'provisioning-engine' }),
    options: engineOptions,
    onStateChange: id => options.changes.worked(id),
    metrics: options.metrics,
    outages: options.outages,
  });
  options.changes.onWork(() => engine.wake());

  const reconciler = new Reconciler({ store, provisioners, secrets, logger });
  const resealer = new SecretResealer({
    store: store.secrets,
    secrets,
    logger,
  });
  const sweeper = new RetentionSweeper({
    resources: store,
    health: options.health,
    feedback: options.feedback,
    retention: options.retention,
    logger,
  });
  const tasks = [
    {
      id: 'platform-reconcile',
      frequency: {
        seconds:
          config.getOptionalNumber(
            'platform.provisioning.reconcileIntervalSeconds',
          ) ?? 300,
      },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 30 },
      run: (signal: AbortSignal) => reconciler.reconcileAll(signal),
    },
    {
      // Values sealed with a previous key are sealed again with the current one.
      id: 'platform-secrets-reseal',
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 15 },
      run: (signal: AbortSignal) => resealer.resealAll(signal),
    },
    {
      id: 'platform-retention',
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 10 },
      run: (signal: AbortSignal) => sweeper.sweep(signal),
    },
  ];
  for (const { run, ...task } of tasks) {
    await scheduler.scheduleTask({
      ...task,
      scope: 'global',
      fn: async signal => {
        await run(signal as AbortSignal);
      },
    });
  }

  if (config.getOptionalBoolean('platform.provisioning.enabled') ?? true) {
    options.lifecycle.addStartupHook(() => engine.start());
  }
  options.lifecycle.addShutdownHook(() => engine.stop());
  options.lifecycle.addShutdownHook(() => options.outages.stop());
}
