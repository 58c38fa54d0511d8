import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import http from 'http';
import { AddressInfo } from 'net';
import { PlatformClient } from './PlatformClient';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A Platform API on localhost that records what it receives and answers as told. */
async function startApi(answer: (req: Received) => [number, unknown]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const request = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
      };
      received.push(request);
      const [status, json] = answer(request);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    baseUrl: `http://127.0.0.1:${port}/api/platform`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** Tokens that say whom they were issued for. */
const auth = {
  async getOwnServiceCredentials() {
    return { principal: { type: 'service', subject: 'plugin:catalog' } };
  },
  async getPluginRequestToken(options: {
    onBehalfOf: BackstageCredentials<{ type: string; subject?: string }>;
  }) {
    return { token: `token-for-${options.onBehalfOf.principal.type}` };
  },
} as unknown as AuthService;

describe('PlatformClient', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let client: PlatformClient;

  afterEach(() => api?.close());

  async function start(answer: (req: Received) => [number, unknown]) {
    api = await startApi(answer);
    const discovery = {
      getBaseUrl: async () => api.baseUrl,
    } as unknown as DiscoveryService;
    client = new PlatformClient({ discovery, auth });
  }

  it('creates a resource through the generated client, with channel and token', async () => {
    await start(() => [202, { id: 'r1', state: 'pending' }]);
    const request = {
      offering: 'web-application',
      name: 'shop',
      team: 'team-alpha',
      environment: 'development',
    };
    await expect(
      client.createResource(request, { channel: 'scaffolder' }),
    ).resolves.toEqual({ id: 'r1', state: 'pending' });
    const [sent] = api.received;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/api/platform/resources');
    expect(sent.headers['x-platform-channel']).toBe('scaffolder');
    expect(sent.headers.authorization).toBe('Bearer token-for-service');
    expect(JSON.parse(sent.body)).toEqual(request);
  });

  it('asks for a dry run and lists with the query as given', async () => {
    await start(req =>
      req.url.includes('dryRun')
        ? [200, { allowed: true, errors: [] }]
        : [200, { items: [] }],
    );
    await client.dryRunResource({
      offering: 'web-application',
      name: 'shop',
      team: 'team-alpha',
      environment: 'development',
    });
    await client.listResources({ team: 'team alpha', state: undefined });
    expect(api.received.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /api/platform/resources?dryRun=true',
      'GET /api/platform/resources?team=team+alpha',
    ]);
  });

  it('escapes ids in paths and unwraps lists', async () => {
    await start(() => [200, { items: [{ id: 'a1' }] }]);
    await expect(client.listResourceApprovals('r 1')).resolves.toEqual([
      { id: 'a1' },
    ]);
    expect(api.received[0].url).toBe('/api/platform/resources/r%201/approvals');
  });

  it('throws the response error of a refusal with its body', async () => {
    const refusal = {
      error: {
        name: 'InputError',
        message: 'Invalid request: name is required',
      },
      request: { method: 'GET', url: '/api/platform/resources/r1' },
      response: { statusCode: 400 },
      errors: [{ field: 'name', message: 'is required' }],
    };
    await start(() => [400, refusal]);
    const failure = await client.getResource('r1').catch(e => e);
    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.statusCode).toBe(400);
    expect(failure.body.errors).toEqual(refusal.errors);
  });
});
