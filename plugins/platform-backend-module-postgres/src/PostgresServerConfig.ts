import { Config } from '@backstage/config';

/**
 * Where the provisioner creates databases, and how it treats deletion.
 */
export interface PostgresServerConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  deletionPolicy: 'delete' | 'orphan';
  connectTimeoutMs: number;
}

/**
 * Reads `platform.postgres`, filling in the defaults of a local server.
 */
export function readPostgresServerConfig(config: Config): PostgresServerConfig {
  const postgres = config.getOptionalConfig('platform.postgres');
  const deletionPolicy =
    postgres?.getOptionalString('deletionPolicy') ?? 'delete';
  if (deletionPolicy !== 'delete' && deletionPolicy !== 'orphan') {
    throw new Error(
      `Invalid platform.postgres.deletionPolicy "${deletionPolicy}": use delete or orphan`,
    );
  }
  const connectTimeoutSeconds =
    postgres?.getOptionalNumber('connectTimeoutSeconds') ?? 5;
  if (!(connectTimeoutSeconds > 0)) {
    throw new Error(
      `Invalid platform.postgres.connectTimeoutSeconds ${connectTimeoutSeconds}: use a positive number`,
    );
  }
  return {
    host: postgres?.getOptionalString('host') ?? '127.0.0.1',
    port: postgres?.getOptionalNumber('port') ?? 5432,
    user: postgres?.getOptionalString('user') ?? 'postgres',
    password: postgres?.getOptionalString('password'),
    database: postgres?.getOptionalString('database') ?? 'postgres',
    deletionPolicy,
    connectTimeoutMs: connectTimeoutSeconds * 1000,
  };
}
