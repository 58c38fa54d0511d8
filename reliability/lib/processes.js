// Child processes of the suite: each runs in its own process group, so it can
// be stopped or killed (with everything it spawned) by its id alone.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

/** Every group this process started: killed on exit if still alive. */
const started = new Set();

/** Spawns a command in a new process group, with output to `logFile`. */
function spawnGroup(command, args, { cwd, env, logFile }) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  started.add(child);
  return child;
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

function groupAlive(child) {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until no process of the child's group is left (with `yarn start`,
 * the backend is a grandchild that can outlive the child by a moment).
 */
async function groupGone(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(child) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  if (groupAlive(child)) signalGroup(child, 'SIGKILL');
  // Once the group is empty its id may be reused: never signal it again.
  else started.delete(child);
}

/** `kill -9` of the child's whole process group; resolves once it is gone. */
async function killGroup(child) {
  if (!exited(child)) {
    const gone = new Promise(resolve => child.once('exit', resolve));
    signalGroup(child, 'SIGKILL');
    await gone;
  }
  await groupGone(child, 5_000);
}

/** SIGTERM to the group, SIGKILL if it has not exited within `timeoutMs`. */
async function stopGroup(child, timeoutMs = 20_000) {
  if (!exited(child)) {
    const gone = new Promise(resolve => child.once('exit', resolve));
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
  }
  await groupGone(child, timeoutMs);
}

/** Kills every group this process started and that is still running. */
function killAllSync() {
  for (const child of started) {
    if (groupAlive(child)) signalGroup(child, 'SIGKILL');
  }
}

function portIsFree(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

const claimedPorts = new Set();

/** The first free localhost port from `base` on that this run has not used. */
async function freePort(base) {
  for (let port = base; port < base + 200; port++) {
    if (claimedPorts.has(port)) continue;
    if (await portIsFree(port)) {
      claimedPorts.add(port);
      return port;
    }
  }
  throw new Error(`No free port from ${base} to ${base + 199}`);
}

module.exports = {
  spawnGroup,
  killGroup,
  stopGroup,
  killAllSync,
  freePort,
  exited,
};
