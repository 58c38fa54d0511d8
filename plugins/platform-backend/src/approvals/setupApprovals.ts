import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { ResourceChangeNotifier } from '../changes/ResourceChangeNotifier';
import { ResourceStore } from '../store/ResourceStore';
import { TeamDirectory } from '../teams/TeamDirectory';
import { ApprovalNotifier } from './ApprovalNotifier';
import { readApprovalOptions } from './ApprovalOptions';
import { ApprovalService } from './ApprovalService';
import { ApprovalStore } from './ApprovalStore';
import { JudgeApproved } from './JudgeApproved';

/**
 * The approvals and their expiry: a global task, so that of several
 * replicas one expires each request, once.
 */
export async function setupApprovals(options: {
  config: Config;
  db: Knex;
  resources: ResourceStore;
  authorizer: ResourceAuthorizer;
  teams: TeamDirectory;
  notifications: NotificationService;
  scheduler: SchedulerService;
  logger: LoggerService;
  metrics: PlatformMetrics;
  changes: ResourceChangeNotifier;
  /** Judges a request again when its last approval arrives. */
  judge?: JudgeApproved;
}): Promise<ApprovalService> {
  const approvals = new ApprovalService({
    store: new ApprovalStore(options.db, options.resources),
    resources: options.resources,
    authorizer: options.authorizer,
    groupsOf: credentials => options.teams.groupsOf(credentials),
    options: readApprovalOptions(options.config),
    notifier: new ApprovalNotifier({
      notifications: options.notifications,
      logger: options.logger,
    }),
    metrics: options.metrics,
    changes: options.changes,
    judge: options.judge,
  });
  await options.scheduler.scheduleTask({
    id: 'platform-approvals-expire',
    scope: 'global',
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 20 },
    fn: async signal => {
      const expired = await approvals.expireDue(signal as AbortSignal);
      if (expired > 0) {
        options.logger.info(`${expired} requests for approval expired`);
      }
    },
  });
  return approvals;
}
