import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  OfferingWithSchema,
  PLATFORM_RESOURCE_CHANGED_TOPIC,
  PlatformResource,
  resourceEntityRef,
} from '@internal/plugin-platform-common';
import { PlatformClient } from '@internal/plugin-platform-node';
import { RESOURCES_LOCATION, resourceEntity } from './resourceEntity';

type Client = Pick<
  PlatformClient,
  'listResources' | 'getResource' | 'listOfferings'
>;

/**
 * Keeps a `Resource` entity in the catalog for every live platform resource:
 * a full sync on a schedule, and a delta as soon as the platform announces a
 * change.
 */
export class ResourceEntityProvider implements EntityProvider {
  readonly #client: Client;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #events?: EventsService;
  readonly #appBaseUrl: string;
  #connection?: EntityProviderConnection;
  #offerings?: Map<string, OfferingWithSchema>;

  constructor(options: {
    client: Client;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
    events?: EventsService;
    appBaseUrl: string;
  }) {
    this.#client = options.client;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
    this.#events = options.events;
    this.#appBaseUrl = options.appBaseUrl;
  }

  getProviderName(): string {
    return 'platform-resources';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#events?.subscribe({
      id: this.getProviderName(),
      topics: [PLATFORM_RESOURCE_CHANGED_TOPIC],
      onEvent: async params => {
        const { resourceId } = params.eventPayload as { resourceId: string };
        await this.applyChange(resourceId).catch(error =>
          this.#logger.warn(
            `Could not update the entity of ${resourceId}: ${error}`,
          ),
        );
      },
    });
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:full-sync`,
      fn: async () => {
        try {
          await this.fullSync();
        } catch (error) {
          this.#logger.warn(`Could not sync platform resources: ${error}`);
        }
      },
    });
  }

  async #offering(id: string): Promise<OfferingWithSchema | undefined> {
    if (!this.#offerings?.has(id)) {
      const offerings = await this.#client.listOfferings();
      this.#offerings = new Map(offerings.map(o => [o.id, o]));
    }
    return this.#offerings.get(id);
  }

  async #entity(
    resource: PlatformResource,
    known?: Map<string, PlatformResource>,
  ) {
    const dependencies = await Promise.all(
      resource.dependsOn.map(
        async id => known?.get(id) ?? (await this.#client.getResource(id)),
      ),
    );
    return {
      entity: resourceEntity({
        resource,
        offering: await this.#offering(resource.offering),
        dependencies,
        appBaseUrl: this.#appBaseUrl,
      }),
      locationKey: RESOURCES_LOCATION,
    };
  }

  /** Replaces every resource entity with the live resources, page by page. */
  async fullSync(): Promise<number> {
    const connection = this.#requireConnection();
    this.#offerings = undefined;
    const resources = new Map<string, PlatformResource>();
    let cursor: string | undefined;
    do {
      const page = await this.#client.listResources({ limit: '500', cursor });
      for (const resource of page.items) {
        resources.set(resource.id, resource);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const entities = [];
    for (const resource of resources.values()) {
      entities.push(await this.#entity(resource, resources));
    }
    await connection.applyMutation({ type: 'full', entities });
    return entities.length;
  }

  /** Adds, updates or removes the entity of one resource. */
  async applyChange(resourceId: string): Promise<void> {
    const connection = this.#requireConnection();
    const resource = await this.#client.getResource(resourceId);
    if (resource.state === 'deleted') {
      await connection.applyMutation({
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: resourceEntityRef(resource),
            locationKey: RESOURCES_LOCATION,
          },
        ],
      });
      return;
    }
    await connection.applyMutation({
      type: 'delta',
      added: [await this.#entity(resource)],
      removed: [],
    });
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error('ResourceEntityProvider is not connected');
    }
    return this.#connection;
  }
}
