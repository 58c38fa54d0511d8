import { randomBytes } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ConflictError,
  isError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import {
  ProvisionerContext,
  ProvisionerStatus,
  ProvisionResult,
  ResourceProvisioner,
} from '@idp-kit/plugin-platform-node';
import { DatabaseError } from 'pg';
import {
  actualConfig,
  connectionLimits,
  DatabaseSettings,
  describeSettings,
  desiredSettings,
  settingNames,
} from './databaseSettings';
import {
  PostgresServerConfig,
  readPostgresServerConfig,
} from './PostgresServerConfig';
import { resourceIdentifier } from './resourceIdentifier';
import { scramVerifier } from './scramVerifier';
import { ServerAdministrator } from './ServerAdministrator';
import { withClient } from './withClient';

/**
 * Options of {@link PostgresProvisioner.fromConfig}.
 *
 * @public
 */
export interface PostgresProvisionerOptions {
  logger: LoggerService;
}

/** Whether a role or database is this resource's, another's, or absent. */
type Ownership = 'own' | 'foreign' | 'missing';

/**
 * Provisions `postgresql-database` resources as a login role and a database
 * owned by it, on the PostgreSQL server configured under `platform.postgres`.
 *
 * The role and the database share one name, derived from the resource's
 * environment, team and name and a hash of its id, and both carry the comment
 * `platform resource <id>` that tells them apart from anything else on the
 * server. Only the role (and superusers) may connect to the database.
 *
 * `size` sets the role's connection limit: small 20, medium 50, large 100.
 * `high_availability` and `backup_retention_days` are only recorded, as the
 * database settings `platform.high_availability` (`on` or `off`) and
 * `platform.backup_retention_days`: the operator of the server enforces them
 * (standby replicas, backup jobs), not this module.
 *
 * @public
 */
export class PostgresProvisioner implements ResourceProvisioner {
  static fromConfig(
    config: Config,
    options: PostgresProvisionerOptions,
  ): PostgresProvisioner {
    const server = readPostgresServerConfig(config);
    options.logger.info(
      `Provisioning postgresql-database resources on PostgreSQL at ${server.host}:${server.port}, deletion policy ${server.deletionPolicy}`,
    );
    return new PostgresProvisioner(server);
  }

  readonly #server: PostgresServerConfig;

  private constructor(server: PostgresServerConfig) {
    this.#server = server;
  }

  async provision(context: ProvisionerContext): Promise<ProvisionResult> {
    const { resource } = context;
    const name = resourceIdentifier(resource);
    const settings = desiredSettings(resource.config);
    // The password of an earlier attempt is unknown if it crashed before
    // returning, so every provision sets a new one.
    const password = generatePassword();
    const verifier = await scramVerifier(password);
    await this.#administer(context, async admin => {
      const found = await inspect(admin, resource, name);
      refuseForeign(found, resource, name);
      if (found.role === 'missing') {
        await admin.createRole(name, verifier, markerOf(resource));
        await record(context, `Created role ${name}`);
      } else {
        await admin.setPassword(name, verifier);
        await record(context, `Reset the password of existing role ${name}`);
      }
      if (found.database === 'missing') {
        await admin.createDatabase(name, name);
        await record(context, `Created database ${name}`);
      } else {
        await record(context, `Reused existing database ${name}`);
      }
      // Repeated for a reused database too: an attempt may have stopped
      // between creating it and these statements.
      await admin.commentOnDatabase(name, markerOf(resource));
      await admin.revokePublicAccess(name);
      await applySettings(admin, context, name, settings);
    });
    return { outputs: this.#outputs(name), secrets: { password } };
  }

  async update(context: ProvisionerContext): Promise<ProvisionResult> {
    const { resource } = context;
    const name = resourceIdentifier(resource);
    const settings = desiredSettings(resource.config);
    const stored = context.secrets.password;
    const password = stored ?? generatePassword();
    await this.#administer(context, async admin => {
      const found = await inspect(admin, resource, name);
      refuseForeign(found, resource, name);
      if (found.role === 'missing' || found.database === 'missing') {
        // Recreating it would hide that its data is gone.
        throw new NotFoundError(
          `The role or database ${name} of resource ${resource.id} no longer exists`,
        );
      }
      if (!stored) {
        await admin.setPassword(name, await scramVerifier(password));
        await record(
          context,
          `Set a new password for role ${name}: none was stored`,
        );
      }
      await applySettings(admin, context, name, settings);
    });
    return { outputs: this.#outputs(name), secrets: { password } };
  }

  async deprovision(context: ProvisionerContext): Promise<void> {
    const { resource } = context;
    const name = resourceIdentifier(resource);
    if (this.#server.deletionPolicy === 'orphan') {
      await record(
        context,
        `Kept database ${name} and role ${name} on the server: platform.postgres.deletionPolicy is orphan`,
      );
      return;
    }
    await this.#administer(context, async admin => {
      const found = await inspect(admin, resource, name);
      for (const kind of ['role', 'database'] as const) {
        if (found[kind] === 'foreign') {
          await record(
            context,
            `Left ${kind} ${name} alone: it was not created for resource ${resource.id}`,
          );
        }
      }
      // The database is only this resource's if the role is too.
      if (found.role === 'own') {
        // No new sessions while the database goes.
        await admin.disableLogin(name);
        await admin.terminateSessions({
          role: name,
          database: found.database === 'own' ? name : undefined,
        });
      }
      if (found.database === 'own') {
        await admin.dropDatabase(name);
        await record(context, `Dropped database ${name}`);
      }
      if (found.role === 'own') {
        await admin.dropRole(name);
        await record(context, `Dropped role ${name}`);
      }
      if (found.role === 'missing' && found.database === 'missing') {
        await record(context, `Database and role ${name} were already gone`);
      }
    });
  }

  /**
   * Connects as the resource's role, with its stored password, to its
   * database, and reads back what is in force there. A failure to connect is
   * reported as unhealthy rather than thrown.
   */
  async getStatus(context: ProvisionerContext): Promise<ProvisionerStatus> {
    const name = resourceIdentifier(context.resource);
    const password = context.secrets.password;
    if (!password) {
      return {
        healthy: false,
        message: `No password is stored for role ${name}`,
      };
    }
    try {
      const reported = await withClient(
        {
          target: { ...this.#server, user: name, password, database: name },
          signal: context.signal,
          logger: context.logger,
          connectFailure: cause => cause,
        },
        async session => {
          const { rows } = await session.query<{
            connection_limit: number;
            high_availability: string | null;
            backup_retention_days: string | null;
          }>(
            `select rolconnlimit as connection_limit,
                    current_setting($1, true) as high_availability,
                    current_setting($2, true) as backup_retention_days
               from pg_roles where rolname = current_user`,
            [settingNames.highAvailability, settingNames.backupRetentionDays],
          );
          return rows[0];
        },
      );
      return {
        healthy: true,
        message: `Database ${name} accepts connections as ${name}`,
        actualConfig: actualConfig({
          connectionLimit: reported.connection_limit,
          highAvailability: reported.high_availability ?? undefined,
          backupRetentionDays: reported.backup_retention_days ?? undefined,
        }),
      };
    } catch (error) {
      context.signal.throwIfAborted();
      return {
        healthy: false,
        message: `Cannot connect to database ${name} as ${name}: ${describeError(
          error,
        )}`,
      };
    }
  }

  #outputs(name: string): Record<string, unknown> {
    return {
      host: this.#server.host,
      port: this.#server.port,
      database: name,
      user: name,
    };
  }

  /** Runs `use` over a connection as the configured administrative user. */
  #administer<T>(
    context: ProvisionerContext,
    use: (admin: ServerAdministrator) => Promise<T>,
  ): Promise<T> {
    const server = this.#server;
    return withClient(
      {
        target: server,
        signal: context.signal,
        logger: context.logger,
        connectFailure: cause => {
          const where = `${server.host}:${server.port}`;
          if (cause instanceof DatabaseError) {
            return new ServiceUnavailableError(
              `The PostgreSQL server at ${where} refused user "${
                server.user
              }" on database "${
                server.database
              }" for postgresql-database resources: set platform.postgres.user, password and database (${describeError(
                cause,
              )})`,
            );
          }
          return new ServiceUnavailableError(
            `Cannot reach the PostgreSQL server at ${where} for postgresql-database resources: set platform.postgres.host, port, user and password (${describeError(
              cause,
            )})`,
          );
        },
      },
      session => use(new ServerAdministrator(session)),
    );
  }
}

