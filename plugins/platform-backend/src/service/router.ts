import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ResourceState,
  liveResourceStates,
} from '@internal/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { PolicyEngine } from '../policies/PolicyEngine';
import { ResourceService } from '../resources/ResourceService';
import { ResourceStore } from '../resources/ResourceStore';
import { createHealthRouter } from './createHealthRouter';
import { handleRequestErrors } from './handleRequestErrors';
import { requesterOf } from './requester';

export interface RouterOptions {
  db: Knex;
  httpAuth: HttpAuthService;
  offerings: OfferingRegistry;
  policies: PolicyEngine;
  resources: ResourceService;
  store: ResourceStore;
}

const STATES: ResourceState[] = [...liveResourceStates, 'deleted'];

function queryString(req: express.Request, key: string): string | undefined {
  const value = req.query[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Query parameter '${key}' must be given once`);
  }
  return value;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError(
      `Query parameter 'limit' must be an integer from 1 to 500`,
    );
  }
  return limit;
}

/** The Platform API's routes, mounted under `/api/platform`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, offerings, policies, resources, store } = options;
  const router = Router();
  router.use(express.json());
  router.use(createHealthRouter(options));

  router.get('/offerings', async (req, res) => {
    res.json({
      items: offerings.list({
        type: queryString(req, 'type'),
        tier: queryString(req, 'tier'),
      }),
    });
  });

  router.get('/offerings/:id', async (req, res) => {
    res.json(offerings.get(req.params.id));
  });

  router.post('/resources', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    if (queryString(req, 'dryRun') === 'true') {
      res.json(await resources.dryRun(req.body, requester));
      return;
    }
    res.status(202).json(await resources.create(req.body, requester));
  });

  router.get('/resources', async (req, res) => {
    await requesterOf(req, httpAuth);
    const state = queryString(req, 'state');
    if (state !== undefined && !STATES.includes(state as ResourceState)) {
      throw new InputError(
        `Query parameter 'state' must be one of: ${STATES.join(', ')}`,
      );
    }
    res.json(
      await store.list({
        team: queryString(req, 'team'),
        environment: queryString(req, 'environment'),
        offering: queryString(req, 'offering'),
        state: state as ResourceState | undefined,
        limit: parseLimit(queryString(req, 'limit')),
        cursor: queryString(req, 'cursor'),
      }),
    );
  });

  router.get('/resources/:id', async (req, res) => {
    await requesterOf(req, httpAuth);
    res.json(await store.get(req.params.id));
  });

  router.get('/resources/:id/events', async (req, res) => {
    await requesterOf(req, httpAuth);
    await store.get(req.params.id);
    res.json({ items: await store.listEvents(req.params.id) });
  });

  router.patch('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const dryRun = queryString(req, 'dryRun') === 'true';
    const result = await resources.update(req.params.id, req.body, requester, {
      dryRun,
    });
    res.status(dryRun ? 200 : 202).json(result);
  });

  router.delete('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.status(202).json(await resources.delete(req.params.id, requester));
  });

  router.post('/resources/:id/retry', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.status(202).json(await resources.retry(req.params.id, requester));
  });

  router.get('/policies', async (_req, res) => {
    res.json({ items: policies.describe() });
  });

  router.get('/quotas', async (req, res) => {
    const team = queryString(req, 'team');
    if (!team) {
      throw new InputError(`Query parameter 'team' is required`);
    }
    res.json({ items: await resources.quotas(team) });
  });

  router.use(handleRequestErrors);
  return router;
}
