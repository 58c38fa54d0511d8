import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ApprovalRecord } from './ApprovalStore';

const TOPIC = 'platform-approvals';

function describe(resource: PlatformResource): string {
  return `${resource.offering} '${resource.name}' of ${resource.team} in ${resource.environment}`;
}

/**
 * Tells the approving groups of a request, and the requester of the
 * decision, through Backstage's notifications. A notification that cannot be
 * sent is logged: it never undoes the request or the decision.
 */
export class ApprovalNotifier {
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;

  constructor(options: {
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    this.#notifications = options.notifications;
    this.#logger = options.logger;
  }

  requested(
    resource: PlatformResource,
    request: {
      action: 'create' | 'update';
      requirements: { approvers: string; reason: string }[];
      requestedBy: string;
    },
  ) {
    const groups = [...new Set(request.requirements.map(r => r.approvers))];
    this.#send({
      recipients: {
        type: 'entity',
        entityRef: groups,
        excludeEntityRef: request.requestedBy,
      },
      payload: {
        title: `Approval needed: ${describe(resource)}`,
        description: `${request.requestedBy} asks to ${
          request.action === 'create' ? 'create' : 'change'
        } it. ${request.requirements.map(r => r.reason).join('. ')}`,
        link: `/platform/approvals`,
        severity: 'high',
        topic: TOPIC,
        scope: `approval:${resource.id}`,
      },
    });
  }

  decided(resource: PlatformResource, approval: ApprovalRecord) {
    if (!approval.requestedBy.startsWith('user:')) {
      return;
    }
    const last = approval.decisions[approval.decisions.length - 1];
    const outcome =
      approval.state === 'expired'
        ? 'expired without a decision'
        : `${approval.state} by ${last?.actor}`;
    this.#send({
      recipients: { type: 'entity', entityRef: approval.requestedBy },
      payload: {
        title: `Your request was ${outcome}: ${describe(resource)}`,
        description: last?.comment,
        link: `/platform/resources/${resource.id}`,
        severity: approval.state === 'approved' ? 'normal' : 'high',
        topic: TOPIC,
        scope: `decision:${approval.id}`,
      },
    });
  }

  #send(notification: Parameters<NotificationService['send']>[0]) {
    this.#notifications
      .send(notification)
      .catch(error =>
        this.#logger.warn(
          `Could not send the notification '${notification.payload.title}': ${error}`,
        ),
      );
  }
}
