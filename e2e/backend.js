// Starts the backend, serving the built app, and stops it again.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
const baseUrl = 'http://localhost:7007';

async function waitUntilReady(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The backend exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`The backend was not ready within ${timeoutMs} ms`);
}

async function startBackend({ logFile }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      yarn,
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../e2e/app-config.e2e.yaml',
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  try {
    await waitUntilReady(child, 120_000);
  } catch (error) {
    throw new Error(`${error.message}; see ${logFile}`);
  }
  return {
    baseUrl,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

module.exports = { startBackend };
