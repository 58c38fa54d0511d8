import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { examples } from './waitForResource.examples';
import {
  MAX_WAIT_SECONDS,
  timeoutSecondsDescription,
  waitTimeoutMs,
} from './waitTimeout';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

type WaitClient = Pick<PlatformClient, 'getResource'> &
  Partial<Pick<PlatformClient, 'listResourceApprovals'>>;

/** Whom a resource waits for, and where they decide, for the step's log. */
async function describeWait(
  client: WaitClient,
  resource: PlatformResource,
  options: { credentials: BackstageCredentials; appBaseUrl?: string },
): Promise<string> {
  const link = `${options.appBaseUrl ?? ''}/platform/resources/${resource.id}`;
  const approvals = await client.listResourceApprovals?.(resource.id, {
    credentials: options.credentials,
  });
  const pending = approvals?.find(a => a.state === 'pending');
  const waitingFor = pending
    ? ` by ${pending.awaiting.join(' and ')} (${pending.requirements
        .map(r => r.reason)
        .join('; ')})`
    : '';
  return `${resource.name} is waiting for approval${waitingFor}: ${link}`;
}

/**
 * `platform:resource:wait`: waits until a resource is ready, logging each
 * state change and whom it waits for while it needs approval; a failed or
 * rejected resource fails the step with its reason.
 *
 * @public
 */
export function createWaitForResourceAction(options: {
  client: Pick<PlatformClient, 'getResource'> &
    Partial<Pick<PlatformClient, 'listResourceApprovals'>>;
  pollIntervalMs?: number;
  /** The app's URL, for links to the resource page in the log. */
  appBaseUrl?: string;
}) {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  return createTemplateAction({
    id: 'platform:resource:wait',
    description:
      'Waits until a platform resource is ready, also while it waits for approval; fails the step if it fails or is rejected',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        id: z =>
          z
            .string()
            .describe('Id of the resource, from platform:resource:create'),
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
        state: z => z.string().describe('The final state: ready'),
        outputs: z =>
          z
            .record(z.string(), z.unknown())
            .describe('Non-secret connection details of the resource'),
      },
    },
    async handler(ctx) {
      const timeoutMs = waitTimeoutMs(ctx.input.timeoutSeconds);
      if (ctx.isDryRun) {
        ctx.logger.info('Dry run: nothing to wait for');
        ctx.output('state', 'ready');
        ctx.output('outputs', {});
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + timeoutMs;
      let lastState: string | undefined;
      for (;;) {
        const resource = await options.client.getResource(ctx.input.id, {
          credentials,
        });
        if (resource.state !== lastState) {
          ctx.logger.info(
            resource.state === 'awaiting-approval'
              ? await describeWait(options.client, resource, {
                  credentials,
                  appBaseUrl: options.appBaseUrl,
                })
              : `${resource.name} is ${resource.state}`,
          );
          lastState = resource.state;
        }
        if (resource.state === 'ready') {
          ctx.output('state', resource.state);
          ctx.output('outputs', resource.outputs);
          return;
        }
        if (
          ['failed', 'deleting', 'deleted', 'rejected'].includes(resource.state)
        ) {
          throw new Error(
            `Resource ${resource.name} is ${resource.state}${
              resource.error ? `: ${resource.error}` : ''
            }`,
          );
        }
        if (Date.now() > deadline || ctx.signal?.aborted) {
          throw new Error(
            `Resource ${resource.name} was still ${resource.state} after ${
              timeoutMs / 1000
            } s`,
          );
        }
        await sleep(pollIntervalMs, ctx.signal);
      }
    },
  });
}
