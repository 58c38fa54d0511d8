import { mockServices } from '@backstage/backend-test-utils';
import { OutageMonitor } from './OutageMonitor';
import { UnavailableCause } from './unavailableCause';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const refused: UnavailableCause = {
  dependency: 'database',
  detail: 'connect ECONNREFUSED 127.0.0.1:5432',
};

async function until(condition: () => boolean, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await sleep(5);
  }
}

describe('OutageMonitor', () => {
  const monitors: OutageMonitor[] = [];
  afterEach(() => monitors.splice(0).forEach(m => m.stop()));

  function setup(
    probe: () => Promise<unknown>,
    { probeIntervalMs = 10, probeTimeoutMs = 1_000 } = {},
  ) {
    const logger = mockServices.logger.mock();
    const monitor = new OutageMonitor({
      logger,
      probe,
      probeIntervalMs,
      probeTimeoutMs,
    });
    monitors.push(monitor);
    return { logger, monitor };
  }

  it('logs an outage once, counts what failed, and logs its end once the database answers', async () => {
    let databaseUp = false;
    const { logger, monitor } = setup(async () => {
      if (!databaseUp) throw new Error('connect ECONNREFUSED');
    });

    for (let i = 0; i < 50; i++) {
      monitor.failed(refused, { refused: true });
    }
    monitor.failed(refused);
    await sleep(50);
    expect(monitor.active).toBe(true);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      'The Platform API is unavailable until it can reach its database again, and answers 503 with Retry-After meanwhile: connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(logger.info).not.toHaveBeenCalled();

    databaseUp = true;
    await until(() => !monitor.active);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The Platform API is available again after \d+\.\d s; 50 request\(s\) were answered 503 and 1 background operation\(s\) failed meanwhile$/,
      ),
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('stays in the outage while failures go on, even when the database answers', async () => {
    // The permission service is down, the database is not.
    const { logger, monitor } = setup(async () => {}, { probeIntervalMs: 60 });
    const permission = {
      dependency: 'permission',
      detail: 'the permission service answered 503',
    };
    const failing = setInterval(() => monitor.failed(permission), 2);
    try {
      await sleep(300);
      expect(monitor.active).toBe(true);
      expect(logger.info).not.toHaveBeenCalled();
    } finally {
      clearInterval(failing);
    }
    await until(() => !monitor.active);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'until it can reach the permission service again',
      ),
    );
    expect(logger.info).toHaveBeenCalledTimes(1);
  });

  it('treats a probe that does not answer in time as a failure', async () => {
    let hang = true;
    const { logger, monitor } = setup(
      () => (hang ? new Promise(() => {}) : Promise.resolve()),
      { probeTimeoutMs: 20 },
    );
    monitor.failed(refused);
    await sleep(100);
    expect(monitor.active).toBe(true);
    hang = false;
    await until(() => !monitor.active);
    expect(logger.info).toHaveBeenCalledTimes(1);
  });

  it('logs each outage of its own', async () => {
    const { logger, monitor } = setup(async () => {});
    monitor.failed(refused);
    await until(() => !monitor.active);
    monitor.failed(refused);
    expect(monitor.active).toBe(true);
    await until(() => !monitor.active);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.info).toHaveBeenCalledTimes(2);
  });

  it('stops probing when stopped', async () => {
    const probe = jest.fn(async () => {
      throw new Error('down');
    });
    const { monitor } = setup(probe);
    monitor.failed(refused);
    await until(() => probe.mock.calls.length > 0);
    monitor.stop();
    const calls = probe.mock.calls.length;
    await sleep(60);
    expect(probe.mock.calls.length).toBe(calls);
  });
});
