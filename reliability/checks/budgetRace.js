// 7. Budget race: two backend processes on one PostgreSQL database receive
// many concurrent creates of one team, each within the budget alone; the
// team's budget must hold exactly across both, as its quota does.
const { twoReplicas } = require('../lib/replicas');
const { tally } = require('../lib/report');

const PRICE = 10;
const ROOM = 10;

module.exports = async function budgetRace(report, ctx) {
  const requests = ctx.short ? 60 : 200;
  const { apis } = await twoReplicas(ctx, {
    names: ['budget-a', 'budget-b'],
    prefix: `${ctx.dbPrefix}b_`,
    platform: {
      // The quota leaves room; the budget is what must hold.
      quotas: { teams: { 'team-alpha': { 'web-application': requests } } },
      pricing: {
        offerings: {
          'web-application': {
            rules: [{ item: 'application', monthly: PRICE }],
          },
        },
      },
      budgets: { teams: { 'team-alpha': PRICE * ROOM } },
    },
  });

  const names = Array.from(
    { length: requests },
    (_, i) => `budget-${ctx.runId}-${i}`,
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
    `${requests} concurrent creates of ${PRICE} a month against a budget of ${
      PRICE * ROOM
    }, in ${Date.now() - started} ms across two processes: ${tally(
      answers.map(a => a.status || a.error),
    )}`,
  );

  const accepted = answers.filter(a => a.status === 202);
  const budgetRefusals = answers.filter(
    a =>
      a.status === 403 &&
      Array.isArray(a.body?.violations) &&
      a.body.violations.some(v => v.policy === 'budget'),
  );
  report.expect(
    `exactly ${ROOM} of ${requests} accepted (202)`,
    accepted.length === ROOM,
    `${accepted.length} accepted`,
  );
  report.expect(
    `the other ${requests - ROOM} refused with 403 naming the budget`,
    budgetRefusals.length === requests - ROOM,
    `${budgetRefusals.length} budget refusals; e.g. "${
      budgetRefusals[0]?.body.violations.find(v => v.policy === 'budget')
        ?.reason ?? ''
    }"`,
  );
  const spends = await Promise.all(
    apis.map(api => api.ok('get', '/spend?team=team-alpha')),
  );
  report.expect(
    `both replicas report a spend of ${PRICE * ROOM}, within the budget`,
    spends.every(s => s.monthly === PRICE * ROOM && s.budget === PRICE * ROOM),
    spends.map(s => `${s.monthly} of ${s.budget}`).join(', '),
  );
};
