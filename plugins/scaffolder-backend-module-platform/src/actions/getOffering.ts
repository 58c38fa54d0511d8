import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { validateOfferingConfig } from '@idp-kit/plugin-platform-common';
import { examples } from './getOffering.examples';

/**
 * `platform:offering:get`: reads an offering from the service catalog, with
 * its default configuration, so later steps can show or build on it.
 *
 * @public
 */
export function createGetOfferingAction(options: {
  client: Pick<PlatformClient, 'getOffering'>;
}) {
  return createTemplateAction({
    id: 'platform:offering:get',
    description:
      'Reads an offering of the self-service platform, with its configuration schema and defaults',
    examples,
    schema: {
      input: {
        offering: z =>
          z
            .string()
            .describe('Id of the offering, for example web-application'),
      },
      output: {
        name: z => z.string().describe('Display name of the offering'),
        version: z => z.string().describe('Version of the offering'),
        ownerTeam: z => z.string().describe('Team that runs the offering'),
        schema: z =>
          z
            .record(z.string(), z.unknown())
            .describe('JSON Schema of the offering configuration'),
        defaults: z =>
          z
            .record(z.string(), z.unknown())
            .describe('The configuration an empty request gets'),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const offering = await options.client.getOffering(ctx.input.offering, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      const defaults = validateOfferingConfig(offering, {});
      ctx.logger.info(
        `Offering ${offering.id} is ${offering.name} ${offering.version}`,
      );
      ctx.output('name', offering.name);
      ctx.output('version', offering.version);
      ctx.output('ownerTeam', offering.ownerTeam);
      ctx.output(
        'schema',
        offering.schema as unknown as Record<string, unknown>,
      );
      ctx.output(
        'defaults',
        Object.fromEntries(
          offering.configurations
            .filter(f => f.default !== undefined)
            .map(f => [f.name, f.default]),
        ),
      );
      if (!defaults.valid) {
        ctx.logger.info(
          `A request must also give: ${defaults.errors
            .map(e => e.field)
            .join(', ')}`,
        );
      }
    },
  });
}
