import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { OutageMonitor } from '../availability/OutageMonitor';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { PolicyEngine } from '../policies/PolicyEngine';
import { ResourceService } from '../resources/ResourceService';
import { ApprovalService } from '../approvals/ApprovalService';
import { createOpenApiRouter } from '../schema/openapi';
import { audited } from './audited';
import { createApprovalsRouter } from './createApprovalsRouter';
import { createLifetimesAndCostsRouter } from './createLifetimesAndCostsRouter';
import { checkBodyDepth } from './bodyDepth';
import { createFeedbackRouter } from './createFeedbackRouter';
import { createHealthRouter } from './createHealthRouter';
import { handleRequestErrors } from './handleRequestErrors';
import { handleUnavailable } from './handleUnavailable';
import { limitRequests } from './limitRequests';
import { PrincipalRateLimiter } from './PrincipalRateLimiter';
import { requesterOf } from './requester';
import {
  entityRefQuery,
  eventCursor,
  resourceId,
  teamQuery,
} from './requestInput';
import { explainRefusals, refuseInfiniteNumbers } from './validationErrors';

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
  config: Config;
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

/**
 * The spec checks every part of every request: all problems at once, no
 * query parameter it does not name. Parameters come out typed (a limit is a
 * number) with the spec's defaults filled in; bodies stay as sent. Under
 * test, every response is checked too, so a route that drifts from the
 * spec fails its tests with a 500; users never pay for that check.
 */
const VALIDATOR_OPTIONS = {
  validateRequests: {
    allErrors: true,
    coerceTypes: false,
    allowUnknownQueryParameters: false,
  },
  validateResponses: process.env.NODE_ENV === 'test',
};

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
  // Callers over their limit are turned away before anything else is done.
  router.use(
    limitRequests(PrincipalRateLimiter.fromConfig(options.config), httpAuth),
  );
  // Bodies are bounded before anything walks them: size, then nesting.
  // Errors here skip the validated router below, keeping their own status.
  router.use(express.json({ limit: MAX_BODY }));
  router.use((req, _res, next) => {
    checkBodyDepth(req.body);
    next();
  });
  // Its own JSON parser finds the body parsed already and leaves it.
  const api = await createOpenApiRouter({
    validatorOptions: VALIDATOR_OPTIONS,
  });
  api.use(explainRefusals, refuseInfiniteNumbers);
  router.use(api);

  api.get('/offerings', async (req, res) => {
    res.json({
      items: offerings
        .list({ type: req.query.type, tier: req.query.tier })
        .map(offering => offerings.describe(offering)),
    });
  });

  api.get('/offerings/:id', async (req, res) => {
    res.json(offerings.describe(offerings.get(req.params.id)));
  });

  api.get('/environments', async (_req, res) => {
    res.json({ items: resources.environments });
  });

  api.post('/resources', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    if (req.query.dryRun === 'true') {
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

  api.get('/resources', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json(
      await resources.list(
        {
          team: teamQuery(req),
          environment: req.query.environment,
          offering: req.query.offering,
          component: entityRefQuery(req, 'component'),
          system: entityRefQuery(req, 'system'),
          state: req.query.state,
          limit: req.query.limit,
          cursor: req.query.cursor,
          ids: req.query.ids?.split(','),
        },
        requester,
      ),
    );
  });

  api.get('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json(await resources.get(resourceId(req), requester));
  });

  api.get('/resources/:id/events', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json(
      await resources.events(resourceId(req), requester, {
        limit: req.query.limit ?? DEFAULT_EVENTS_LIMIT,
        before: eventCursor(req),
      }),
    );
  });

  api.get('/resources/:id/dependents', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json({
      items: await resources.dependents(resourceId(req), requester, {
        limit: req.query.limit ?? DEFAULT_DEPENDENTS_LIMIT,
      }),
    });
  });

  api.get('/resources/:id/secret', async (req, res) => {
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

  api.patch('/resources/:id', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const id = resourceId(req);
    if (req.query.dryRun === 'true') {
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

  api.delete('/resources/:id', async (req, res) => {
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

  api.post('/resources/:id/retry', async (req, res) => {
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

  api.get('/policies', async (_req, res) => {
    res.json({ items: policies.describe() });
  });

  api.get('/quotas', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const team = teamQuery(req);
    if (!team) {
      throw new InputError(`Query parameter 'team' is required`);
    }
    res.json({ items: await resources.quotas(team, requester) });
  });

  // After the routes of resources, which most requests are for: express
  // walks every route before the one that matches.
  api.use(createHealthRouter(options));
  api.use(createFeedbackRouter(options));
  api.use(createApprovalsRouter(options));
  api.use(createLifetimesAndCostsRouter(options));

  // Unknown paths get the standard JSON error body too.
  router.use((req, _res, next) => {
    next(new NotFoundError(`No route ${req.method} ${req.path.slice(0, 100)}`));
  });
  router.use(handleUnavailable(options.outages));
  router.use(handleRequestErrors);
  return router;
}
