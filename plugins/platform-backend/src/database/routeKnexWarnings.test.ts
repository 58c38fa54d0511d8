import { mockServices } from '@backstage/backend-test-utils';
import { knex } from 'knex';
import { routeKnexWarnings } from './routeKnexWarnings';

describe('routeKnexWarnings', () => {
  it("sends knex's warnings to the logger, failed connections to debug in one line", async () => {
    const db = knex({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    const logger = mockServices.logger.mock();
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    try {
      routeKnexWarnings(db, logger);
      db.client.logger.warn!(
        'Acquire connection error: Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect (node:net:1611:16)',
      );
      db.client.logger.warn!(
        'Connection Error: error: terminating connection due to administrator command',
      );
      db.client.logger.warn!('.returning() is not supported by sqlite3');

      expect(logger.debug.mock.calls).toEqual([
        [
          'Acquire connection error: Error: connect ECONNREFUSED 127.0.0.1:5432',
        ],
        [
          'Connection Error: error: terminating connection due to administrator command',
        ],
      ]);
      expect(logger.warn.mock.calls).toEqual([
        ['.returning() is not supported by sqlite3'],
      ]);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      await db.destroy();
    }
  });
});
