import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { ResourceStore } from '../store/ResourceStore';
import { LifetimeConfig } from './LifetimeConfig';
import { LifetimeKeeper } from './LifetimeKeeper';
import { LifetimeNotifier } from './LifetimeNotifier';
import { LifetimeStore } from './LifetimeStore';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';

/**
 * Expiry of resources: a global task every 30 s, so that a resource is
 * deleted within a minute of its expiry, by one replica.
 */
export async function setupLifetimes(options: {
  config: LifetimeConfig;
  db: Knex;
  store: ResourceStore;
  notifications: NotificationService;
  scheduler: SchedulerService;
  logger: LoggerService;
  withdrawApprovals: (tx: Knex.Transaction, id: string) => Promise<void>;
  changes: ResourceChangeNotifier;
}): Promise<LifetimeStore> {
  const lifetimes = new LifetimeStore(options.db, options.store);
  const keeper = new LifetimeKeeper({
    store: lifetimes,
    resources: options.store,
    noticesMs: options.config.noticesMs,
    notifier: new LifetimeNotifier({
      notifications: options.notifications,
      logger: options.logger,
    }),
    logger: options.logger,
    withdrawApprovals: options.withdrawApprovals,
    changes: options.changes,
  });
  await options.scheduler.scheduleTask({
    id: 'platform-lifetimes',
    scope: 'global',
    frequency: { seconds: 30 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 10 },
    fn: async signal => keeper.run(new Date(), signal as AbortSignal),
  });
  return lifetimes;
}
