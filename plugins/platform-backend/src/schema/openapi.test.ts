import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import yaml from 'yaml';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { platformPlugin } from '../plugin';
import { PolicyEngine } from '../policies/PolicyEngine';
import { createRouter } from '../service/router';

jest.setTimeout(60_000);

const spec = yaml.parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

/** Every operation of the spec as `METHOD /path/:param`. */
const specRoutes: string[] = Object.entries(
  spec.paths as Record<string, Record<string, unknown>>,
).flatMap(([route, operations]) =>
  Object.keys(operations).map(
    method => `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, ':$1')}`,
  ),
);

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

function routesOf(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method => `${method.toUpperCase()} ${layer.route!.path}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const router = await createRouter({
      db: {} as any,
      config: mockServices.rootConfig(),
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      offerings: OfferingRegistry.create({
        config: mockServices.rootConfig(),
        moduleOfferings: [],
      }),
      policies: new PolicyEngine([]),
      resources: {} as any,
      approvals: {} as any,
      store: {} as any,
      lifetimes: {} as any,
      lifetimeConfig: {} as any,
      costs: {} as any,
      health: {} as any,
      feedback: {} as any,
      metrics: {} as any,
      authorizer: {} as any,
      outages: {} as any,
    });
    // Beside its own routes, the validated router serves the spec itself.
    const served = routesOf(
      (router as unknown as { stack: Layer[] }).stack,
    ).filter(route => route !== 'GET /openapi.json');
    expect([...served].sort()).toEqual([...specRoutes].sort());
  });

  it('refuses every route without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        catalogServiceMock.factory(),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    for (const route of specRoutes) {
      const [method, routePath] = route.split(' ');
      const url = `/api/platform${routePath.replace(':id', 'some-id')}`;
      const res = await (request(server) as any)[method.toLowerCase()](url);
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });
});
