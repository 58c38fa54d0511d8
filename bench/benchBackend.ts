/*
 * The backend of the benchmarks (bench/run.js starts it; nothing else should).
 *
 * The features of packages/backend (src/features.ts), minus the real
 * provisioners, plus two benchmark-only features:
 *
 * - a `platform` module that registers a no-op provisioner for every
 *   built-in offering (each offering takes one provisioner, so the real
 *   postgres and gitops modules are not added) and records when each
 *   provision started;
 * - a `bench` plugin with `POST /api/bench/insert`, which goes through the
 *   same HTTP auth stack as the Platform API and inserts one row through
 *   `coreServices.database`: the floor of what a write can cost, and
 *   `GET /api/bench/provision-starts`, the start times the no-op provisioner
 *   recorded.
 *
 * With BENCH_PROVISIONERS=postgres the real postgresql-database module is
 * added instead of the no-op one for that offering (for the real
 * provisioning benchmark). Diagnostics, for finding where time goes:
 * BENCH_OMIT=catalog-module, and BENCH_PROFILE_DIR (CPU profiles of a
 * stretch of load through POST /api/bench/profile/start and /stop).
 *
 * Started from packages/backend (app-config.yaml's relative paths), as
 * `backstage-cli package start` starts a backend, but without the watcher:
 *
 *   NODE_ENV=production node --enable-source-maps \
 *     --require @backstage/cli/config/nodeTransform.cjs \
 *     ../../bench/benchBackend.ts --config ../../app-config.yaml --config <bench.yaml>
 */
// Before anything records a metric, as in packages/backend.
import '../packages/backend/src/instrumentation';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  ResourceProvisioner,
  platformProvisionersExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import express from 'express';
import Router from 'express-promise-router';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import {
  backstageFeatures,
  platformCatalogFeature,
  platformFeatures,
} from '../packages/backend/src/features';

const realPostgres = process.env.BENCH_PROVISIONERS === 'postgres';

/** Resource id → Date.now() when its (latest) provision began. */
const provisionStarts = new Map<string, number>();

const noopProvisioner: ResourceProvisioner = {
  async provision({ resource }) {
    provisionStarts.set(resource.id, Date.now());
    return { outputs: { bench: true } };
  },
  async update() {
    return { outputs: { bench: true } };
  },
  async deprovision() {},
  async getStatus() {
    return { healthy: true };
  },
};

const noopProvisionersModule = createBackendModule({
  pluginId: 'platform',
  moduleId: 'bench-noop-provisioners',
  register(env) {
    env.registerInit({
      deps: { provisioners: platformProvisionersExtensionPoint },
      async init({ provisioners }) {
        const offerings = ['web-application', 'api-gateway'];
        if (!realPostgres) {
          offerings.push('postgresql-database');
        }
        for (const offering of offerings) {
          provisioners.addProvisioner(offering, noopProvisioner);
        }
      },
    });
  },
});

const TABLE = 'bench_rows';

const benchPlugin = createBackendPlugin({
  pluginId: 'bench',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ database, httpRouter, httpAuth }) {
        const db = await database.getClient();
        if (!(await db.schema.hasTable(TABLE))) {
          await db.schema.createTable(TABLE, table => {
            table.string('id', 36).primary().notNullable();
            table.string('name', 63).notNullable();
            table.string('team', 255).notNullable();
            table.text('body').notNullable();
            table.string('created_by', 255).notNullable();
            table.string('created_at', 32).notNullable();
          });
        }
        const router = Router();
        router.use(express.json({ limit: '64kb' }));
        router.post('/insert', async (req, res) => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['user', 'service'],
          });
          const principal = credentials.principal as {
            userEntityRef?: string;
            subject?: string;
          };
          const row = {
            id: randomUUID(),
            name: String(req.body?.name ?? ''),
            team: String(req.body?.team ?? ''),
            body: JSON.stringify(req.body ?? {}),
            created_by:
              principal.userEntityRef ?? `service:${principal.subject}`,
            created_at: new Date().toISOString(),
          };
          await db(TABLE).insert(row);
          res.status(202).json(row);
        });
        router.get('/provision-starts', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['user', 'service'] });
          res.json(Object.fromEntries(provisionStarts));
        });
        // CPU profiles of a stretch of load, when BENCH_PROFILE_DIR is set:
        // POST /profile/start, then POST /profile/stop writes a .cpuprofile.
        const profileDir = process.env.BENCH_PROFILE_DIR;
        if (profileDir) {
          const session = new Session();
          session.connect();
          const post = (method: string, params?: object) =>
            new Promise<any>((resolve, reject) =>
              session.post(method, params, (error, result) =>
                error ? reject(error) : resolve(result),
              ),
            );
          router.post('/profile/start', async (req, res) => {
            await httpAuth.credentials(req, { allow: ['service'] });
            await post('Profiler.enable');
            await post('Profiler.setSamplingInterval', { interval: 500 });
            await post('Profiler.start');
            res.json({ started: true });
          });
          router.post('/profile/stop', async (req, res) => {
            await httpAuth.credentials(req, { allow: ['service'] });
            const { profile } = await post('Profiler.stop');
            const file = path.join(
              profileDir,
              `bench-${Date.now()}.cpuprofile`,
            );
            fs.mkdirSync(profileDir, { recursive: true });
            fs.writeFileSync(file, JSON.stringify(profile));
            res.json({ file });
          });
        }
        httpRouter.use(router);
      },
    });
  },
});

const backend = createBackend();

// The features of packages/backend, but for the provisioners.
for (const feature of [...backstageFeatures(), ...platformFeatures()]) {
  backend.add(feature);
}
// BENCH_OMIT=catalog-module leaves the catalog module out: a diagnostic, to
// see what the catalog hand-off costs a write.
if (!(process.env.BENCH_OMIT ?? '').split(',').includes('catalog-module')) {
  backend.add(platformCatalogFeature());
}
// Instead of the postgres and gitops provisioner modules:
if (realPostgres) {
  backend.add(import('@idp-kit/plugin-platform-backend-module-postgres'));
}
backend.add(noopProvisionersModule);
backend.add(benchPlugin);

backend.start();
