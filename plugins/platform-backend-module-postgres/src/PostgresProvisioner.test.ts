import { randomBytes } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Client, escapeIdentifier } from 'pg';
import { PostgresProvisioner } from './PostgresProvisioner';
import { resourceIdentifier } from './resourceIdentifier';
import { serverConfigOf, testConnectionString } from './__testUtils__/postgres';
import { testContext, testResource } from './__testUtils__/resources';
import { storedPasswordMatches } from './__testUtils__/storedPassword';

jest.setTimeout(120_000);

const connectionString = testConnectionString();
const describeWithPostgres = connectionString ? describe : describe.skip;

describeWithPostgres('PostgresProvisioner on a PostgreSQL server', () => {
  const server = serverConfigOf(connectionString!);
  // Unique per run, so runs never see each other's roles and databases.
  const run = randomBytes(4).toString('hex');
  const names = new Set<string>();
  const admin = new Client({ connectionString });

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    for (const name of names) {
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where (datname = $1 or usename = $1) and pid <> pg_backend_pid()`,
        [name],
      );
      await admin.query(`drop database if exists ${escapeIdentifier(name)}`);
      await admin.query(`drop role if exists ${escapeIdentifier(name)}`);
    }
    await admin.end();
  });

  function provisioner(config: Record<string, string | number> = {}) {
    return PostgresProvisioner.fromConfig(
      new ConfigReader({ platform: { postgres: { ...server, ...config } } }),
      { logger: mockServices.logger.mock() },
    );
  }

  /** A resource of this run, whose role and database are dropped at the end. */
  function resource(fields: Partial<PlatformResource> = {}) {
    const created = testResource({ team: `team-${run}`, ...fields });
    names.add(resourceIdentifier(created));
    return created;
  }

  async function count(catalog: 'pg_roles' | 'pg_database', name: string) {
    const column = catalog === 'pg_roles' ? 'rolname' : 'datname';
    const { rows } = await admin.query(
      `select count(*)::int as count from ${catalog} where ${column} = $1`,
      [name],
    );
    return rows[0].count as number;
  }

  async function databaseComment(name: string) {
    const { rows } = await admin.query(
      `select shobj_description(oid, 'pg_database') as comment
         from pg_database where datname = $1`,
      [name],
    );
    return rows[0]?.comment;
  }

  /** Connects with the credentials a provision returned and runs `sql`. */
  async function queryAs(
    outputs: Record<string, unknown>,
    password: string,
    sql: string,
  ) {
    const client = new Client({
      host: outputs.host as string,
      port: outputs.port as number,
      user: outputs.user as string,
      database: outputs.database as string,
      password,
    });
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('checks stored passwords the way PostgreSQL hashes them', async () => {
    const name = `p_check_${run}`;
    names.add(name);
    await admin.query(`set password_encryption = 'scram-sha-256'`);
    await admin.query(
      `create role ${escapeIdentifier(name)} password 'correct horse'`,
    );

    await expect(
      storedPasswordMatches(admin, name, 'correct horse'),
    ).resolves.toBe(true);
    await expect(
      storedPasswordMatches(admin, name, 'correct horse!'),
    ).resolves.toBe(false);
  });

  it('creates a role and a database that accept the returned credentials', async () => {
    const orders = resource({ name: 'orders' });
    const name = resourceIdentifier(orders);
    const { context, events } = testContext(orders);

    const result = await provisioner().provision(context);

    expect(result.outputs).toEqual({
      host: server.host,
      port: server.port,
      database: name,
      user: name,
    });
    const password = result.secrets!.password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(storedPasswordMatches(admin, name, password)).resolves.toBe(
      true,
    );
    await expect(
      queryAs(
        result.outputs!,
        password,
        'select current_user as user, current_database() as database',
      ),
    ).resolves.toEqual([{ user: name, database: name }]);

    const { rows } = await admin.query(
      `select pg_get_userbyid(datdba) as owner,
              has_database_privilege('public', datname, 'connect') as public_connect
         from pg_database where datname = $1`,
      [name],
    );
    expect(rows).toEqual([{ owner: name, public_connect: false }]);
    await expect(databaseComment(name)).resolves.toBe(
      `platform resource ${orders.id}`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        `Created role ${name}`,
        `Created database ${name}`,
      ]),
    );
  });

  it("keeps other teams' roles out of the database", async () => {
    const ours = resource({ name: 'ours' });
    const theirs = resource({ name: 'theirs', team: `other-${run}` });
    const ourResult = await provisioner().provision(testContext(ours).context);
    const theirResult = await provisioner().provision(
      testContext(theirs).context,
    );

    await expect(
      queryAs(
        { ...theirResult.outputs, database: ourResult.outputs!.database },
        theirResult.secrets!.password,
        'select 1',
      ),
    ).rejects.toThrow(/permission denied for database/);
  });

  it('provisions again after an attempt stopped half-way', async () => {
    const orders = resource({ name: 'retried' });
    const name = resourceIdentifier(orders);
    const first = await provisioner().provision(testContext(orders).context);

    // As if the attempt stopped after creating the role.
    await admin.query(`drop database ${escapeIdentifier(name)}`);
    const { context, events } = testContext(orders);
    const second = await provisioner().provision(context);
    expect(events).toEqual(
      expect.arrayContaining([
        `Reset the password of existing role ${name}`,
        `Created database ${name}`,
      ]),
    );
    await expect(
      storedPasswordMatches(admin, name, second.secrets!.password),
    ).resolves.toBe(true);
    await expect(
      storedPasswordMatches(admin, name, first.secrets!.password),
    ).resolves.toBe(false);

    // As if the attempt stopped after creating the database.
    await admin.query(`comment on database ${escapeIdentifier(name)} is null`);
    await provisioner().provision(testContext(orders).context);
    await expect(databaseComment(name)).resolves.toBe(
      `platform resource ${orders.id}`,
    );

    const third = await provisioner().provision(testContext(orders).context);
    await expect(count('pg_roles', name)).resolves.toBe(1);
    await expect(count('pg_database', name)).resolves.toBe(1);
    await expect(
      queryAs(third.outputs!, third.secrets!.password, 'select 1 as one'),
    ).resolves.toEqual([{ one: 1 }]);
  });

  /** The provisioner's sessions whose current or last statement names `name`. */
  async function sessionsOn(name: string) {
    const { rows } = await admin.query<{
      state: string;
      wait_event_type: string | null;
    }>(
      `select state, wait_event_type from pg_stat_activity
        where application_name = 'backstage-platform'
          and position($1 in query) > 0`,
      [name],
    );
    return rows;
  }

  it('cancels the statement running on the server when the attempt is aborted', async () => {
    const blocked = resource({ name: 'blocked' });
    const name = resourceIdentifier(blocked);
    // An uncommitted role of the same name: the provisioner's CREATE ROLE
    // waits for this transaction and cannot end by itself while it is open.
    const holder = new Client({ connectionString });
    holder.on('error', () => {});
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`create role ${escapeIdentifier(name)}`);
      const controller = new AbortController();
      const reason = new Error('The attempt timed out');
      const provisioning = provisioner().provision(
        testContext(blocked, { signal: controller.signal }).context,
      );
      provisioning.catch(() => {});
      const deadline = Date.now() + 10_000;
      while (
        !(await sessionsOn(name)).some(s => s.wait_event_type === 'Lock')
      ) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise(resolve => setTimeout(resolve, 20));
      }

      const abortedAt = Date.now();
      controller.abort(reason);
      await expect(provisioning).rejects.toBe(reason);
      // Far sooner than the client's own 60 s limit on a statement.
      expect(Date.now() - abortedAt).toBeLessThan(10_000);
      expect(await sessionsOn(name)).toEqual([]);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    await expect(count('pg_roles', name)).resolves.toBe(0);
    await expect(count('pg_database', name)).resolves.toBe(0);
  });

  it('sends no further statement once the attempt is aborted', async () => {
    const halfway = resource({ name: 'halfway' });
    const name = resourceIdentifier(halfway);
    const controller = new AbortController();
    const reason = new Error('The attempt timed out');
    const { context, events } = testContext(halfway, {
      signal: controller.signal,
    });

    await expect(
      provisioner().provision({
        ...context,
        async appendEvent(message) {
          await context.appendEvent(message);
          if (message.startsWith('Created role')) {
            controller.abort(reason);
          }
        },
      }),
    ).rejects.toBe(reason);
    expect(events).toEqual([`Created role ${name}`]);
    await expect(count('pg_roles', name)).resolves.toBe(1);
    await expect(count('pg_database', name)).resolves.toBe(0);
  });

  it('refuses a database that was made for another resource, and leaves it on deletion', async () => {
    const orders = resource({ name: 'claimed' });
    const name = resourceIdentifier(orders);
    await provisioner().provision(testContext(orders).context);
    await admin.query(
      `comment on database ${escapeIdentifier(
        name,
      )} is 'platform resource another'`,
    );

    await expect(
      provisioner().provision(testContext(orders).context),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        `A database named ${name} already exists`,
      ),
    });

    const { context, events } = testContext(orders);
    await expect(provisioner().deprovision(context)).rejects.toThrow(
      /cannot be dropped because some objects depend on it/,
    );
    expect(events).toContain(
      `Left database ${name} alone: it was not created for resource ${orders.id}`,
    );
    await expect(count('pg_database', name)).resolves.toBe(1);
  });

  it('refuses a role that was not made for the resource', async () => {
    const orders = resource({ name: 'taken' });
    const name = resourceIdentifier(orders);
    await admin.query(`create role ${escapeIdentifier(name)}`);

    await expect(
      provisioner().provision(testContext(orders).context),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(`A role named ${name} already exists`),
    });
    await expect(count('pg_database', name)).resolves.toBe(0);

    const { context, events } = testContext(orders);
    await provisioner().deprovision(context);
    expect(events).toContain(
      `Left role ${name} alone: it was not created for resource ${orders.id}`,
    );
    await expect(count('pg_roles', name)).resolves.toBe(1);
  });

  it.each([
    {
      case: 'quotes and statement breaks',
      team: `"; drop role postgres; --`,
      name: `x'); drop database postgres; --`,
    },
    { case: 'paths', team: '../../etc/passwd', name: 'a/b\\c..d' },
    // A Cyrillic "е" and the Kelvin sign, which lower-cases to an ASCII "k".
    { case: 'look-alikes', team: 't\u0435am', name: '\u212Aafka' },
    {
      case: 'long names',
      team: `${'ü'.repeat(40)}${'a'.repeat(200)}`,
      name: 'b'.repeat(200),
    },
    { case: 'the environment', environment: 'prod"\n$$', name: 'env' },
  ])('keeps hostile names out of the SQL: $case', async fields => {
    const hostile = resource({
      team: fields.team ? `${fields.team}-${run}` : `team-${run}`,
      name: fields.name,
      environment: fields.environment ?? 'test',
    });
    const name = resourceIdentifier(hostile);
    expect(name).toMatch(/^p_[a-z0-9_]+_[0-9a-f]{8}$/);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);

    const result = await provisioner().provision(testContext(hostile).context);
    await expect(
      queryAs(result.outputs!, result.secrets!.password, 'select 1 as one'),
    ).resolves.toEqual([{ one: 1 }]);

    await provisioner().deprovision(testContext(hostile).context);
    await expect(count('pg_roles', name)).resolves.toBe(0);
    await expect(count('pg_database', name)).resolves.toBe(0);
    await expect(count('pg_roles', 'postgres')).resolves.toBe(1);
    await expect(count('pg_database', 'postgres')).resolves.toBe(1);
  });

  it('reports health and the configuration in force', async () => {
    const defaults = resource({ name: 'defaults' });
    const tuned = resource({
      name: 'tuned',
      config: {
        size: 'medium',
        high_availability: true,
        backup_retention_days: 14,
      },
    });
    for (const [created, actualConfig] of [
      [
        defaults,
        { size: 'small', high_availability: false, backup_retention_days: 7 },
      ],
      [
        tuned,
        { size: 'medium', high_availability: true, backup_retention_days: 14 },
      ],
    ] as const) {
      const result = await provisioner().provision(
        testContext(created).context,
      );
      const status = await provisioner().getStatus(
        testContext(created, { secrets: result.secrets }).context,
      );
      expect(status).toEqual({
        healthy: true,
        message: expect.stringContaining('accepts connections'),
        actualConfig,
      });
    }
  });

  it('applies changed settings on update', async () => {
    const orders = resource({ name: 'updated' });
    const name = resourceIdentifier(orders);
    const { secrets } = await provisioner().provision(
      testContext(orders).context,
    );
    const changed = {
      ...orders,
      config: {
        size: 'large',
        high_availability: true,
        backup_retention_days: 30,
      },
    };

    const result = await provisioner().update(
      testContext(changed, { secrets }).context,
    );

    expect(result.secrets).toEqual(secrets);
    expect(result.outputs).toMatchObject({ database: name, user: name });
    const { rows } = await admin.query(
      'select rolconnlimit from pg_roles where rolname = $1',
      [name],
    );
    expect(rows).toEqual([{ rolconnlimit: 100 }]);
    await expect(
      provisioner().getStatus(testContext(changed, { secrets }).context),
    ).resolves.toMatchObject({
      healthy: true,
      actualConfig: {
        size: 'large',
        high_availability: true,
        backup_retention_days: 30,
      },
    });

    const renewed = await provisioner().update(testContext(changed).context);
    expect(renewed.secrets!.password).not.toBe(secrets!.password);
    await expect(
      storedPasswordMatches(admin, name, renewed.secrets!.password),
    ).resolves.toBe(true);
  });

  it('refuses to update a database that is gone', async () => {
    const orders = resource({ name: 'vanished' });
    const name = resourceIdentifier(orders);
    const { secrets } = await provisioner().provision(
      testContext(orders).context,
    );
    await admin.query(`drop database ${escapeIdentifier(name)}`);

    await expect(
      provisioner().update(testContext(orders, { secrets }).context),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('drops the database and the role, ending open sessions, and succeeds again', async () => {
    const orders = resource({ name: 'dropped' });
    const name = resourceIdentifier(orders);
    const result = await provisioner().provision(testContext(orders).context);
    const session = new Client({
      ...server,
      user: name,
      database: name,
      password: result.secrets!.password,
    });
    session.on('error', () => {});
    await session.connect();

    try {
      const { context, events } = testContext(orders);
      await provisioner().deprovision(context);
      expect(events).toEqual([
        `Dropped database ${name}`,
        `Dropped role ${name}`,
      ]);
      await expect(count('pg_database', name)).resolves.toBe(0);
      await expect(count('pg_roles', name)).resolves.toBe(0);
      await expect(session.query('select 1')).rejects.toThrow();

      const again = testContext(orders);
      await provisioner().deprovision(again.context);
      expect(again.events).toEqual([
        `Database and role ${name} were already gone`,
      ]);

      await expect(
        provisioner().getStatus(
          testContext(orders, { secrets: result.secrets }).context,
        ),
      ).resolves.toEqual({
        healthy: false,
        message: expect.stringContaining(
          `Cannot connect to database ${name} as ${name}`,
        ),
      });
    } finally {
      await session.end().catch(() => {});
    }
  });

  it('keeps the database and the role under the orphan policy', async () => {
    const orders = resource({ name: 'orphaned' });
    const name = resourceIdentifier(orders);
    await provisioner().provision(testContext(orders).context);

    const { context, events } = testContext(orders);
    await provisioner({ deletionPolicy: 'orphan' }).deprovision(context);

    expect(events).toEqual([expect.stringMatching(/deletionPolicy is orphan/)]);
    await expect(count('pg_database', name)).resolves.toBe(1);
    await expect(count('pg_roles', name)).resolves.toBe(1);
  });

  it('works for an administrator that is not a superuser', async () => {
    const administrator = `p_admin_${run}`;
    const orders = resource({ name: 'delegated' });
    const name = resourceIdentifier(orders);
    await admin.query(
      `create role ${administrator} login createrole createdb in role pg_signal_backend`,
    );
    await admin.query(
      `grant set on parameter platform.high_availability, platform.backup_retention_days to ${administrator}`,
    );
    try {
      const delegated = provisioner({ user: administrator });
      const result = await delegated.provision(testContext(orders).context);
      await expect(
        delegated.getStatus(
          testContext(orders, { secrets: result.secrets }).context,
        ),
      ).resolves.toMatchObject({
        healthy: true,
        actualConfig: {
          size: 'small',
          high_availability: false,
          backup_retention_days: 7,
        },
      });

      await delegated.deprovision(testContext(orders).context);
      await expect(count('pg_database', name)).resolves.toBe(0);
      await expect(count('pg_roles', name)).resolves.toBe(0);
    } finally {
      await admin.query(
        `revoke set on parameter platform.high_availability, platform.backup_retention_days from ${administrator}`,
      );
      await admin.query(`drop database if exists ${escapeIdentifier(name)}`);
      await admin.query(`drop role if exists ${escapeIdentifier(name)}`);
      await admin.query(`drop role ${administrator}`);
    }
  });

  it('says which settings to fix when the server refuses the user', async () => {
    const orders = resource({ name: 'refused' });

    await expect(
      provisioner({ database: `missing_${run}` }).provision(
        testContext(orders).context,
      ),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /refused user .* set platform\.postgres\.user, password and database \(database "missing_\w+" does not exist\)/,
      ),
    });
  });
});
