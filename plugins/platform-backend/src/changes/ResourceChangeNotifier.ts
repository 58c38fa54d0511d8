import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { PLATFORM_RESOURCE_CHANGED_TOPIC } from '@idp-kit/plugin-platform-common';

/**
 * Tells who needs to know that a resource changed: the catalog module
 * through the events service, always; and the provisioning engine when a
 * request changed it, since there may be work now.
 */
export class ResourceChangeNotifier {
  readonly #events?: EventsService;
  readonly #logger?: LoggerService;
  readonly #workListeners: Array<() => void> = [];

  constructor(options?: { events?: EventsService; logger?: LoggerService }) {
    this.#events = options?.events;
    this.#logger = options?.logger;
  }

  /** Called whenever a request leaves work to do: the engine's wake-up. */
  onWork(listener: () => void): void {
    this.#workListeners.push(listener);
  }

  /** A request (a person, a template, an assistant, a scheduled task) changed the resource. */
  requested(resourceId: string): void {
    for (const listener of this.#workListeners) {
      listener();
    }
    this.#announce(resourceId);
  }

  /** The engine changed the resource. */
  worked(resourceId: string): void {
    this.#announce(resourceId);
  }

  #announce(resourceId: string) {
    this.#events
      ?.publish({
        topic: PLATFORM_RESOURCE_CHANGED_TOPIC,
        eventPayload: { resourceId },
      })
      .catch(error =>
        this.#logger?.warn(
          `Could not announce a change of ${resourceId}: ${error}`,
        ),
      );
  }
}
