// CPU time a process has used, from /proc (Linux): what a request costs the
// backend in all, its background work (engine, catalog) included.
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { sleep } = require('./util');

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(
        execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
      );
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU milliseconds (user and system) the process has used so far, or undefined off Linux. */
function cpuMs(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The fields after the command, which may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

/**
 * Waits until the process is about as busy as it was at rest (`restShare`,
 * the share of a core it used at rest), checked over `windowMs`, or `maxMs`
 * has passed; resolves when it settled.
 */
async function untilSettled(
  pid,
  { restShare, windowMs = 1000, maxMs = 60_000 },
) {
  const deadline = Date.now() + maxMs;
  let before = cpuMs(pid);
  while (Date.now() < deadline) {
    await sleep(windowMs);
    const now = cpuMs(pid);
    if (now === undefined || before === undefined) return Date.now();
    if ((now - before) / windowMs <= restShare + 0.05) return Date.now();
    before = now;
  }
  return Date.now();
}

/**
 * The share of a core the process uses at rest: one-second windows until two
 * in a row agree (earlier work, such as the catalog's processing of a
 * warm-up's entities, may still be finishing), at most `maxMs`.
 */
async function restShareOf(pid, maxMs = 60_000) {
  const deadline = Date.now() + maxMs;
  let previous;
  for (;;) {
    const start = cpuMs(pid);
    await sleep(1000);
    const share = (cpuMs(pid) - start) / 1000;
    if (
      (previous !== undefined && Math.abs(share - previous) < 0.03) ||
      Date.now() > deadline
    ) {
      return Math.min(share, previous ?? share);
    }
    previous = share;
  }
}

/**
 * Runs `load` and measures the backend's CPU time until all the work it
 * started has been done: from the start of the load until the process is
 * back at rest. The time at rest is measured before and subtracted.
 */
async function measureCost(pid, load) {
  if (cpuMs(pid) === undefined) return { result: await load() };
  const restShare = await restShareOf(pid);
  const start = cpuMs(pid);
  const startedAt = Date.now();
  const result = await load();
  const loadEnd = Date.now();
  const settledAt = await untilSettled(pid, { restShare });
  const used = cpuMs(pid) - start - restShare * (settledAt - startedAt);
  const requests = result.requests || 1;
  return {
    result,
    cost: {
      cpuMsPerRequest: used / requests,
      restShare,
      settleMs: Math.max(0, settledAt - loadEnd - 1000),
    },
  };
}

module.exports = { measureCost };