function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

/** The comment that marks a role or database as this resource's. */
function markerOf(resource: PlatformResource): string {
  return `platform resource ${resource.id}`;
}

async function inspect(
  admin: ServerAdministrator,
  resource: PlatformResource,
  name: string,
): Promise<{ role: Ownership; database: Ownership }> {
  const marker = markerOf(resource);
  const role = await admin.findRole(name);
  const database = await admin.findDatabase(name);
  let roleOwnership: Ownership = 'missing';
  if (role) {
    roleOwnership = role.comment === marker ? 'own' : 'foreign';
  }
  let databaseOwnership: Ownership = 'missing';
  if (database) {
    // A database of this resource's role without a comment is one an earlier
    // attempt created but stopped before marking.
    const marked = (database.comment ?? marker) === marker;
    databaseOwnership =
      roleOwnership === 'own' && database.owner === name && marked
        ? 'own'
        : 'foreign';
  }
  return { role: roleOwnership, database: databaseOwnership };
}

function refuseForeign(
  found: { role: Ownership; database: Ownership },
  resource: PlatformResource,
  name: string,
) {
  for (const kind of ['role', 'database'] as const) {
    if (found[kind] === 'foreign') {
      throw new ConflictError(
        `A ${kind} named ${name} already exists on the PostgreSQL server and was not created for resource ${resource.id}; rename or drop it`,
      );
    }
  }
}

async function applySettings(
  admin: ServerAdministrator,
  context: ProvisionerContext,
  name: string,
  settings: DatabaseSettings,
) {
  await admin.setConnectionLimit(name, connectionLimits[settings.size]);
  await admin.setDatabaseSetting(
    name,
    settingNames.highAvailability,
    settings.highAvailability ? 'on' : 'off',
  );
  await admin.setDatabaseSetting(
    name,
    settingNames.backupRetentionDays,
    String(settings.backupRetentionDays),
  );
  await record(context, `Applied ${describeSettings(settings)} to ${name}`);
}

async function record(context: ProvisionerContext, message: string) {
  context.logger.info(message);
  await context.appendEvent(message);
}

/**
 * The message of an error; a refused connection to a name with several
 * addresses fails with an AggregateError without one.
 */
function describeError(error: unknown): string {
  if (!isError(error)) {
    return String(error);
  }
  if (error.message) {
    return error.message;
  }
  const { errors, code } = error as { errors?: unknown[]; code?: string };
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map(describeError).join('; ');
  }
  return code ?? error.name;
}
