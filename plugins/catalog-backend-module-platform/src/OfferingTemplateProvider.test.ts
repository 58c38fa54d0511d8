import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  builtinOfferings,
  offeringConfigSchema,
} from '@idp-kit/plugin-platform-common';
import { OfferingTemplateProvider } from './OfferingTemplateProvider';

describe('OfferingTemplateProvider', () => {
  it('publishes one template per offering, with the offering schema as parameters', async () => {
    const provider = new OfferingTemplateProvider({
      client: {
        listOfferings: async () =>
          builtinOfferings.map(o => ({
            ...o,
            schema: offeringConfigSchema(o),
          })),
      },
      environments: ['development', 'production'],
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
    });
    const connection: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    };
    await provider.connect(connection);
    await provider.refresh();

    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const entities = mutation.type === 'full' ? mutation.entities : [];
    expect(entities.map(e => e.entity.metadata.name)).toEqual([
      'platform-web-application',
      'platform-postgresql-database',
      'platform-api-gateway',
    ]);

    const gateway = entities[2].entity;
    expect(gateway.kind).toBe('Template');
    expect(gateway.spec?.owner).toBe('platform-team');
    const [resourceStep, configStep] = gateway.spec?.parameters as any[];
    expect(resourceStep.properties.environment.enum).toEqual([
      'development',
      'production',
    ]);
    expect(configStep.required).toEqual(['upstream']);
    expect(Object.keys(configStep.properties)).toEqual([
      'upstream',
      'rate_limit',
      'authentication',
    ]);
    const [create, wait] = gateway.spec?.steps as any[];
    expect(create.action).toBe('platform:resource:create');
    expect(create.input.config.rate_limit).toBe('${{ parameters.rate_limit }}');
    expect(wait.input.id).toBe('${{ steps.create.output.id }}');
  });
});
