import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { OfferingRegistry } from '../offerings/OfferingRegistry';

/** `list-offerings`: what can be requested, each with its configuration schema. */
export function createListOfferingsAction(options: {
  actionsRegistry: ActionsRegistryService;
  offerings: OfferingRegistry;
  environments: string[];
}) {
  const { actionsRegistry, offerings, environments } = options;
  actionsRegistry.register({
    name: 'list-offerings',
    title: 'List platform offerings',
    description: `Lists the infrastructure a team can request from the self-service platform: each offering's id, name, description, type, tier and the JSON Schema of its configuration (field names, types, allowed values, defaults). Read it before create-resource or check-resource-request, and pass the id as "offering" and a configuration that fits the schema as "config". The environments resources can be requested for are: ${environments.join(
      ', ',
    )}.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          type: z
            .string()
            .optional()
            .describe('Only offerings of this type, such as database'),
        }),
      output: z =>
        z.object({
          environments: z.array(z.string()),
          offerings: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              description: z.string(),
              type: z.string(),
              tier: z.string(),
              dependencies: z
                .array(z.string())
                .describe('Offerings whose resources this one refers to'),
              configSchema: z
                .record(z.unknown())
                .describe('JSON Schema of the "config" of a request'),
            }),
          ),
        }),
    },
    action: async ({ input }) => ({
      output: {
        environments,
        offerings: offerings.list({ type: input.type }).map(offering => ({
          id: offering.id,
          name: offering.name,
          description: offering.description,
          type: offering.type,
          tier: offering.tier,
          dependencies: offering.dependencies,
          configSchema: offering.schema as unknown as Record<string, unknown>,
        })),
      },
    }),
  });
}
