// Small helpers shared by the benchmarks: ports, statistics, formatting,
// child processes.
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The p-th percentile (0..100) of numbers, nearest rank; NaN when empty. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function summary(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : NaN,
    mean: values.length
      ? values.reduce((sum, v) => sum + v, 0) / values.length
      : NaN,
  };
}

/** A number for a table: `digits` decimals, or a dash when unknown. */
function fmt(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  return Number(value).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function ratio(a, b, digits = 2) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${fmt(a / b, digits)}×`;
}

/**
 * Runs a command to completion, in its own process group, and resolves with
 * its exit code, stdout and stderr. Rejects on a non-zero exit unless
 * `allowFailure`.
 */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    let timer;
    if (options.timeoutMs) {
      timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }, options.timeoutMs);
    }
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      const result = { code, stdout, stderr };
      if (code !== 0 && !options.allowFailure) {
        const error = new Error(
          `${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(
            -2000,
          )}`,
        );
        error.result = result;
        reject(error);
      } else {
        resolve(result);
      }
    });
  });
}

module.exports = {
  root,
  sleep,
  freePort,
  percentile,
  summary,
  fmt,
  ratio,
  run,
};
