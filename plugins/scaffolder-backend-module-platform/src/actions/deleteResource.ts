import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { examples } from './deleteResource.examples';
import {
  MAX_WAIT_SECONDS,
  timeoutSecondsDescription,
  waitTimeoutMs,
} from './waitTimeout';

/**
 * `platform:resource:delete`: deletes a resource and, if asked, waits until
 * it is gone.
 *
 * @public
 */
export function createDeleteResourceAction(options: {
  client: Pick<PlatformClient, 'deleteResource' | 'getResource'>;
  pollIntervalMs?: number;
}) {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  return createTemplateAction({
    id: 'platform:resource:delete',
    description:
      'Deletes a platform resource; refused while other resources depend on it',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        id: z => z.string().describe('Id of the resource'),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe('Wait until the resource is deleted; default false'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .positive()
            .max(MAX_WAIT_SECONDS)
            .optional()
            .describe(timeoutSecondsDescription),
      },
      output: {
        state: z => z.string().describe('deleting, or deleted when waited for'),
      },
    },
    async handler(ctx) {
      const timeoutMs = waitTimeoutMs(ctx.input.timeoutSeconds);
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const resource = await options.client.getResource(ctx.input.id, {
          credentials,
        });
        ctx.logger.info(`Dry run: would delete ${resource.name}`);
        ctx.output('state', resource.state);
        return;
      }
      let resource = await ctx.checkpoint({
        key: `platform-delete-${ctx.input.id}`,
        fn: async () => {
          try {
            const deleting = await options.client.deleteResource(ctx.input.id, {
              credentials,
              channel: 'scaffolder',
            });
            return { name: deleting.name, state: deleting.state as string };
          } catch (error) {
            // Deleting twice is fine: the first request is under way.
            if (error instanceof ResponseError && error.statusCode === 409) {
              const current = await options.client.getResource(ctx.input.id, {
                credentials,
              });
              if (['deleting', 'deleted'].includes(current.state)) {
                return { name: current.name, state: current.state as string };
              }
            }
            throw error;
          }
        },
      });
      ctx.logger.info(`${resource.name} is ${resource.state}`);
      const deadline = Date.now() + timeoutMs;
      while (ctx.input.wait && resource.state !== 'deleted') {
        if (Date.now() > deadline) {
          throw new Error(
            `${resource.name} was still ${resource.state} after the timeout`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
        const current = await options.client.getResource(ctx.input.id, {
          credentials,
        });
        if (current.state !== resource.state) {
          ctx.logger.info(
            `${current.name} is ${current.state}${
              current.error ? ` (${current.error})` : ''
            }`,
          );
        }
        resource = { name: current.name, state: current.state };
      }
      ctx.output('state', resource.state);
    },
  });
}
