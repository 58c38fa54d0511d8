import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { OFFERINGS_LOCATION, offeringTemplate } from './offeringTemplate';

/**
 * Keeps one Template entity per offering in the catalog, so the standard
 * "Create…" page offers every offering with no template authoring.
 *
 * @public
 */
export class OfferingTemplateProvider implements EntityProvider {
  readonly #client: Pick<PlatformClient, 'listOfferings'>;
  readonly #environments: string[];
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;

  constructor(options: {
    client: Pick<PlatformClient, 'listOfferings'>;
    environments: string[];
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
  }) {
    this.#client = options.client;
    this.#environments = options.environments;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
  }

  getProviderName(): string {
    return 'platform-offering-templates';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.#logger.warn(
            `Could not publish offerings as templates: ${error}`,
          );
        }
      },
    });
  }

  /** Replaces every template this provider emitted with the current offerings. */
  async refresh(): Promise<void> {
    if (!this.#connection) {
      throw new Error('OfferingTemplateProvider is not connected');
    }
    const offerings = await this.#client.listOfferings();
    await this.#connection.applyMutation({
      type: 'full',
      entities: offerings.map(offering => ({
        entity: offeringTemplate(offering, this.#environments),
        locationKey: OFFERINGS_LOCATION,
      })),
    });
  }
}
