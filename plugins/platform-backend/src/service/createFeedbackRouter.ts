import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { platformResourceReadPermission } from '@idp-kit/plugin-platform-common';
import Router from 'express-promise-router';
import { FeedbackStore, SURVEY_INTERVAL_DAYS } from '../metrics/FeedbackStore';
import { HealthStore } from '../metrics/HealthStore';
import { HealthSummaryCache } from '../metrics/HealthSummaryCache';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { ResourceAuthorizer } from '../permissions/ResourceAuthorizer';
import { ResourceService } from '../resources/ResourceService';
import { AnswerSurvey, ReportProblem } from '../schema/openapi';
import { audited } from './audited';
import { requesterOf } from './requester';
import { queryLimit, resourceId, teamQuery, uuidCursor } from './requestInput';

const DEFAULT_TICKETS_LIMIT = 50;

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
    // The spec bounds it to the days HealthStore keeps, 30 when not given.
    const windowDays = Number(req.query.windowDays ?? 30);
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
    // Checked by the spec: a score from 0 to 10, a comment of 2000 at most.
    const { score, comment } = req.body as AnswerSurvey['body'];
    const requester = credentials.principal.userEntityRef;
    const answer = await audited(
      auditor,
      {
        eventId: 'survey-answer',
        request: req,
        severityLevel: 'medium',
        meta: { requester, score },
      },
      () => feedback.answer(requester, score, comment || undefined),
    );
    res.status(201).json(answer);
  });

  router.post('/resources/:id/tickets', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    const resource = await resources.get(resourceId(req), requester);
    // Checked by the spec: a known category, a description of 4000 at most.
    const { category, description } = req.body as ReportProblem['body'];
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
