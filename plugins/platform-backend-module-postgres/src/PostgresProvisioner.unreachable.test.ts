import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PostgresProvisioner } from './PostgresProvisioner';
import { testContext, testResource } from './__testUtils__/resources';

jest.setTimeout(60_000);

function provisioner(postgres: Record<string, string | number>) {
  return PostgresProvisioner.fromConfig(
    new ConfigReader({ platform: { postgres } }),
    { logger: mockServices.logger.mock() },
  );
}

describe('PostgresProvisioner without a server', () => {
  // localhost may resolve to two addresses, which fail together.
  it.each(['127.0.0.1', 'localhost'])(
    'fails fast, naming the settings to fix, when nothing listens on %s',
    async host => {
      const started = Date.now();

      await expect(
        provisioner({ host, port: 1, connectTimeoutSeconds: 30 }).provision(
          testContext(testResource()).context,
        ),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          new RegExp(
            `^Cannot reach the PostgreSQL server at ${host}:1 for postgresql-database resources: set platform\\.postgres\\.host, port, user and password \\(.*ECONNREFUSED.*\\)$`,
          ),
        ),
      });
      // A refused connection must not wait for the connect timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it('reports an unreachable database as unhealthy instead of throwing', async () => {
    await expect(
      provisioner({ port: 1 }).getStatus(
        testContext(testResource(), { secrets: { password: 'secret' } })
          .context,
      ),
    ).resolves.toEqual({
      healthy: false,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  describe('when the server accepts but never answers', () => {
    let server: Server;
    let port: number;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      server = createServer(socket => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      port = (server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise(resolve => server.close(resolve));
    });

    it('gives up after the connect timeout', async () => {
      await expect(
        provisioner({ port, connectTimeoutSeconds: 0.5 }).provision(
          testContext(testResource()).context,
        ),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(
          `Cannot reach the PostgreSQL server at 127.0.0.1:${port}`,
        ),
      });
    });

    it('gives up as soon as the attempt is aborted', async () => {
      const controller = new AbortController();
      const reason = new Error('Attempt timed out');
      setTimeout(() => controller.abort(reason), 200);

      await expect(
        provisioner({ port, connectTimeoutSeconds: 30 }).provision(
          testContext(testResource(), { signal: controller.signal }).context,
        ),
      ).rejects.toBe(reason);
    });

    it('does not connect at all once aborted', async () => {
      const before = sockets.size;
      const controller = new AbortController();
      controller.abort(new Error('Shutting down'));

      await expect(
        provisioner({ port }).deprovision(
          testContext(testResource(), { signal: controller.signal }).context,
        ),
      ).rejects.toThrow('Shutting down');
      expect(sockets.size).toBe(before);
    });
  });
});
