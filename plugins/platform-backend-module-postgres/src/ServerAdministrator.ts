import { escapeIdentifier, escapeLiteral } from 'pg';
import { Session } from './withClient';

/**
 * What the server knows of a role.
 */
export interface RoleFacts {
  comment?: string;
}

/**
 * What the server knows of a database.
 */
export interface DatabaseFacts {
  owner: string;
  comment?: string;
}

/**
 * The statements that create, change and drop roles and databases, over an
 * administrative connection.
 *
 * Names and values are always quoted with pg's escaping, never pasted in:
 * statements such as CREATE ROLE take no bind parameters.
 */
export class ServerAdministrator {
  readonly #session: Session;

  constructor(session: Session) {
    this.#session = session;
  }

  async findRole(name: string): Promise<RoleFacts | undefined> {
    const { rows } = await this.#session.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_authid') as comment
         from pg_roles where rolname = $1`,
      [name],
    );
    return rows.length ? { comment: rows[0].comment ?? undefined } : undefined;
  }

  /**
   * Creates a login role with its comment in one transaction, so a role
   * without the comment was never created here.
   *
   * An administrator that is not a superuser is made a member of the role,
   * which it needs to create the role's database and drop what it owns.
   */
  async createRole(name: string, verifier: string, comment: string) {
    const role = escapeIdentifier(name);
    await this.#session.query('begin');
    try {
      await this.#session.query(
        `create role ${role} with login nosuperuser nocreatedb nocreaterole noreplication password ${escapeLiteral(
          verifier,
        )}`,
      );
      await this.#session.query(
        `comment on role ${role} is ${escapeLiteral(comment)}`,
      );
      const { rows } = await this.#session.query<{ superuser: boolean }>(
        'select rolsuper as superuser from pg_roles where rolname = current_user',
      );
      if (!rows[0]?.superuser) {
        await this.#session.query(`grant ${role} to current_user`);
      }
      await this.#session.query('commit');
    } catch (error) {
      // The statement's error says more than a failed rollback would.
      await this.#session.query('rollback').catch(() => {});
      throw error;
    }
  }

  /** Sets the password and lets the role log in again. */
  async setPassword(name: string, verifier: string) {
    await this.#session.query(
      `alter role ${escapeIdentifier(name)} with login password ${escapeLiteral(
        verifier,
      )}`,
    );
  }

  async setConnectionLimit(name: string, limit: number) {
    if (!Number.isInteger(limit)) {
      throw new TypeError(`Connection limit ${limit} is not an integer`);
    }
    await this.#session.query(
      `alter role ${escapeIdentifier(name)} connection limit ${limit}`,
    );
  }

  /** Keeps the role from opening new sessions. */
  async disableLogin(name: string) {
    await this.#session.query(`alter role ${escapeIdentifier(name)} nologin`);
  }

  /**
   * Drops what the role owns in the administrative database and its grants
   * there, then the role; both are gone from every other database by now.
   */
  async dropRole(name: string) {
    const role = escapeIdentifier(name);
    if (await this.findRole(name)) {
      await this.#session.query(`drop owned by ${role}`);
    }
    await this.#session.query(`drop role if exists ${role}`);
  }

  async findDatabase(name: string): Promise<DatabaseFacts | undefined> {
    const { rows } = await this.#session.query<{
      owner: string;
      comment: string | null;
    }>(
      `select pg_get_userbyid(datdba) as owner,
              shobj_description(oid, 'pg_database') as comment
         from pg_database where datname = $1`,
      [name],
    );
    return rows.length
      ? { owner: rows[0].owner, comment: rows[0].comment ?? undefined }
      : undefined;
  }

  async createDatabase(name: string, owner: string) {
    await this.#session.query(
      `create database ${escapeIdentifier(name)} owner ${escapeIdentifier(
        owner,
      )}`,
    );
  }

  async commentOnDatabase(name: string, comment: string) {
    await this.#session.query(
      `comment on database ${escapeIdentifier(name)} is ${escapeLiteral(
        comment,
      )}`,
    );
  }

  /**
   * Takes away the CONNECT and TEMPORARY that every role gets on a new
   * database, so only its owner (and superusers) can use it.
   */
  async revokePublicAccess(name: string) {
    await this.#session.query(
      `revoke all on database ${escapeIdentifier(name)} from public`,
    );
  }

  /**
   * Records a setting that sessions on the database start with. `setting`
   * is one of this module's own names, such as `platform.high_availability`.
   */
  async setDatabaseSetting(name: string, setting: string, value: string) {
    if (!/^[a-z_]+\.[a-z_]+$/.test(setting)) {
      throw new TypeError(`Invalid setting name ${setting}`);
    }
    await this.#session.query(
      `alter database ${escapeIdentifier(
        name,
      )} set ${setting} = ${escapeLiteral(value)}`,
    );
  }

  /** Ends the sessions on a database or of a role, other than this one. */
  async terminateSessions(of: { database?: string; role?: string }) {
    await this.#session.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where (datname = $1 or usename = $2) and pid <> pg_backend_pid()`,
      [of.database ?? null, of.role ?? null],
    );
  }

  async dropDatabase(name: string) {
    await this.#session.query(
      `drop database if exists ${escapeIdentifier(name)}`,
    );
  }
}
