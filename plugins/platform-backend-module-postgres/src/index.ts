/**
 * A platform backend module that provisions postgresql-database resources as
 * a role and a database on a PostgreSQL server.
 *
 * @packageDocumentation
 */

export { platformModulePostgres as default } from './module';
export {
  PostgresProvisioner,
  type PostgresProvisionerOptions,
} from './PostgresProvisioner';
