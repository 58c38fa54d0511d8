// 1. Quota race: two backend processes on one PostgreSQL database receive
// many concurrent creates of one team and offering; the quota must hold
// exactly across both.
const { until } = require('../lib/api');
const { twoReplicas } = require('../lib/replicas');
const { tally } = require('../lib/report');

const QUOTA = 10;

module.exports = async function quotaRace(report, ctx) {
  const requests = ctx.short ? 60 : 200;
  const prefix = `${ctx.dbPrefix}q_`;
  const { backends, apis } = await twoReplicas(ctx, {
    names: ['race-a', 'race-b'],
    prefix,
    platform: {
      quotas: { teams: { 'team-alpha': { 'web-application': QUOTA } } },
      provisioning: { sweepIntervalSeconds: 1 },
    },
  });
  report.note(
    `two backends on one PostgreSQL (${prefix}*): ${backends
      .map(b => `${b.baseUrl} ready in ${(b.lastStartMs / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );

  // Warm both up (connection pools, catalog lookups) so neither has a head
  // start when the creates arrive.
  for (const api of apis) {
    for (let i = 0; i < 3; i++) {
      await api.ok('post', '/resources?dryRun=true', {
        offering: 'web-application',
        name: `warm-up-${i}`,
        team: 'team-alpha',
        environment: 'development',
        config: { replicas: 1 },
      });
    }
  }

  const names = Array.from(
    { length: requests },
    (_, i) => `race-${ctx.runId}-${i}`,
  );
  const started = Date.now();
  const answers = await Promise.all(
    names.map((name, i) =>
      apis[i % 2].create({
        offering: 'web-application',
        name,
        team: 'team-alpha',
        environment: 'development',
        config: { replicas: 1 },
      }),
    ),
  );
  report.note(
    `${requests} concurrent creates in ${
      Date.now() - started
    } ms, alternating between the two processes: ${tally(
      answers.map(a => a.status || a.error),
    )}`,
  );

  const accepted = answers.filter(a => a.status === 202);
  const refused = answers.filter(a => a.status === 403);
  const quotaRefusals = refused.filter(
    a =>
      Array.isArray(a.body?.violations) &&
      a.body.violations.some(
        v =>
          v.policy === 'quota' &&
          typeof v.reason === 'string' &&
          v.reason.length > 0,
      ),
  );
  const serverErrors = answers.filter(a => a.status >= 500);
  const other = answers.filter(
    a => a.status !== 202 && a.status !== 403 && !(a.status >= 500),
  );

  report.expect(
    `exactly ${QUOTA} of ${requests} accepted (202)`,
    accepted.length === QUOTA,
    `${accepted.length} accepted: ${
      answers.filter((a, i) => a.status === 202 && i % 2 === 0).length
    } by race-a, ${
      answers.filter((a, i) => a.status === 202 && i % 2 === 1).length
    } by race-b`,
  );
  // The policy refuses what it sees is over the quota ("has used N of M");
  // requests that pass it concurrently are refused by the store's atomic
  // count ("has reached its quota").
  const reasons = quotaRefusals.map(
    a => a.body.violations.find(v => v.policy === 'quota').reason,
  );
  report.note(
    `refused by the policy's pre-check: ${
      reasons.filter(r => /has used/.test(r)).length
    }, by the store's atomic count: ${
      reasons.filter(r => /has reached its quota/.test(r)).length
    }`,
  );
  report.expect(
    `the other ${requests - QUOTA} refused with 403 and a quota violation`,
    refused.length === requests - QUOTA &&
      quotaRefusals.length === refused.length,
    `${refused.length} 403, ${quotaRefusals.length} naming the quota; e.g. "${
      quotaRefusals[0]?.body.violations.find(v => v.policy === 'quota')
        ?.reason ?? ''
    }"`,
  );
  report.expect(
    'no 5xx and no other answer',
    serverErrors.length === 0 && other.length === 0,
    serverErrors.length + other.length > 0
      ? `${tally(
          [...serverErrors, ...other].map(a => a.status || a.error),
        )}; first: ${[...serverErrors, ...other][0].text.slice(0, 300)}`
      : undefined,
  );

  // What both replicas now see.
  const live = await apis[1].list({
    team: 'team-alpha',
    offering: 'web-application',
  });
  const ours = live.filter(r => r.name.startsWith(`race-${ctx.runId}-`));
  report.expect(
    `the store holds exactly the ${QUOTA} accepted resources`,
    ours.length === QUOTA &&
      accepted.every(a => ours.some(r => r.id === a.body.id)),
    `${ours.length} live`,
  );
  for (const [i, api] of apis.entries()) {
    const quotas = await api.ok('get', '/quotas?team=team-alpha');
    const web = quotas.items.find(q => q.offering === 'web-application');
    report.expect(
      `${backends[i].name} reports ${QUOTA} of ${QUOTA} used`,
      web?.used === QUOTA && web?.limit === QUOTA,
      `used ${web?.used}, limit ${web?.limit}`,
    );
  }

  // The accepted resources are provisioned once each, by one replica or the other.
  const settled = await until(
    async () => {
      const all = await Promise.all(accepted.map(a => apis[0].get(a.body.id)));
      return all.every(r => r.state === 'ready' || r.state === 'failed')
        ? all
        : undefined;
    },
    { timeoutMs: 60_000 },
  );
  report.expect(
    'every accepted resource becomes ready',
    settled && settled.every(r => r.state === 'ready'),
    settled ? tally(settled.map(r => r.state)) : 'not settled within 60 s',
  );
  if (settled) {
    const events = await Promise.all(settled.map(r => apis[0].events(r.id)));
    const twice = events.filter(
      list => list.filter(e => e.type === 'provisioned').length !== 1,
    );
    report.expect(
      'each was provisioned exactly once',
      twice.length === 0,
      twice.length ? `${twice.length} with ≠ 1 provisioned event` : undefined,
    );
  }
};
