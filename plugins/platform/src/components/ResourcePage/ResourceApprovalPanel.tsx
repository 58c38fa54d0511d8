import { ApprovalRequest } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ApprovalRequirementList,
  ConfigurationTable,
  DecisionButtons,
  entityName,
} from '../Approvals';
import { ApprovalDecisionList } from './ApprovalDecisionList';

function time(value: string | undefined): string {
  return value ? new Date(value).toLocaleString() : '';
}

/** Where the request stands, in one sentence. */
function standing(request: ApprovalRequest): string {
  const subject =
    request.action === 'create'
      ? 'The creation'
      : 'The change of configuration';
  switch (request.state) {
    case 'pending':
      return `${subject} waits for approval by ${request.awaiting
        .map(group => entityName(group, 'group'))
        .join(', ')}. Undecided, it expires ${time(request.expiresAt)}.`;
    case 'approved':
      return `${subject} was approved ${time(request.decidedAt)}.`;
    case 'rejected':
      return `${subject} was rejected ${time(request.decidedAt)}.`;
    case 'expired':
      return `${subject} expired undecided ${time(request.expiresAt)}.`;
    default:
      return `${subject} was withdrawn ${time(request.decidedAt)}.`;
  }
}

/**
 * The resource's latest request for approval: who it waits for and why,
 * until when, the decisions so far, and Approve and Reject for a user who
 * may decide.
 */
export function ResourceApprovalPanel(props: {
  request: ApprovalRequest;
  /** Called after the user decided, to read the resource again. */
  onDecided: () => void;
}) {
  const { request, onDecided } = props;
  return (
    <Box component="section" aria-label="Approval">
      <Typography variant="body1" paragraph>
        {standing(request)}
      </Typography>
      <Typography variant="body2" paragraph>
        Requested by {entityName(request.requestedBy, 'user')},{' '}
        {time(request.requestedAt)}.
      </Typography>
      <ApprovalRequirementList requirements={request.requirements} />
      {request.action === 'update' && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Requested configuration
          </Typography>
          <ConfigurationTable
            config={request.config}
            current={request.resource.config}
          />
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Decisions
        </Typography>
        <ApprovalDecisionList decisions={request.decisions} />
      </Box>
      {request.canDecide && (
        <Box mt={2}>
          <DecisionButtons request={request} onDecided={onDecided} />
        </Box>
      )}
    </Box>
  );
}
