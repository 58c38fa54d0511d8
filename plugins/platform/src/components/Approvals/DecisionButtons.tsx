import { useState } from 'react';
import { ApprovalRequest } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { Decision, DecisionDialog } from './DecisionDialog';

/**
 * Approve and Reject, each asking for a comment first. The buttons name the
 * resource, so that a list of requests tells them apart.
 */
export function DecisionButtons(props: {
  request: ApprovalRequest;
  /** Called after a decision was recorded. */
  onDecided: () => void;
}) {
  const { request, onDecided } = props;
  const [decision, setDecision] = useState<Decision>();
  const name = request.resource.name;
  return (
    <Box display="flex" gridGap={8}>
      <Button
        variant="contained"
        color="primary"
        aria-label={`Approve ${name}`}
        onClick={() => setDecision('approve')}
      >
        Approve
      </Button>
      <Button
        variant="outlined"
        aria-label={`Reject ${name}`}
        onClick={() => setDecision('reject')}
      >
        Reject
      </Button>
      {decision && (
        <DecisionDialog
          request={request}
          decision={decision}
          onClose={() => setDecision(undefined)}
          onDecided={onDecided}
        />
      )}
    </Box>
  );
}
