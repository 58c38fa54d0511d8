import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ResourceState,
  liveResourceStates,
} from '@idp-kit/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { OutageMonitor } from '../availability/OutageMonitor';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { PolicyEngine } from '../policies/PolicyEngine';
import { ResourceService } from '../resources/ResourceService';
import { ApprovalService } from '../approvals/ApprovalService';
import { audited } from './audited';
import { createApprovalsRouter } from './createApprovalsRouter';
import { createLifetimesAndCostsRouter } from './createLifetimesAndCostsRouter';
import { checkBodyDepth } from './bodyDepth';
import { createFeedbackRouter } from './createFeedbackRouter';
import { createHealthRouter } from './createHealthRouter';
import { handleRequestErrors } from './handleRequestErrors';
import { handleUnavailable } from './handleUnavailable';
import { requesterOf } from './requester';
import {
  entityRefQuery,
  eventCursor,
  parseLimit,
  queryString,
  resourceId,
  teamQuery,
} from './requestInput';

export interface RouterOptions
  extends Omit<
      Parameters<typeof createFeedbackRouter>[0],
      'httpAuth' | 'resources'
    >,
    Omit<
      Parameters<typeof createLifetimesAndCostsRouter>[0],
      'httpAuth' | 'auditor' | 'authorizer'
    > {
  db: Knex;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  offerings: OfferingRegistry;
  policies: PolicyEngine;
  resources: ResourceService;
  approvals: ApprovalService;
  outages: OutageMonitor;
}

/** Request bodies are small JSON documents; anything bigger is refused. */
const MAX_BODY = '64kb';

const STATES: ResourceState[] = [...liveResourceStates, 'deleted'];

/** A timeline's page: enough for a resource's whole life as a rule. */
const DEFAULT_EVENTS_LIMIT = 100;
const DEFAULT_DEPENDENTS_LIMIT = 50;

function describeBody(body: unknown) {
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const text = (key: string) =>
    typeof fields[key] === 'string'
      ? (fields[key] as string).slice(0, 255)
      : null;
  return {
    offering: text('offering'),
    name: text('name'),
    team: text('team'),
    environment: text('environment'),
  };
}

/** The Platform API's routes, mounted under `/api/platform`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, offerings, policies, resources } = options;
  const router = Router();
  router.use(express.json({ limit: MAX_BODY }));
  router.use((req, _res, next) => {
    checkBodyDepth(req.body);
    next();
  });
  router.use(createHealthRouter(options));
  router.use(createFeedbackRouter(options));
  router.use(createApprovalsRouter(options));
  router.use(createLifetimesAndCostsRouter(options));

  router.get('/offerings', async (req, res) => {
    res.json({
      items: offerings
        .list({
          type: queryString(req, 'type'),
          tier: queryString(req, 'tier'),
        })
        .map(offering => offerings.describe(offering)),
    });
  });

  router.get('/offerings/:id', async (req, res) => {
    res.json(offerings.describe(offerings.get(req.params.id)));
  });

  router.post('/resources', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    if (queryString(req, 'dryRun') === 'true') {
      res.json(await resources.dryRun(req.body, requester));
      return;
    }
    const resource = await audited(
      auditor,
      {
        eventId: 'resource-create',
        request: req,
        severityLevel: 'medium',
        meta: { requester: requester.ref, ...describeBody(req.body) },
        describe: created => ({ resourceId: created.id, state: created.state }),
      },
      () => resources.create(req.body, requester),
    );
    res.status(202).json(resource);
  });

  router.get('/resources', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const state = queryString(req, 'state');
    if (state !== undefined && !STATES.includes(state as ResourceState)) {
      throw new InputError(
        `Query parameter 'state' must be one of: ${STATES.join(', ')}`,
      );
    }
    res.json(
      await resources.list(
        {
          team: teamQuery(req),
          environment: queryString(req, 'environment'),
          offering: queryString(req, 'offering'),
          component: entityRefQuery(req, 'component'),
          system: entityRefQuery(req, 'system'),
          state: state as ResourceState | undefined,
          limit: parseLimit(queryString(req, 'limit')),
          cursor: queryString(req, 'cursor'),
        },
        requester,
      ),
    );
  });

  router.get('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json(await resources.get(resourceId(req), requester));
  });

  router.get('/resources/:id/events', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json(
      await resources.events(resourceId(req), requester, {
        limit: parseLimit(queryString(req, 'limit')) ?? DEFAULT_EVENTS_LIMIT,
        before: eventCursor(req),
      }),
    );
  });

  router.get('/resources/:id/dependents', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json({
      items: await resources.dependents(resourceId(req), requester, {
        limit:
          parseLimit(queryString(req, 'limit')) ?? DEFAULT_DEPENDENTS_LIMIT,
      }),
    });
  });

  router.get('/resources/:id/secret', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const id = resourceId(req);
    const secrets = await audited(
      auditor,
      {
        eventId: 'resource-secret-read',
        request: req,
        severityLevel: 'high',
        meta: { requester: requester.ref, resourceId: id },
      },
      () => resources.secret(id, requester),
    );
    res.json({ secrets });
  });

  router.patch('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const id = resourceId(req);
    if (queryString(req, 'dryRun') === 'true') {
      res.json(
        await resources.update(id, req.body, requester, { dryRun: true }),
      );
      return;
    }
    const updated = await audited(
      auditor,
      {
        eventId: 'resource-update',
        request: req,
        severityLevel: 'medium',
        meta: { requester: requester.ref, resourceId: id },
      },
      () => resources.update(id, req.body, requester),
    );
    res.status(202).json(updated);
  });

  router.delete('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const id = resourceId(req);
    const deleting = await audited(
      auditor,
      {
        eventId: 'resource-delete',
        request: req,
        severityLevel: 'medium',
        meta: { requester: requester.ref, resourceId: id },
        describe: r => ({ team: r.team, name: r.name }),
      },
      () => resources.delete(id, requester),
    );
    res.status(202).json(deleting);
  });

  router.post('/resources/:id/retry', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const id = resourceId(req);
    const retried = await audited(
      auditor,
      {
        eventId: 'resource-retry',
        request: req,
        severityLevel: 'medium',
        meta: { requester: requester.ref, resourceId: id },
      },
      () => resources.retry(id, requester),
    );
    res.status(202).json(retried);
  });

  router.get('/policies', async (_req, res) => {
    res.json({ items: policies.describe() });
  });

  router.get('/quotas', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const team = teamQuery(req);
    if (!team) {
      throw new InputError(`Query parameter 'team' is required`);
    }
    res.json({ items: await resources.quotas(team, requester) });
  });

  // Unknown paths get the standard JSON error body too.
  router.use((req, _res, next) => {
    next(new NotFoundError(`No route ${req.method} ${req.path.slice(0, 100)}`));
  });
  router.use(handleUnavailable(options.outages));
  router.use(handleRequestErrors);
  return router;
}
