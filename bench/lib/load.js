// autocannon, in this process, with the figures the report needs.
const autocannon = require('autocannon');

/**
 * Runs autocannon and resolves with req/s, latency percentiles (ms), status
 * counts and errors.
 *
 * @param {object} options
 * @param {string} options.url               full URL of the route
 * @param {object} options.headers
 * @param {number} options.durationSec
 * @param {number} [options.connections]     default 10
 * @param {number} [options.overallRate]     fixed request rate, req/s
 * @param {string} [options.method]
 * @param {(i: number) => object} [options.body]  JSON body of the i-th request
 * @param {(status: number, body: string, sentAt: number) => void} [options.onResponse]
 */
function load(options) {
  let counter = 0;
  const request = {
    method: options.method ?? 'GET',
    headers: {
      ...options.headers,
      ...(options.body ? { 'content-type': 'application/json' } : {}),
    },
  };
  if (options.body || options.onResponse) {
    request.setupRequest = (req, context) => {
      context.sentAt = Date.now();
      if (!options.body) return req;
      return { ...req, body: JSON.stringify(options.body(counter++)) };
    };
    request.onResponse = (status, body, context) => {
      options.onResponse?.(status, body, context.sentAt);
    };
  }
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections ?? 10,
        duration: options.durationSec,
        overallRate: options.overallRate,
        requests: [request],
        timeout: 30,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const statuses = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [
            code,
            s.count,
          ]),
        );
        const total = Object.values(statuses).reduce((a, b) => a + b, 0);
        resolve({
          requests: total,
          rps: total / result.duration,
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
          mean: result.latency.average,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statuses,
          durationSec: result.duration,
        });
      },
    );
  });
}

module.exports = { load };
