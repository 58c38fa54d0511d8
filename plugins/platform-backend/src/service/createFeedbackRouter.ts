import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  TicketCategory,
  platformResourceReadPermission,
  ticketCategories,
} from '@idp-kit/plugin-platform-common';
import Router from 'express-promise-router';
import { FeedbackStore, SURVEY_INTERVAL_DAYS } from '../metrics/FeedbackStore';
import { HealthStore, MAX_WINDOW_DAYS } from '../metrics/HealthStore';
import { HealthSummaryCache } from '../metrics/HealthSummaryCache';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { ResourceService } from '../resources/ResourceService';
import { audited } from './audited';
import { requesterOf } from './requester';
import { queryLimit, resourceId, teamQuery, uuidCursor } from './requestInput';

const DEFAULT_TICKETS_LIMIT = 50;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(
  body: Record<string, unknown>,
  field: string,
  options: { required: boolean; max: number },
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    if (options.required) throw new InputError(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`${field} must be a string`);
  }
  if (value.length > options.max) {
    throw new InputError(`${field} must be at most ${options.max} characters`);
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw new InputError(`${field} must not contain control characters`);
  }
  return value;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** Health figures, the satisfaction survey and support tickets. */
export function createFeedbackRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  health: HealthStore;
  feedback: FeedbackStore;
  metrics: PlatformMetrics;
  resources: ResourceService;
  authorizer: ResourceAuthorizer;
}) {
  const {
    httpAuth,
    auditor,
    health,
    feedback,
    metrics,
    resources,
    authorizer,
  } = options;
  const router = Router();

  const summaries = new HealthSummaryCache(health);

  router.get('/health/summary', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const windowDays = Number(req.query.windowDays ?? 30);
    if (
      !Number.isInteger(windowDays) ||
      windowDays < 1 ||
      windowDays > MAX_WINDOW_DAYS
    ) {
      throw new InputError(
        `Query parameter 'windowDays' must be an integer from 1 to ${MAX_WINDOW_DAYS}`,
      );
    }
    const [summary, mayRead] = await Promise.all([
      summaries.summary(windowDays),
      authorizer.teamTest(
        platformResourceReadPermission,
        requester.credentials,
      ),
    ]);
    // Figures per team only for the teams the requester may see.
    const { byTeam } = summary.activeResources;
    res.json({
      ...summary,
      activeResources: {
        ...summary.activeResources,
        byTeam: Object.fromEntries(
          Object.entries(byTeam).filter(([team]) => mayRead(team)),
        ),
      },
    });
  });

  router.get('/feedback/survey', async (req, res) => {
    const { ref } = await requesterOf(req, httpAuth);
    const lastAnswer = await feedback.lastAnswer(ref);
    const canAnswer =
      !lastAnswer ||
      Date.now() - new Date(lastAnswer.createdAt).getTime() >
        SURVEY_INTERVAL_DAYS * 86_400_000;
    res.json({ lastAnswer, canAnswer });
  });

  router.post('/feedback/survey', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = objectBody(req.body);
    const score = body.score;
    if (
      typeof score !== 'number' ||
      !Number.isInteger(score) ||
      score < 0 ||
      score > 10
    ) {
      throw new InputError('score must be an integer from 0 to 10');
    }
    const comment = text(body, 'comment', { required: false, max: 2000 });
    const requester = credentials.principal.userEntityRef;
    const answer = await audited(
      auditor,
      {
        eventId: 'survey-answer',
        request: req,
        severityLevel: 'medium',
        meta: { requester, score },
      },
      () => feedback.answer(requester, score, comment),
    );
    res.status(201).json(answer);
  });

  router.post('/resources/:id/tickets', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const resource = await resources.get(resourceId(req), requester);
    const body = objectBody(req.body);
    const category = body.category as TicketCategory;
    if (!ticketCategories.includes(category)) {
      throw new InputError(
        `category must be one of: ${ticketCategories.join(', ')}`,
      );
    }
    const description = text(body, 'description', {
      required: true,
      max: 4000,
    })!;
    const ticket = await audited(
      auditor,
      {
        eventId: 'ticket-create',
        request: req,
        severityLevel: 'medium',
        meta: {
          requester: requester.ref,
          resourceId: resource.id,
          team: resource.team,
          category,
        },
        describe: created => ({ ticketId: created.id }),
      },
      () =>
        feedback.reportProblem({
          resourceId: resource.id,
          team: resource.team,
          category,
          description,
          createdBy: requester.ref,
        }),
    );
    metrics.ticketReported(category);
    res.status(201).json(ticket);
  });

  router.get('/tickets', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const team = teamQuery(req);
    const allowed = team
      ? await authorizer.allows(
          platformResourceReadPermission,
          { team },
          requester.credentials,
        )
      : (
          await authorizer.listScope(
            platformResourceReadPermission,
            requester.credentials,
          )
        ).type === 'all';
    if (!allowed) {
      throw new NotAllowedError(
        team
          ? `${requester.ref} may not read the tickets of team ${team}`
          : 'Only the platform team may list every ticket; give a team',
      );
    }
    res.json(
      await feedback.listTickets({
        team,
        limit: queryLimit(req) ?? DEFAULT_TICKETS_LIMIT,
        cursor: uuidCursor(req),
      }),
    );
  });

  return router;
}
