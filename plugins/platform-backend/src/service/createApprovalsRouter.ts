import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { ApprovalState } from '@idp-kit/plugin-platform-common';
import Router from 'express-promise-router';
import { ApprovalService } from '../approvals/ApprovalService';
import { ApprovalDecisionInput } from '../schema/openapi/generated/models';
import { audited } from './audited';
import { requesterOf } from './requester';
import {
  queryLimit,
  queryString,
  resourceId,
  uuidCursor,
} from './requestInput';

/** Deciding on requests that wait for approval, and listing them. */
export function createApprovalsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  approvals: ApprovalService;
}) {
  const { httpAuth, auditor, approvals } = options;
  const router = Router();

  for (const [path, outcome] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    router.post(`/resources/:id/${path}`, async (req, res) => {
      const requester = await requesterOf(req, httpAuth);
      const id = resourceId(req);
      // Checked by the spec: at most 1000 characters, no control characters but line breaks.
      const body = req.body as ApprovalDecisionInput | undefined;
      const comment = body?.comment || undefined;
      const decided = await audited(
        auditor,
        {
          eventId: `resource-${path}`,
          request: req,
          severityLevel: 'high',
          meta: { requester: requester.ref, resourceId: id, comment },
          describe: approval => ({
            approvalId: approval.id,
            state: approval.state,
          }),
        },
        () => approvals.decide(id, outcome, requester, comment),
      );
      res.json(decided);
    });
  }

  router.get('/resources/:id/approvals', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    res.json({
      items: await approvals.listForResource(resourceId(req), requester),
    });
  });

  router.get('/approvals', async (req, res) => {
    const requester = await requesterOf(req, httpAuth);
    // One of the spec's states; pending when not given.
    const state = (queryString(req, 'state') ?? 'pending') as ApprovalState;
    res.json(
      await approvals.list(requester, {
        state,
        limit: queryLimit(req) ?? 50,
        cursor: uuidCursor(req),
      }),
    );
  });

  return router;
}
