import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Knex's warnings about a connection it could not open or that broke. */
const CONNECTION_WARNING = /^(Acquire connection error|Connection Error): /;

/**
 * Sends knex's warnings to the plugin's logger instead of the console. Knex
 * prints each failed connection with its stack, which in an outage is one
 * per query; the outage monitor reports the outage itself, so those go to
 * debug, one line each.
 */
export function routeKnexWarnings(db: Knex, logger: LoggerService) {
  db.client.logger.warn = (message: unknown) => {
    const text = String(message);
    if (CONNECTION_WARNING.test(text)) {
      logger.debug(text.split('\n')[0]);
    } else {
      logger.warn(text);
    }
  };
}
