// An AI assistant's view of the platform: a real MCP client over Streamable
// HTTP against the app's backend (Backstage's MCP server and the platform's
// actions), acting as the guest user, a member of team-alpha.
const { after, before } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
  StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { appBackend, sleep } = require('../reliability/lib/backend');
const postgres = require('../reliability/lib/postgres');
const { killAllSync } = require('../reliability/lib/processes');
const { checkedRun } = require('./checks');

const run = crypto.randomBytes(4).toString('hex');
const prefix = `idp_mcp_${run}_`;
const session = checkedRun('idp-mcp');
const runDir = session.dir;
const { check } = session;
const serviceToken = crypto.randomBytes(24).toString('base64url');
const TOOLS = [
  'list-offerings',
  'check-resource-request',
  'create-resource',
  'get-resource',
  'list-resources',
  'update-resource',
  'delete-resource',
  'retry-resource',
].map(name => `platform.${name}`);

let backend;
let client;
let guestToken;
/** Every text an action returned, to look for secrets in. */
const outputs = [];

before(() =>
  session.guarded(async () => {
    backend = await appBackend({
      name: 'mcp',
      basePort: 7160,
      runDir,
      extra: {
        backend: {
          database: postgres.backendDatabase(prefix),
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: serviceToken, subject: 'mcp-test' },
              },
            ],
          },
        },
        platform: {
          gitops: { repository: { path: path.join(runDir, 'gitops') } },
          postgres: { ...postgres.server },
          provisioning: { sweepIntervalSeconds: 1 },
        },
      },
    });
    await backend.start();
    guestToken = await backend.token({ group: 'team-alpha' });
    client = await connect(guestToken);
  }),
);

after(async () => {
  try {
    await client?.close();
    await backend?.stop();
  } finally {
    killAllSync();
    await postgres.dropStartingWith(prefix);
    // What the PostgreSQL provisioner created, should a check stop early.
    await postgres.dropStartingWith(`p_development_team_alpha_mcp_${run}`, {
      roles: true,
    });
    session.finish();
  }
});

