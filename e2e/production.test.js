// The backend as production starts it: NODE_ENV=production, app-config.yaml
// with app-config.production.yaml, PostgreSQL, the app's permission policy.
const { after, before } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('yaml');
const {
  productionBackend,
  root,
  sleep,
} = require('../reliability/lib/backend');
const postgres = require('../reliability/lib/postgres');
const { readBody } = require('../reliability/lib/api');
const { killAllSync } = require('../reliability/lib/processes');
const { checkedRun } = require('./checks');

const productionFile = yaml.parse(
  fs.readFileSync(path.join(root, 'app-config.production.yaml'), 'utf8'),
);
const demoOrg = yaml
  .parseAllDocuments(
    fs.readFileSync(path.join(root, 'examples/org.yaml'), 'utf8'),
  )
  .map(doc => doc.toJS())
  .filter(Boolean);
const demoNames = kind =>
  demoOrg.filter(e => e.kind === kind).map(e => e.metadata.name);

const run = crypto.randomBytes(4).toString('hex');
const prefix = `idp_production_${run}_`;
const session = checkedRun('idp-production');
const runDir = session.dir;
const { check } = session;
const serviceToken = crypto.randomBytes(24).toString('base64url');
const keyId = `production-test-${run}`;
const signingKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** The adopter's organisation: what production gets instead of the demo org. */
const org = [
  group('prod-test-alpha'),
  group('prod-test-beta'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'prod-tester' },
    spec: { memberOf: ['prod-test-alpha'] },
  },
];

/** Files outside the trusted locations, each with one kind in it. */
const strays = {
  Group: group('prod-test-stray-group'),
  User: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'prod-test-stray-user' },
    spec: { memberOf: [] },
  },
  Template: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'prod-test-stray-template' },
    spec: { owner: 'prod-test-alpha', type: 'service', steps: [] },
  },
  Component: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'prod-test-stray-component' },
    spec: {
      type: 'service',
      owner: 'prod-test-alpha',
      lifecycle: 'production',
    },
  },
};

function strayFile(kind) {
  return `stray-${kind.toLowerCase()}.yaml`;
}

function group(name) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [] },
  };
}

function writeEntities(name, entities) {
  const file = path.join(runDir, name);
  fs.writeFileSync(file, entities.map(e => yaml.stringify(e)).join('---\n'));
  return file;
}

let backend;

before(() => session.guarded(startBackend));

async function startBackend() {
  assert.ok(
    await postgres.reachable(),
    `PostgreSQL must answer at ${postgres.server.host}:${postgres.server.port}`,
  );
  const keyFiles = {
    publicKeyFile: path.join(runDir, 'auth-public.pem'),
    privateKeyFile: path.join(runDir, 'auth-private.pem'),
  };
  fs.writeFileSync(
    keyFiles.publicKeyFile,
    signingKey.publicKey.export({ type: 'spki', format: 'pem' }),
  );
  fs.writeFileSync(
    keyFiles.privateKeyFile,
    signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const strayLocations = Object.entries(strays).map(([kind, entity]) => ({
    type: 'file',
    target: writeEntities(strayFile(kind), [entity]),
  }));
  backend = await productionBackend({
    name: 'production',
    basePort: 7150,
    runDir,
    env: {
      POSTGRES_HOST: postgres.server.host,
      POSTGRES_PORT: String(postgres.server.port),
      POSTGRES_USER: postgres.server.user,
      // Trust authentication: the server does not ask for it.
      POSTGRES_PASSWORD: 'unused',
      PLATFORM_POSTGRES_HOST: postgres.server.host,
      PLATFORM_POSTGRES_PORT: String(postgres.server.port),
      PLATFORM_POSTGRES_USER: postgres.server.user,
      PLATFORM_POSTGRES_PASSWORD: 'unused',
      PLATFORM_SECRETS_KEY: crypto.randomBytes(32).toString('base64'),
    },
    extra: {
      backend: {
        database: { prefix },
        // The test's requests come from loopback, which the limiter exempts
        // by default; here they count like any client's.
        rateLimit: { plugin: { platform: { ipAllowList: [] } } },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: serviceToken, subject: 'prod-test' },
            },
          ],
        },
      },
      // The auth backend signs with a key the test holds, so the test can
      // stand in for the sign-in provider an adopter adds.
      auth: {
        keyStore: {
          provider: 'static',
          static: { keys: [{ ...keyFiles, keyId }] },
        },
      },
      // What an adopter adds: their organisation as a trusted location,
      // next to the production file's own locations. The strays are not
      // trusted for anything but the globally allowed kinds.
      catalog: {
        locations: [
          ...(productionFile.catalog?.locations ?? []),
          {
            type: 'file',
            target: writeEntities('org.yaml', org),
            rules: [{ allow: ['User', 'Group'] }],
          },
          ...strayLocations,
        ],
      },
      platform: {
        gitops: { repository: { path: path.join(runDir, 'gitops') } },
      },
    },
  });
  const begun = Date.now();
  await backend.start();
  console.log(
    `production backend ready in ${Date.now() - begun} ms (${backend.logFile})`,
  );
}

