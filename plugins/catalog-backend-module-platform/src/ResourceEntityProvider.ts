import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  OfferingWithSchema,
  PLATFORM_RESOURCE_CHANGED_TOPIC,
  PlatformResource,
  resourceEntityRef,
} from '@idp-kit/plugin-platform-common';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { checkEntity } from './checkEntity';
import {
  DependencyRef,
  RESOURCES_LOCATION,
  resourceEntity,
} from './resourceEntity';

/** Resources read per request when following changes; the API's limit. */
const READ_BATCH = 100;
/**
 * The part of the Platform API client that the entity provider reads with.
 *
 * @public
 */
export type ResourceEntityProviderClient = Pick<
  PlatformClient,
  'listResources' | 'getResource' | 'listOfferings'
>;

/**
 * Keeps a `Resource` entity in the catalog for every live platform resource:
 * a full sync on a schedule, and a delta as soon as the platform announces a
 * change.
 *
 * @public
 */
export class ResourceEntityProvider implements EntityProvider {
  readonly #client: ResourceEntityProviderClient;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #events?: EventsService;
  readonly #appBaseUrl: string;
  readonly #coalesceMs: number;
  #connection?: EntityProviderConnection;
  #offerings?: Map<string, OfferingWithSchema>;
  readonly #changed = new Set<string>();
  #flushTimer?: ReturnType<typeof setTimeout>;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: {
    client: ResourceEntityProviderClient;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
    events?: EventsService;
    appBaseUrl: string;
    /** How long changes are gathered into one catalog mutation; 250 ms unless set. */
    coalesceMs?: number;
  }) {
    this.#client = options.client;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
    this.#events = options.events;
    this.#appBaseUrl = options.appBaseUrl;
    this.#coalesceMs = options.coalesceMs ?? 250;
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
        this.#schedule(resourceId);
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

  /**
   * The entity of a resource, or undefined when it cannot be made into a
   * valid one: that resource is reported and left out, and the others go on.
   */
  async #entityOrSkip(
    resource: PlatformResource,
    known?: Map<string, DependencyRef>,
  ) {
    try {
      const deferred = await this.#entity(resource, known);
      await checkEntity(deferred.entity);
      return deferred;
    } catch (error) {
      this.#logger.warn(
        `Resource ${resource.id} ('${resource.name}' of ${resource.team}) is left out of the catalog: ${error}`,
      );
      return undefined;
    }
  }

  async #entity(
    resource: PlatformResource,
    known?: Map<string, DependencyRef>,
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

  /**
   * Replaces every resource entity with the live resources, page by page.
   * Each page becomes entities as it arrives; of the resources only what
   * their dependents' entities need is kept, so that a sync of a hundred
   * thousand resources holds their entities and little else.
   */
  async fullSync(): Promise<number> {
    const connection = this.#requireConnection();
    this.#offerings = undefined;
    const known = new Map<string, DependencyRef>();
    const entities: DeferredEntity[] = [];
    let skipped = 0;
    const add = (entity: DeferredEntity | undefined) => {
      if (entity) {
        entities.push(entity);
      } else {
        skipped++;
      }
    };
    // Resources whose upstream is on a later page wait for it.
    const waiting: PlatformResource[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#client.listResources({ limit: '500', cursor });
      for (const { id, name, team, environment } of page.items) {
        known.set(id, { id, name, team, environment });
      }
      for (const resource of page.items) {
        if (resource.dependsOn.every(id => known.has(id))) {
          add(await this.#entityOrSkip(resource, known));
        } else {
          waiting.push(resource);
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const resource of waiting) {
      add(await this.#entityOrSkip(resource, known));
    }
    await connection.applyMutation({ type: 'full', entities });
    if (skipped > 0) {
      this.#logger.warn(
        `Synced ${entities.length} resources to the catalog; ${skipped} could not be rendered and were left out`,
      );
    }
    return entities.length;
  }

  /**
   * A resource changes state several times within a second of its creation
   * (pending, provisioning, ready), and a busy platform creates many at once:
   * changes are gathered for a moment and applied as one catalog mutation,
   * each resource read once, at its latest state.
   */
  #schedule(resourceId: string) {
    this.#changed.add(resourceId);
    if (this.#flushTimer) {
      return;
    }
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      const ids = [...this.#changed];
      this.#changed.clear();
      // One mutation at a time, so an older read never lands after a newer one.
      this.#flushing = this.#flushing.then(() =>
        this.applyChanges(ids).catch(error =>
          this.#logger.warn(
            `Could not update the entities of ${ids.length} resources: ${error}`,
          ),
        ),
      );
    }, this.#coalesceMs);
    this.#flushTimer.unref?.();
  }

  /** Adds, updates or removes the entities of the given resources. */
  async applyChanges(resourceIds: string[]): Promise<void> {
    const connection = this.#requireConnection();
    const added = [];
    const removed = [];
    for (const resource of await this.#readAll(resourceIds)) {
      if (resource.state === 'deleted' || resource.state === 'rejected') {
        removed.push({
          entityRef: resourceEntityRef(resource),
          locationKey: RESOURCES_LOCATION,
        });
      } else {
        const entity = await this.#entityOrSkip(resource);
        if (entity) {
          added.push(entity);
        }
      }
    }
    if (added.length > 0 || removed.length > 0) {
      await connection.applyMutation({ type: 'delta', added, removed });
    }
  }

  /**
   * The resources of the given ids, a hundred per request: a busy platform
   * changes hundreds a second, and one request each would cost the platform
   * more than the changes themselves.
   */
  async #readAll(resourceIds: string[]): Promise<PlatformResource[]> {
    const resources: PlatformResource[] = [];
    for (let i = 0; i < resourceIds.length; i += READ_BATCH) {
      const ids = resourceIds.slice(i, i + READ_BATCH);
      try {
        const page = await this.#client.listResources({
          ids: ids.join(','),
          limit: String(ids.length),
        });
        resources.push(...page.items);
        const found = new Set(page.items.map(r => r.id));
        const missing = ids.filter(id => !found.has(id));
        if (missing.length > 0) {
          this.#logger.warn(
            `Could not read resources ${missing.join(
              ', ',
            )} for the catalog: not found`,
          );
        }
      } catch (error) {
        // The next full sync puts them right.
        this.#logger.warn(
          `Could not read resources ${ids.join(
            ', ',
          )} for the catalog: ${error}`,
        );
      }
    }
    return resources;
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error('ResourceEntityProvider is not connected');
    }
    return this.#connection;
  }
}
