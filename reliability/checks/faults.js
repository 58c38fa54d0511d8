// 3. Provisioner faults: a dedicated backend (reliability/faultBackend.ts)
// with provisioners that throw, hang, or fail twice and then succeed
// (reliability/faultyProvisioners.ts). The engine must retry, time out and
// give up exactly as configured, and retry a failing deletion until it works.
const path = require('node:path');
const { faultBackend, root } = require('../lib/backend');
const { PlatformApi, until, pool } = require('../lib/api');
const { tally } = require('../lib/report');

const MAX_ATTEMPTS = 3;
const TIMEOUT_SECONDS = 2;
const GRACE_SECONDS = 1;
/** What the engine records of an aborted attempt that does not stop. */
const notStopped = `has not stopped after ${GRACE_SECONDS} s; the next attempt waits until it has`;

function offering(id, description) {
  return {
    id,
    name: id,
    description,
    type: 'test',
    ownerTeam: 'platform-team',
    tier: 'standard',
    dependencies: [],
    configurations: [],
  };
}

/** Timeline events of the faulty provisioners' calls of one operation. */
const callsOf = (events, operation) =>
  events.filter(e => e.message.startsWith(`fault suite: ${operation} call `))
    .length;

module.exports = async function faults(report, ctx) {
  const perKind = ctx.short ? 3 : 10;
  const backend = await faultBackend({
    name: 'faults',
    basePort: 7105,
    runDir: ctx.runDir,
    config: {
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      auth: {
        providers: { guest: { userEntityRef: 'user:default/guest' } },
      },
      permission: { enabled: false },
      catalog: {
        rules: [
          { allow: ['Location', 'User', 'Group', 'System', 'Component'] },
        ],
        locations: [
          {
            type: 'file',
            target: path.join(root, 'examples/org.yaml'),
            rules: [{ allow: ['User', 'Group', 'System', 'Component'] }],
          },
        ],
      },
      platform: {
        secrets: { encryptionKey: `fault-suite-${ctx.runId}` },
        offerings: [
          offering('broken-thing', 'Its provisioner always throws'),
          offering('hanging-thing', 'Its provisioner never returns'),
          offering('flaky-thing', 'Its provisioner fails twice, then works'),
        ],
        provisioning: {
          concurrency: 8,
          maxAttempts: MAX_ATTEMPTS,
          attemptTimeoutSeconds: TIMEOUT_SECONDS,
          abortGraceSeconds: GRACE_SECONDS,
          leaseSeconds: 5,
          sweepIntervalSeconds: 0.5,
          backoffInitialSeconds: 0.5,
          backoffMaxSeconds: 2,
        },
      },
    },
  });
  ctx.stopAtEnd([backend]);
  await backend.start();
  report.note(
    `fault backend ready at ${backend.baseUrl} in ${(
      backend.lastStartMs / 1000
    ).toFixed(
      1,
    )} s: maxAttempts ${MAX_ATTEMPTS}, attemptTimeoutSeconds ${TIMEOUT_SECONDS}`,
  );
  const api = new PlatformApi(backend.baseUrl, await backend.token());

  const kinds = ['broken-thing', 'hanging-thing', 'flaky-thing'];
  const requests = kinds.flatMap(kind =>
    Array.from({ length: perKind }, (_, i) => ({
      offering: kind,
      name: `${kind}-${i}`,
      team: 'team-alpha',
      environment: 'development',
      config: {},
    })),
  );
  const answers = await pool(requests, 8, r => api.create(r));
  report.expect(
    `${requests.length} creates accepted (${perKind} per faulty offering)`,
    answers.every(a => a.status === 202),
    tally(answers.map(a => a.status || a.error)),
  );
  const ids = answers.filter(a => a.status === 202).map(a => a.body.id);

  const settleMs = ctx.short ? 60_000 : 120_000;
  const started = Date.now();
  let resources = [];
  // Settled: ready or failed, or (a provisioner that ignores its abort
  // signal) held after its first attempt, waiting for it to stop.
  await until(
    async () => {
      resources = await Promise.all(ids.map(id => api.get(id)));
      const held = await Promise.all(
        resources
          .filter(r => r.state === 'provisioning')
          .map(async r =>
            (await api.events(r.id)).some(e => e.message.includes(notStopped)),
          ),
      );
      return (
        held.every(Boolean) &&
        resources.every(r =>
          ['ready', 'failed', 'provisioning'].includes(r.state),
        )
      );
    },
    { timeoutMs: settleMs, intervalMs: 500 },
  );
  report.note(
    `settled in ${((Date.now() - started) / 1000).toFixed(1)} s: ${tally(
      resources.map(r => `${r.offering} ${r.state}`),
    )}`,
  );
  const timelines = new Map(
    await Promise.all(resources.map(async r => [r.id, await api.events(r.id)])),
  );
  const ofKind = kind => resources.filter(r => r.offering === kind);

  // Throws: failed after maxAttempts, with the provisioner's own error.
  const broken = ofKind('broken-thing');
  const badBroken = broken.filter(r => {
    const events = timelines.get(r.id);
    return !(
      r.state === 'failed' &&
      r.error ===
        `broken-thing exploded on call ${MAX_ATTEMPTS} for ${r.name}` &&
      callsOf(events, 'provision') === MAX_ATTEMPTS &&
      events.filter(e => e.type === 'attempt-failed').length ===
        MAX_ATTEMPTS - 1 &&
      events.some(e => e.type === 'failed' && e.message.includes(r.error))
    );
  });
  report.expect(
    `throws: failed after exactly ${MAX_ATTEMPTS} attempts, with the thrown error`,
    broken.length === perKind && badBroken.length === 0,
    badBroken.length
      ? describe(badBroken, timelines)
      : `e.g. "${broken[0]?.error}"`,
  );

  // Hangs, ignoring its abort signal: aborted at the time limit, and since it
  // does not stop, held (lease kept, no second attempt) rather than retried
  // beside itself.
  const hanging = ofKind('hanging-thing');
  const timeoutMessage = `The attempt timed out after ${TIMEOUT_SECONDS} s`;
  const badHanging = hanging.filter(r => {
    const events = timelines.get(r.id);
    return !(
      r.state === 'provisioning' &&
      callsOf(events, 'provision') === 1 &&
      !events.some(e => e.type === 'attempt-failed') &&
      events.some(
        e =>
          e.message.includes(timeoutMessage) && e.message.includes(notStopped),
      )
    );
  });
  report.expect(
    'hangs: aborted at the time limit, then held without a second attempt beside it',
    hanging.length === perKind && badHanging.length === 0,
    badHanging.length
      ? describe(badHanging, timelines)
      : `"Attempt 1 was aborted (${timeoutMessage}) and ${notStopped}"`,
  );

  // Fails twice, then works: ready, with two attempt-failed events.
  const flaky = ofKind('flaky-thing');
  const badFlaky = flaky.filter(r => {
    const events = timelines.get(r.id);
    return !(
      r.state === 'ready' &&
      !r.error &&
      r.outputs?.call === 3 &&
      callsOf(events, 'provision') === 3 &&
      events.filter(e => e.type === 'attempt-failed').length === 2 &&
      events.some(
        e => e.type === 'provisioned' && e.message === 'Ready (attempt 3)',
      )
    );
  });
  report.expect(
    'fails twice then succeeds: ready, with two attempt-failed events',
    flaky.length === perKind && badFlaky.length === 0,
    badFlaky.length ? describe(badFlaky, timelines) : undefined,
  );
  if (flaky[0]) {
    const secret = await api.send('get', `/resources/${flaky[0].id}/secret`);
    report.expect(
      'the secrets of the third attempt are stored',
      secret.status === 200 &&
        secret.body?.secrets?.token === `secret-${flaky[0].id}`,
      secret.status === 200 ? undefined : `status ${secret.status}`,
    );
  }

  // A deprovision that fails twice is retried until the resource is deleted.
  const deleting = flaky.filter(r => r.state === 'ready');
  const deletes = await pool(deleting, 8, r =>
    api.send('delete', `/resources/${r.id}`),
  );
  report.expect(
    'deletes of the ready flaky-things accepted (202)',
    deletes.length === perKind && deletes.every(d => d.status === 202),
    tally(deletes.map(d => d.status || d.error)),
  );
  let errorSeenWhileDeleting = false;
  let afterDelete = [];
  await until(
    async () => {
      afterDelete = await Promise.all(deleting.map(r => api.get(r.id)));
      errorSeenWhileDeleting ||= afterDelete.some(
        r =>
          r.state === 'deleting' && /deprovision failure/.test(r.error ?? ''),
      );
      return afterDelete.every(r => r.state === 'deleted');
    },
    { timeoutMs: settleMs, intervalMs: 150 },
  );
  const deleteTimelines = await Promise.all(
    afterDelete.map(r => api.events(r.id)),
  );
  const badDelete = afterDelete.filter((r, i) => {
    const events = deleteTimelines[i];
    return !(
      r.state === 'deleted' &&
      callsOf(events, 'deprovision') === 3 &&
      events.filter(e => e.type === 'attempt-failed' && e.state === 'deleting')
        .length === 2
    );
  });
  report.expect(
    'a deprovision that fails twice is retried until deleted',
    afterDelete.length === perKind && badDelete.length === 0,
    badDelete.length
      ? describe(
          badDelete,
          new Map(afterDelete.map((r, i) => [r.id, deleteTimelines[i]])),
        )
      : `${tally(afterDelete.map(r => r.state))}, 3 deprovision calls each`,
  );
  report.note(
    errorSeenWhileDeleting
      ? 'the deprovision error was visible on the resource while it was retried'
      : 'the deprovision error was not caught on the resource between retries (polled every 150 ms)',
  );
  const again = await api.create({
    offering: 'flaky-thing',
    name: 'flaky-thing-0',
    team: 'team-alpha',
    environment: 'development',
    config: {},
  });
  report.expect(
    "a deleted resource's name can be used again",
    again.status === 202,
    again.status === 202
      ? undefined
      : `${again.status}: ${again.text.slice(0, 200)}`,
  );

  const health = await fetch(
    `${backend.baseUrl}/.backstage/health/v1/readiness`,
  );
  report.expect(
    'the backend stayed healthy throughout',
    health.ok && backend.running && backend.starts === 1,
  );
};

function describe(resources, timelines) {
  const r = resources[0];
  return `${resources.length} not as expected; e.g. ${r.name}: state ${
    r.state
  }, error "${r.error}", events ${JSON.stringify(
    (timelines.get(r.id) ?? []).map(e => `${e.type}: ${e.message}`),
  )}`;
}
