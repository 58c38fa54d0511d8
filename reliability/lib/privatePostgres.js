// A PostgreSQL 15 cluster of the suite's own, in the run directory, on a free
// localhost port with trust authentication: a check may stop and start it
// without touching the shared server that other work uses.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');
const { freePort } = require('./processes');

const run = promisify(execFile);

const BIN = process.env.RELIABILITY_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb and pg_ctl refuse root: as root they run as the postgres user. */
const RUN_AS = process.getuid?.() === 0 ? 'postgres' : undefined;

class PrivatePostgres {
  constructor({ dir, port }) {
    this.dir = dir;
    this.dataDir = path.join(dir, 'data');
    this.logFile = path.join(dir, 'server.log');
    this.port = port;
    this.host = '127.0.0.1';
    this.user = 'postgres';
    this.running = false;
  }

  /**
   * A new cluster in `<parentDir>/postgres`, listening on the first free port
   * from `basePort`; not started yet.
   */
  static async create({ parentDir, basePort }) {
    const program = path.join(BIN, 'initdb');
    if (!fs.existsSync(program)) {
      throw new Error(
        `No initdb at ${program}: install PostgreSQL 15 or set RELIABILITY_PG_BIN`,
      );
    }
    const dir = path.join(parentDir, 'postgres');
    fs.mkdirSync(dir, { recursive: true });
    if (RUN_AS) {
      // The postgres user must reach the folder through the run directory.
      fs.chmodSync(parentDir, 0o711);
      const { uid, gid } = await userIds(RUN_AS);
      fs.chownSync(dir, uid, gid);
    }
    const cluster = new PrivatePostgres({
      dir,
      port: await freePort(basePort),
    });
    await cluster.#exec('initdb', [
      '--pgdata',
      cluster.dataDir,
      '--username',
      cluster.user,
      '--auth',
      'trust',
      '--encoding',
      'UTF8',
      '--no-sync',
    ]);
    fs.appendFileSync(
      path.join(cluster.dataDir, 'postgresql.conf'),
      [
        '',
        `port = ${cluster.port}`,
        `listen_addresses = '${cluster.host}'`,
        // TCP only: no socket beside the shared server's.
        "unix_socket_directories = ''",
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    return cluster;
  }

  /** Starts the server and waits until it accepts connections. */
  async start() {
    await this.#exec('pg_ctl', [
      'start',
      '--pgdata',
      this.dataDir,
      '--log',
      this.logFile,
      '--wait',
      '--timeout',
      '60',
    ]);
    this.running = true;
  }

  /**
   * Stops the server as a restart does: `fast` ends every session with
   * `57P01 terminating connection due to administrator command`.
   */
  async stop(mode = 'fast') {
    await this.#exec('pg_ctl', [
      'stop',
      '--pgdata',
      this.dataDir,
      '--mode',
      mode,
      '--wait',
      '--timeout',
      '60',
    ]);
    this.running = false;
  }

  /** Stops the server if it runs; for clean-up after a failure. */
  async ensureStopped() {
    if (fs.existsSync(path.join(this.dataDir, 'postmaster.pid'))) {
      await this.stop('immediate');
    }
  }

  /** `backend.database` of a backend whose plugins all use this cluster. */
  backendDatabase() {
    return {
      client: 'pg',
      connection: { host: this.host, port: this.port, user: this.user },
      knexConfig: { pool: { min: 0, max: 4 } },
      plugin: { platform: { knexConfig: { pool: { min: 0, max: 12 } } } },
    };
  }

  async #exec(program, args) {
    const file = path.join(BIN, program);
    const [command, commandArgs] = RUN_AS
      ? ['runuser', ['-u', RUN_AS, '--', file, ...args]]
      : [file, args];
    try {
      await run(command, commandArgs, { cwd: this.dir });
    } catch (error) {
      throw new Error(
        `${program} ${args[0]} failed: ${(
          error.stderr || error.message
        ).trim()}`,
      );
    }
  }
}

async function userIds(user) {
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async flag =>
      Number((await run('id', [flag, user])).stdout.trim()),
    ),
  );
  return { uid, gid };
}

module.exports = { PrivatePostgres };
