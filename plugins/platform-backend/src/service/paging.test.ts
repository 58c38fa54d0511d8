import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { TABLES } from '../database/tables';
import {
  createStorefront,
  startPlatformTestBackend,
} from '../__testUtils__/platformTestBackend';

jest.setTimeout(60_000);

const guest = mockCredentials.user.header('user:default/guest');

type Item = { id: string | number; message?: string; name?: string };

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'list limits and paging, %p',
  (databaseId: TestDatabaseId) => {
    let server: Parameters<typeof request>[0];
    let knex: Knex;
    let resourceId: string;

    const get = (path: string) =>
      request(server).get(`/api/platform${path}`).set('Authorization', guest);

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      const backend = await startPlatformTestBackend({ knex });
      server = backend.server;
      resourceId = await createStorefront(server);
    });

    describe('GET /resources/:id/events', () => {
      beforeEach(async () => {
        // 250 events after the request's own: 251 in all.
        const start = Date.parse('2027-01-01T00:00:00.000Z');
        await knex.batchInsert(
          'platform_resource_events',
          Array.from({ length: 250 }, (_, i) => ({
            resource_id: resourceId,
            time: new Date(start + i * 1000).toISOString(),
            type: 'reconciled',
            state: 'ready',
            actor: 'platform',
            message: `event ${i + 1}`,
          })),
          50,
        );
      });

      it('answers the newest 100 events by default, oldest first', async () => {
        const res = await get(`/resources/${resourceId}/events`);
        expect(res.status).toBe(200);
        const messages = res.body.items.map((e: Item) => e.message);
        expect(messages).toHaveLength(100);
        expect(messages[0]).toBe('event 151');
        expect(messages[99]).toBe('event 250');
        expect(res.body.nextCursor).toBe(String(res.body.items[0].id));
      });

      it('pages back to the first event, each event once and in order', async () => {
        const pages: Item[][] = [];
        let cursor: string | undefined;
        do {
          const res = await get(
            `/resources/${resourceId}/events?limit=60${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
          expect(res.status).toBe(200);
          pages.unshift(res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(pages.map(page => page.length)).toEqual([11, 60, 60, 60, 60]);
        const messages = pages.flat().map(e => e.message);
        expect(messages).toEqual([
          'Requested through the api',
          ...Array.from({ length: 250 }, (_, i) => `event ${i + 1}`),
        ]);
      });

      it.each([
        ['limit=501', 'limit must be at most 500'],
        ['limit=0', 'limit must be at least 1'],
        [
          'cursor=abc',
          "Query parameter 'cursor' must be the nextCursor of an earlier page",
        ],
        [
          'cursor=99999999999999999999',
          "Query parameter 'cursor' must be the nextCursor of an earlier page",
        ],
      ])('refuses ?%s', async (query, message) => {
        const res = await get(`/resources/${resourceId}/events?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      });

      it('answers up to 500', async () => {
        const res = await get(`/resources/${resourceId}/events?limit=500`);
        expect(res.body.items).toHaveLength(251);
        expect(res.body.nextCursor).toBeUndefined();
      });
    });

    describe('GET /resources/:id/dependents', () => {
      it('answers at most `limit` dependents and refuses more than 500', async () => {
        for (const name of ['gw-1', 'gw-2', 'gw-3']) {
          await knex('platform_resources').insert({
            id: `00000000-0000-7000-8000-00000000000${name.slice(-1)}`,
            offering: 'api-gateway',
            name,
            team: 'team-alpha',
            environment: 'development',
            state: 'ready',
            config: '{}',
            outputs: '{}',
            depends_on: JSON.stringify([resourceId]),
            created_by: 'user:default/guest',
            created_via: 'api',
            created_at: '2027-01-01T00:00:00.000Z',
            updated_at: '2027-01-01T00:00:00.000Z',
            live_key: `team-alpha/development/${name}`,
          });
          await knex(TABLES.dependencies).insert({
            resource_id: `00000000-0000-7000-8000-00000000000${name.slice(-1)}`,
            depends_on_id: resourceId,
          });
        }
        const all = await get(`/resources/${resourceId}/dependents`);
        expect(all.body.items.map((r: Item) => r.name)).toEqual([
          'gw-1',
          'gw-2',
          'gw-3',
        ]);
        const two = await get(`/resources/${resourceId}/dependents?limit=2`);
        expect(two.body.items.map((r: Item) => r.name)).toEqual([
          'gw-1',
          'gw-2',
        ]);
        const tooMany = await get(
          `/resources/${resourceId}/dependents?limit=501`,
        );
        expect(tooMany.status).toBe(400);
        expect(tooMany.body.errors).toEqual([
          { field: 'limit', message: 'must be at most 500' },
        ]);
      });
    });

    describe('GET /tickets', () => {
      const ticketId = (n: number) =>
        `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

      beforeEach(async () => {
        await knex.batchInsert(
          'platform_support_tickets',
          Array.from({ length: 120 }, (_, i) => ({
            id: ticketId(i + 1),
            resource_id: resourceId,
            team: 'team-alpha',
            category: 'access',
            description: `ticket ${i + 1}`,
            created_by: 'user:default/guest',
            created_at: new Date(
              Date.parse('2027-01-01T00:00:00.000Z') + i * 1000,
            ).toISOString(),
            status: 'open',
          })),
          50,
        );
      });

      it('answers the newest 50 by default and pages through the rest', async () => {
        const first = await get('/tickets?team=team-alpha');
        expect(first.status).toBe(200);
        expect(first.body.items).toHaveLength(50);
        expect(first.body.items[0].id).toBe(ticketId(120));
        expect(first.body.nextCursor).toBe(ticketId(71));

        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const res = await get(
            `/tickets?team=team-alpha&limit=45${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
          seen.push(...res.body.items.map((t: Item) => t.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(
          Array.from({ length: 120 }, (_, i) => ticketId(120 - i)),
        );
      });

      it.each([
        ['limit=501', 'limit must be at most 500'],
        [
          'cursor=yesterday',
          "Query parameter 'cursor' must be the nextCursor of an earlier page",
        ],
      ])('refuses ?%s', async (query, message) => {
        const res = await get(`/tickets?team=team-alpha&${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      });
    });
  },
);