async function connect(token) {
  const mcp = new Client({ name: 'idp-kit-e2e', version: '1.0.0' });
  await mcp.connect(
    new StreamableHTTPClientTransport(
      new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
      { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
    ),
  );
  return mcp;
}

/** Calls a tool; answers its structured output, or throws its error text. */
async function call(name, args) {
  const result = await client.callTool({
    name: `platform.${name}`,
    arguments: args,
  });
  const text = result.content.map(c => c.text ?? '').join('\n');
  outputs.push(text);
  if (result.isError) {
    const error = new Error(text);
    error.toolError = true;
    throw error;
  }
  return result.structuredContent ?? JSON.parse(text);
}

async function refused(name, args) {
  try {
    await call(name, args);
  } catch (error) {
    if (error.toolError) return error.message;
    throw error;
  }
  throw new Error(`${name} was not refused`);
}

async function rest(method, route, token, body) {
  const res = await fetch(`${backend.baseUrl}/api/platform${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json() };
}

async function untilState(id, states, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { resource } = await call('get-resource', { id });
    if (states.includes(resource.state)) return resource;
    if (Date.now() > deadline) {
      throw new Error(`${id} is ${resource.state} after ${timeoutMs} ms`);
    }
    await sleep(500);
  }
}

const name = suffix => `mcp-${run}-${suffix}`;

check(
  'lists the platform tools with their schemas and attributes',
  async () => {
    const { tools } = await client.listTools();
    const platform = tools.filter(t => t.name.startsWith('platform.'));
    assert.deepEqual(platform.map(t => t.name).sort(), [...TOOLS].sort());
    const byName = Object.fromEntries(platform.map(t => [t.name, t]));
    const create = byName['platform.create-resource'];
    assert.deepEqual(create.inputSchema.required.sort(), [
      'environment',
      'name',
      'offering',
      'team',
    ]);
    assert.match(create.inputSchema.properties.name.description, /DNS label/);
    assert.equal(
      byName['platform.delete-resource'].annotations.destructiveHint,
      true,
    );
    assert.equal(
      byName['platform.get-resource'].annotations.readOnlyHint,
      true,
    );
    assert.equal(
      byName['platform.list-offerings'].annotations.readOnlyHint,
      true,
    );
    console.log(
      `${platform.length} platform tools: ${platform
        .map(t => t.name)
        .join(', ')}`,
    );

    const { offerings, environments } = await call('list-offerings', {});
    assert.ok(environments.includes('production'));
    const database = offerings.find(o => o.id === 'postgresql-database');
    assert.ok(database.configSchema.properties.high_availability);
  },
);

check(
  'checks a request against the production rules and says why',
  async () => {
    const verdict = await call('check-resource-request', {
      offering: 'postgresql-database',
      name: name('prod-db'),
      team: 'team-alpha',
      environment: 'production',
      config: { high_availability: false, backup_retention_days: 1 },
    });
    assert.equal(verdict.allowed, false);
    const reasons = verdict.violations.map(v => v.reason).join('\n');
    console.log(`production verdict: ${reasons}`);
    assert.match(reasons, /high_availability/);
    assert.match(reasons, /backups for at least 7 days/);

    const invalid = await refused('create-resource', {
      offering: 'postgresql-database',
      name: 'Not A Name',
      team: 'team-alpha',
      environment: 'nowhere',
    });
    console.log(`invalid request: ${invalid}`);
    assert.match(invalid, /name must/);
    assert.match(invalid, /environment must be one of/);
  },
);

let databaseId;

check(
  'creates a database, polls it until ready, lists it, and never shows its secrets',
  async () => {
    const { resource } = await call('create-resource', {
      offering: 'postgresql-database',
      name: name('db'),
      team: 'team-alpha',
      environment: 'development',
      config: { size: 'small' },
    });
    assert.equal(resource.state, 'pending');
    assert.equal(resource.createdVia, 'mcp');
    databaseId = resource.id;
    const started = Date.now();
    const ready = await untilState(databaseId, ['ready', 'failed']);
    assert.equal(ready.state, 'ready', ready.error);
    console.log(`database ready in ${Date.now() - started} ms through MCP`);

    const detail = await call('get-resource', { id: databaseId });
    assert.ok(detail.recentEvents.length >= 3);
    assert.equal(
      detail.secretsUrl,
      `${backend.baseUrl}/platform/resources/${databaseId}`,
    );

    const { items } = await call('list-resources', { team: 'team-alpha' });
    assert.ok(items.some(r => r.id === databaseId));

    // The secrets exist, and appear in no action's output.
    const secret = await rest(
      'GET',
      `/resources/${databaseId}/secret`,
      guestToken,
    );
    assert.equal(secret.status, 200);
    const values = Object.values(secret.json.secrets).filter(
      v => String(v).length >= 8,
    );
    assert.ok(values.length > 0, 'the database has a password');
    for (const value of values) {
      assert.ok(
        !outputs.some(text => text.includes(value)),
        'a secret in an action output',
      );
    }
  },
);

check("is refused another team's resource", async () => {
  const beta = await rest('POST', '/resources', serviceToken, {
    offering: 'web-application',
    name: name('beta-app'),
    team: 'team-beta',
    environment: 'development',
  });
  assert.equal(beta.status, 202);
  const message = await refused('get-resource', { id: beta.json.id });
  assert.match(message, /may not read this resource/);
  assert.doesNotMatch(message, /team-beta/);
  const create = await refused('create-resource', {
    offering: 'web-application',
    name: name('intruder'),
    team: 'team-beta',
    environment: 'development',
  });
  assert.match(create, /may not act for team team-beta/);
  const { items } = await call('list-resources', {});
  assert.ok(!items.some(r => r.team === 'team-beta'));
});

check(
  'refuses to delete a resource with dependents, naming them, then deletes',
  async () => {
    const app = await call('create-resource', {
      offering: 'web-application',
      name: name('app'),
      team: 'team-alpha',
      environment: 'development',
    });
    const gateway = await call('create-resource', {
      offering: 'api-gateway',
      name: name('gw'),
      team: 'team-alpha',
      environment: 'development',
      config: { upstream: name('app') },
    });
    const message = await refused('delete-resource', { id: app.resource.id });
    assert.match(message, new RegExp(`api-gateway '${name('gw')}'`));

    await untilState(gateway.resource.id, ['ready', 'failed']);
    const deleting = await call('delete-resource', { id: gateway.resource.id });
    assert.equal(deleting.resource.state, 'deleting');
    await untilState(gateway.resource.id, ['deleted']);
    await untilState(app.resource.id, ['ready', 'failed']);
    const appDeleting = await call('delete-resource', { id: app.resource.id });
    assert.equal(appDeleting.resource.state, 'deleting');

    const db = await call('delete-resource', { id: databaseId });
    assert.equal(db.resource.state, 'deleting');
    await untilState(databaseId, ['deleted']);
  },
);

check('answers 401 without credentials', async () => {
  const res = await fetch(`${backend.baseUrl}/api/mcp-actions/v1`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
      params: {},
    }),
  });
  assert.equal(res.status, 401);
});
