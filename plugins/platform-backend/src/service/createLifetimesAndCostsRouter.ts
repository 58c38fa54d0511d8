import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { platformResourceReadPermission } from '@idp-kit/plugin-platform-common';
import Router from 'express-promise-router';
import { CostEstimator } from '../costs/CostEstimator';
import { LifetimeConfig } from '../lifetimes/LifetimeConfig';
import { LifetimeStore } from '../lifetimes/LifetimeStore';
import { extendResource } from '../lifetimes/extendResource';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { ResourceStore } from '../store/ResourceStore';
import { audited } from './audited';
import { requesterOf } from './requester';
import { resourceId, teamQuery } from './requestInput';

/** Extending a resource's lifetime; a team's estimated spend. */
export function createLifetimesAndCostsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: ResourceAuthorizer;
  store: ResourceStore;
  lifetimes: LifetimeStore;
  lifetimeConfig: LifetimeConfig;
  costs: CostEstimator;
}) {
  const { httpAuth, auditor, authorizer, costs } = options;
  const router = Router();

  router.post('/resources/:id/extend', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const id = resourceId(req);
    const extended = await audited(
      auditor,
      {
        eventId: 'resource-extend',
        request: req,
        severityLevel: 'medium',
        meta: {
          requester: requester.ref,
          resourceId: id,
          expiresAt:
            typeof req.body?.expiresAt === 'string'
              ? req.body.expiresAt.slice(0, 64)
              : null,
        },
        describe: resource => ({ expiresAt: resource.expiresAt ?? null }),
      },
      () =>
        extendResource(
          {
            resources: options.store,
            lifetimes: options.lifetimes,
            config: options.lifetimeConfig,
            authorizer,
          },
          id,
          req.body,
          requester,
        ),
    );
    res.json(extended);
  });

  router.get('/spend', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const team = teamQuery(req);
    if (!team) {
      throw new InputError(`Query parameter 'team' is required`);
    }
    if (
      !(await authorizer.allows(
        platformResourceReadPermission,
        { team },
        requester.credentials,
      ))
    ) {
      throw new NotAllowedError(
        `${requester.ref} may not read the spend of team ${team}`,
      );
    }
    res.json(await costs.teamSpend(team));
  });

  return router;
}
