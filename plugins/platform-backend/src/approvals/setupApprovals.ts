import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { ResourceStore } from '../resources/ResourceStore';
import { ApprovalNotifier } from './ApprovalNotifier';
import { readApprovalOptions } from './ApprovalOptions';
import { ApprovalService } from './ApprovalService';
import { ApprovalStore } from './ApprovalStore';

/**
 * The approvals and their expiry: a global task, so that of several
 * replicas one expires each request, once.
 */
export async function setupApprovals(options: {
  config: Config;
  db: Knex;
  resources: ResourceStore;
  authorizer: ResourceAuthorizer;
  auth: AuthService;
  userInfo: UserInfoService;
  notifications: NotificationService;
  scheduler: SchedulerService;
  logger: LoggerService;
  metrics: PlatformMetrics;
  onChange: (resource: PlatformResource) => void;
}): Promise<ApprovalService> {
  const groupsOf = async (credentials: BackstageCredentials) => {
    if (!options.auth.isPrincipal(credentials, 'user')) {
      return [];
    }
    const info = await options.userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs.filter(ref => ref.startsWith('group:'));
  };
  const approvals = new ApprovalService({
    store: new ApprovalStore(options.db, options.resources),
    resources: options.resources,
    authorizer: options.authorizer,
    groupsOf,
    options: readApprovalOptions(options.config),
    notifier: new ApprovalNotifier({
      notifications: options.notifications,
      logger: options.logger,
    }),
    metrics: options.metrics,
    onChange: options.onChange,
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
