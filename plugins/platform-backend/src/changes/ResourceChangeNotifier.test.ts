import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { PLATFORM_RESOURCE_CHANGED_TOPIC } from '@idp-kit/plugin-platform-common';
import { ResourceChangeNotifier } from './ResourceChangeNotifier';

describe('ResourceChangeNotifier', () => {
  async function subscribedNotifier() {
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    const announced: unknown[] = [];
    await events.subscribe({
      id: 'test',
      topics: [PLATFORM_RESOURCE_CHANGED_TOPIC],
      onEvent: async event => {
        announced.push(event.eventPayload);
      },
    });
    return { notifier: new ResourceChangeNotifier({ events }), announced };
  }

  it('announces a requested change and wakes the work listeners', async () => {
    const { notifier, announced } = await subscribedNotifier();
    let wakes = 0;
    notifier.onWork(() => wakes++);

    notifier.requested('r1');
    await new Promise(resolve => setImmediate(resolve));

    expect(announced).toEqual([{ resourceId: 'r1' }]);
    expect(wakes).toBe(1);
  });

  it("announces the engine's changes without waking it again", async () => {
    const { notifier, announced } = await subscribedNotifier();
    let wakes = 0;
    notifier.onWork(() => wakes++);

    notifier.worked('r2');
    await new Promise(resolve => setImmediate(resolve));

    expect(announced).toEqual([{ resourceId: 'r2' }]);
    expect(wakes).toBe(0);
  });
});