after(async () => {
  try {
    await backend?.stop();
  } finally {
    killAllSync();
    const dropped = await postgres.dropStartingWith(prefix);
    console.log(`dropped ${dropped.length} databases starting with ${prefix}`);
    session.finish();
  }
});

function base64url(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signed(header, payload) {
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = crypto.sign('sha256', Buffer.from(input), {
    key: signingKey.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return { input, signature: signature.toString('base64url') };
}

/**
 * Signs a user in as the auth backend does after a provider's sign-in: a
 * token signed with its key, with the user identity proof that lets plugins
 * act for the user, and the user's ownership refs recorded in its database.
 */
async function signIn(userEntityRef, ownershipEntityRefs) {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + 600;
  const proof = signed(
    { typ: 'vnd.backstage.limited-user', alg: 'ES256', kid: keyId },
    { sub: userEntityRef, iat, exp },
  );
  const token = signed(
    { alg: 'ES256', kid: keyId, typ: 'vnd.backstage.user' },
    {
      iss: `${backend.baseUrl}/api/auth`,
      sub: userEntityRef,
      ent: ownershipEntityRefs,
      aud: 'backstage',
      iat,
      exp,
      uip: proof.signature,
    },
  );
  await postgres.withDatabase(`${prefix}auth`, client =>
    client.query(
      `insert into user_info (user_entity_ref, user_info, updated_at)
       values ($1, $2, now())`,
      [
        userEntityRef,
        JSON.stringify({
          claims: { sub: userEntityRef, ent: ownershipEntityRefs },
        }),
      ],
    ),
  );
  return `${token.input}.${token.signature}`;
}

async function call(method, route, { token, body, headers } = {}) {
  const res = await fetch(`${backend.baseUrl}${route}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const { json, text } = await readBody(res);
  return { status: res.status, json, text };
}

async function entities(filter) {
  const res = await call('GET', `/api/catalog/entities?filter=${filter}`, {
    token: serviceToken,
  });
  assert.equal(res.status, 200, `catalog ${filter}: ${res.text}`);
  return res.json;
}

/** What the catalog logged about processing `location` (a location ref). */
function processingWarnings(location) {
  return fs
    .readFileSync(backend.logFile, 'utf8')
    .split('\n')
    .flatMap(line => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    })
    .filter(entry => entry.plugin === 'catalog' && entry.location === location)
    .map(entry => entry.message);
}

/** Calls `fn` until it stops throwing; the last error says what was missing. */
async function eventually(what, fn, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) {
        error.message = `${what} within ${timeoutMs} ms: ${error.message}; see ${backend.logFile}`;
        throw error;
      }
    }
    await sleep(500);
  }
}

check(
  'the production file itself enables permissions and turns the guest and demo providers off',
  () => {
    assert.equal(productionFile.permission?.enabled, true);
    for (const provider of ['guest', 'demo']) {
      assert.equal(
        productionFile.auth?.providers?.[provider],
        null,
        `auth.providers.${provider}: null in app-config.production.yaml`,
      );
    }
  },
);

check('nobody signs in as guest', async () => {
  for (const route of ['refresh', 'start']) {
    const res = await call('GET', `/api/auth/guest/${route}`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    console.log(`GET /api/auth/guest/${route}: ${res.status}`);
    assert.equal(res.status, 404, `guest ${route}: ${res.text}`);
    assert.equal(res.json?.backstageIdentity, undefined);
  }
});

check('nobody signs in as a demo user', async () => {
  // app-config.yaml's demo provider signs in the user a header names; in
  // production it is absent, whoever the header names.
  for (const user of ['user:default/priya', 'user:default/prod-tester']) {
    for (const route of ['refresh', 'start']) {
      const res = await call('GET', `/api/auth/demo/${route}`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest', 'x-demo-user': user },
      });
      console.log(`GET /api/auth/demo/${route} as ${user}: ${res.status}`);
      assert.equal(res.status, 404, `demo ${route} as ${user}: ${res.text}`);
      assert.equal(res.json?.backstageIdentity, undefined);
    }
  }
});

check(
  'every route of the Platform API refuses a request without credentials',
  async () => {
    const spec = yaml.parse(
      fs.readFileSync(
        path.join(root, 'plugins/platform-backend/src/schema/openapi.yaml'),
        'utf8',
      ),
    );
    const id = crypto.randomUUID();
    const refused = [];
    for (const [route, operations] of Object.entries(spec.paths)) {
      for (const method of Object.keys(operations)) {
        const url = `/api/platform${route.replace(/\{\w+\}/g, id)}`;
        const res = await call(method.toUpperCase(), url, {
          body: ['post', 'patch', 'put'].includes(method) ? {} : undefined,
        });
        assert.equal(res.status, 401, `${method.toUpperCase()} ${route}`);
        refused.push(`${method.toUpperCase()} ${route}`);
      }
    }
    assert.ok(refused.length > 0, 'routes in openapi.yaml');
    console.log(`${refused.length} routes answered 401 without credentials`);
    const authorize = await call('POST', '/api/permission/authorize', {
      body: { items: [] },
    });
    assert.equal(authorize.status, 401, 'POST /api/permission/authorize');
  },
);

check(
  'the catalog holds the adopter organisation, not the demo organisation',
  async () => {
    // The catalog ingests the organisation's entities one by one.
    await eventually('the adopter organisation in the catalog', async () => {
      const names = (await entities('kind=user')).map(e => e.metadata.name);
      assert.ok(names.includes('prod-tester'), `users: ${names.join(', ')}`);
      const groups = (await entities('kind=group')).map(e => e.metadata.name);
      assert.ok(
        ['prod-test-alpha', 'prod-test-beta'].every(g => groups.includes(g)),
        `groups: ${groups.join(', ')}`,
      );
    });
    const groups = (await entities('kind=group')).map(e => e.metadata.name);
    const users = (await entities('kind=user')).map(e => e.metadata.name);
    console.log(`groups: ${groups.join(', ')}; users: ${users.join(', ')}`);
    assert.deepEqual(
      groups.filter(name => demoNames('Group').includes(name)),
      [],
      'groups of examples/org.yaml',
    );
    assert.deepEqual(
      users.filter(name => demoNames('User').includes(name)),
      [],
      'users of examples/org.yaml',
    );
    assert.deepEqual(groups.sort(), ['prod-test-alpha', 'prod-test-beta']);
    assert.deepEqual(users, ['prod-tester']);
  },
);

check(
  'groups, users and templates come only from the locations trusted with them',
  async () => {
    // Each stray file, once the catalog has processed it: its entity is in the
    // catalog, or the catalog logged why it refused it (a location whose
    // entities are refused never reaches the catalog API itself).
    const outcomes = await eventually('the stray locations processed', () =>
      Promise.all(
        Object.entries(strays).map(async ([kind, entity]) => {
          const target = path.join(runDir, strayFile(kind));
          const refusals = processingWarnings(`file:${target}`);
          const present = await entities(
            `kind=${kind},metadata.name=${entity.metadata.name}`,
          );
          assert.ok(
            present.length > 0 || refusals.length > 0,
            `${target} not processed yet`,
          );
          return { kind, present: present.length > 0, refusals };
        }),
      ),
    );
    for (const { kind, present, refusals } of outcomes) {
      console.log(
        `stray ${kind}: ${present ? 'in the catalog' : refusals.join('; ')}`,
      );
      if (kind === 'Component') {
        assert.ok(present, 'a Component from any location');
      } else {
        assert.ok(!present, `a ${kind} from a location not trusted with it`);
        assert.match(refusals.join('\n'), /is not of an allowed kind/);
      }
    }
  },
);

check(
  'templates from the template locations and the platform are in the catalog',
  async () => {
    const wanted = productionFile.catalog.locations.map(location => {
      const file = yaml.parse(
        fs.readFileSync(path.resolve(root, location.target), 'utf8'),
      );
      assert.equal(file.kind, 'Template', location.target);
      return file.metadata.name;
    });
    // The platform's own entity provider publishes every offering as a
    // template, on its first run a few seconds after the start.
    const offerings = await call('GET', '/api/platform/offerings', {
      token: serviceToken,
    });
    assert.equal(offerings.status, 200, offerings.text);
    wanted.push(...offerings.json.items.map(o => `platform-${o.id}`));
    const templates = await eventually('every template', async () => {
      const names = (await entities('kind=template')).map(e => e.metadata.name);
      const missing = wanted.filter(name => !names.includes(name));
      assert.deepEqual(missing, [], 'templates not in the catalog');
      return names;
    });
    console.log(`templates: ${templates.sort().join(', ')}`);
  },
);

check('the permission policy decides for users', async () => {
  const tester = await signIn('user:default/prod-tester', [
    'user:default/prod-tester',
    'group:default/prod-test-alpha',
  ]);
  const dryRun = async team => {
    const res = await call('POST', '/api/platform/resources?dryRun=true', {
      token: tester,
      body: {
        offering: 'postgresql-database',
        name: 'prod-test-db',
        team,
        environment: 'development',
        config: {},
      },
    });
    console.log(`dry run for ${team}: ${res.status} ${res.text}`);
    return res;
  };

  // The own team, once the organisation has loaded and it is a team.
  await eventually('a dry run for prod-test-alpha allowed', async () => {
    const own = await dryRun('prod-test-alpha');
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(own.json.errors, []);
    assert.deepEqual(own.json.violations, []);
    assert.equal(own.json.allowed, true);
  });

  // Another team: refused before anything of it is looked up.
  const other = await dryRun('prod-test-beta');
  assert.equal(other.status, 403, other.text);
  assert.match(
    other.json?.error?.message ?? '',
    /user:default\/prod-tester may not act for team prod-test-beta/,
  );
});

check('notifications answer a signed-in user', async () => {
  // Not prod-tester: each sign-in records its user once.
  const reader = await signIn('user:default/prod-test-reader', [
    'user:default/prod-test-reader',
  ]);
  const status = await call('GET', '/api/notifications/status', {
    token: reader,
  });
  console.log(`GET /api/notifications/status: ${status.status} ${status.text}`);
  assert.equal(status.status, 200, status.text);
  assert.equal(status.json.unread, 0);
  const refused = await call('GET', '/api/notifications/status');
  assert.equal(refused.status, 401, 'without credentials');
});

// Last: it uses up the client's allowance of the Platform API.
check(
  'the rate limiter of the production config guards the Platform API',
  async () => {
    const limit =
      productionFile.backend.rateLimit.plugin.platform.incomingRequestLimit;
    assert.equal(productionFile.backend.rateLimit.global, false);
    const statuses = [];
    for (let i = 0; i <= limit; i++) {
      statuses.push((await call('GET', '/api/platform/offerings')).status);
    }
    const limited = statuses.indexOf(429);
    console.log(
      `${statuses.length} requests: the first 429 was request ${limited + 1}`,
    );
    // Earlier checks used some of this minute's allowance.
    assert.ok(limited > 0, `a 429 within ${limit + 1} requests`);
    assert.ok(statuses.slice(0, limited).every(status => status === 401));
    assert.ok(statuses.slice(limited).every(status => status === 429));
    // Other plugins are not limited by the platform's allowance.
    const catalog = await call('GET', '/api/catalog/entities?limit=1', {
      token: serviceToken,
    });
    assert.equal(catalog.status, 200, catalog.text);
  },
);
