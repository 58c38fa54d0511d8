// A small client of the Platform API, and helpers to run requests at once.

/**
 * The answer to one request: status (0 when no answer), headers, parsed body,
 * text.
 */
/** A response's text, and its JSON when it is JSON. */
async function readBody(res) {
  const text = await res.text();
  try {
    return { text, json: JSON.parse(text) };
  } catch {
    return { text, json: undefined };
  }
}

async function send(baseUrl, token, method, path, { body, rawBody } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  let payload;
  if (rawBody !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = rawBody;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  try {
    const res = await fetch(`${baseUrl}/api/platform${path}`, {
      method: method.toUpperCase(),
      headers,
      body: payload,
    });
    const { json, text } = await readBody(res);
    return { status: res.status, headers: res.headers, body: json, text };
  } catch (error) {
    return {
      status: 0,
      body: undefined,
      text: '',
      error: error.cause?.code ?? error.cause?.message ?? String(error),
    };
  }
}

class PlatformApi {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  send(method, path, options) {
    return send(this.baseUrl, this.token, method, path, options);
  }

  /** The body of a request that must succeed; throws otherwise. */
  async ok(method, path, body) {
    const res = await this.send(method, path, { body });
    if (res.status < 200 || res.status >= 300) {
      throw new Error(
        `${method.toUpperCase()} ${path} answered ${
          res.status || res.error
        }: ${res.text.slice(0, 300)}`,
      );
    }
    return res.body;
  }

  create(request) {
    return this.send('post', '/resources', { body: request });
  }

  get(id) {
    return this.ok('get', `/resources/${id}`);
  }

  async events(id) {
    return (await this.ok('get', `/resources/${id}/events`)).items;
  }

  /** Every resource matching `query`, following the cursor. */
  async list(query = {}) {
    const items = [];
    let cursor;
    do {
      const params = new URLSearchParams({ ...query, limit: '500' });
      if (cursor) params.set('cursor', cursor);
      const page = await this.ok('get', `/resources?${params}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

/** Runs `fn` over `items` with at most `concurrency` at once, in order. */
async function pool(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(concurrency, items.length) },
    async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index], index);
      }
    },
  );
  await Promise.all(workers);
  return results;
}

/** Polls `fn` until it returns a truthy value or the deadline passes. */
async function until(fn, { timeoutMs, intervalMs = 500 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

module.exports = { PlatformApi, send, pool, until, readBody };
