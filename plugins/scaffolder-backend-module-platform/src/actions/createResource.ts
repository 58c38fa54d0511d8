import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resourceEntityRef } from '@idp-kit/plugin-platform-common';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { examples } from './createResource.examples';

/**
 * `platform:resource:create`: requests a resource from an offering as the
 * user who runs the template. A retried task never creates twice.
 *
 * @public
 */
export function createCreateResourceAction(options: {
  client: Pick<PlatformClient, 'createResource' | 'dryRunResource'>;
}) {
  return createTemplateAction({
    id: 'platform:resource:create',
    description:
      'Requests a resource from an offering of the self-service platform, checked by its policies',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        offering: z =>
          z
            .string()
            .describe('Id of the offering, for example postgresql-database'),
        name: z =>
          z
            .string()
            .describe(
              'Name of the resource: lower-case letters, digits and "-"',
            ),
        team: z =>
          z
            .string()
            .describe('The team (catalog group) that will own the resource'),
        environment: z =>
          z
            .string()
            .describe('Environment, for example development or production'),
        config: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'Configuration of the offering; omitted fields get their defaults',
            ),
        component: z =>
          z
            .string()
            .optional()
            .describe('Entity ref of a component that uses the resource'),
        system: z =>
          z
            .string()
            .optional()
            .describe('Entity ref of the system the resource belongs to'),
      },
      output: {
        id: z => z.string().describe('Id of the new resource'),
        state: z =>
          z.string().describe('State of the resource after the request'),
        entityRef: z =>
          z.string().describe('Catalog entity ref of the resource'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const request = {
        offering: ctx.input.offering,
        name: ctx.input.name,
        team: ctx.input.team,
        environment: ctx.input.environment,
        config: ctx.input.config ?? {},
        component: ctx.input.component,
        system: ctx.input.system,
      };

      if (ctx.isDryRun) {
        const verdict = await options.client.dryRunResource(request, {
          credentials,
          channel: 'scaffolder',
        });
        for (const error of verdict.errors) {
          ctx.logger.warn(`${error.field} ${error.message}`);
        }
        for (const violation of verdict.violations) {
          ctx.logger.warn(
            `Refused by ${violation.policy}: ${violation.reason}`,
          );
        }
        // Servers before approvals answer without the list.
        for (const approval of verdict.approvals ?? []) {
          ctx.logger.info(
            `Needs approval by ${approval.approvers}: ${approval.reason}`,
          );
        }
        ctx.logger.info(
          verdict.allowed
            ? `The platform would accept this ${request.offering}`
            : `The platform would refuse this ${request.offering}`,
        );
        ctx.output('id', 'dry-run');
        ctx.output('state', verdict.allowed ? 'allowed' : 'refused');
        ctx.output('entityRef', '');
        return;
      }

      const created = await ctx.checkpoint({
        key: `platform-create-${request.offering}-${request.team}-${request.environment}-${request.name}`,
        fn: async () => {
          const resource = await options.client.createResource(request, {
            credentials,
            channel: 'scaffolder',
          });
          return {
            id: resource.id,
            state: resource.state,
            entityRef: resourceEntityRef(resource),
          };
        },
      });
      ctx.logger.info(
        `Requested ${request.offering} '${request.name}' for ${request.team} in ${request.environment}: ${created.state}`,
      );
      ctx.output('id', created.id);
      ctx.output('state', created.state);
      ctx.output('entityRef', created.entityRef);
    },
  });
}
