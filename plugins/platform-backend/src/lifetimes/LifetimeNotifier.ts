import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  PlatformResource,
  teamEntityRef,
} from '@idp-kit/plugin-platform-common';
import { Duration } from 'luxon';

const TOPIC = 'platform-lifetimes';

function describe(resource: PlatformResource): string {
  return `${resource.offering} '${resource.name}' of ${resource.team} in ${resource.environment}`;
}

/** "2 days", "2 hours", "45 minutes": the time left, roughly. */
function roughly(ms: number): string {
  const duration = Duration.fromMillis(Math.max(ms, 60_000)).shiftTo(
    'days',
    'hours',
    'minutes',
  );
  let unit = 'minute';
  let value = Math.round(duration.minutes);
  if (duration.days >= 1) {
    unit = 'day';
    value = Math.round(duration.days + duration.hours / 24);
  } else if (duration.hours >= 1) {
    unit = 'hour';
    value = Math.round(duration.hours + duration.minutes / 60);
  }
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

/**
 * Tells a resource's team, through Backstage's notifications, that it will
 * expire, has expired, or cannot be deleted yet. A notification that cannot
 * be sent is logged.
 */
export class LifetimeNotifier {
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;

  constructor(options: {
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    this.#notifications = options.notifications;
    this.#logger = options.logger;
  }

  expiresSoon(resource: PlatformResource, now = Date.now()) {
    const left = Date.parse(resource.expiresAt!) - now;
    this.#send(resource, {
      title: `Expires in ${roughly(left)}: ${describe(resource)}`,
      description: `It will be deleted at ${resource.expiresAt} unless someone extends it.`,
      severity: 'high',
    });
  }

  expired(resource: PlatformResource) {
    this.#send(resource, {
      title: `Expired and being deleted: ${describe(resource)}`,
      description: `It reached its expiry at ${resource.expiresAt}.`,
      severity: 'normal',
    });
  }

  blocked(resource: PlatformResource, reason: string) {
    this.#send(resource, {
      title: `Expired but not deleted: ${describe(resource)}`,
      description: reason,
      severity: 'high',
    });
  }

  #send(
    resource: PlatformResource,
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ) {
    this.#notifications
      .send({
        recipients: { type: 'entity', entityRef: teamEntityRef(resource.team) },
        payload: {
          ...payload,
          link: `/platform/resources/${resource.id}`,
          topic: TOPIC,
          scope: `lifetime:${resource.id}`,
        },
      })
      .catch(error =>
        this.#logger.warn(
          `Could not send the notification '${payload.title}': ${error}`,
        ),
      );
  }
}
