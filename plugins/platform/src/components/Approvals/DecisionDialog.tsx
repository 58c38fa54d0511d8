import { FormEvent, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@idp-kit/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';

/** Whether the user approves or rejects. */
export type Decision = 'approve' | 'reject';

/** The API's limit on a decision's comment. */
const COMMENT_MAX_LENGTH = 1000;

/** What the decision leads to, said before it is made. */
function consequence(decision: Decision, request: ApprovalRequest): string {
  const name = request.resource.name;
  const create = request.action === 'create';
  if (decision === 'reject') {
    return create
      ? `${name} will not be provisioned.`
      : `${name} keeps its current configuration.`;
  }
  const outcome = create ? `${name} is provisioned` : 'the change is applied';
  return `You approve for the approving groups you belong to. Once every group has approved, ${outcome}.`;
}

/**
 * Asks for an optional comment, then approves or rejects what a resource
 * waits on. The comment goes into the resource's timeline.
 */
export function DecisionDialog(props: {
  request: ApprovalRequest;
  decision: Decision;
  onClose: () => void;
  /** Called after the decision was recorded. */
  onDecided: () => void;
}) {
  const { request, decision, onClose, onDecided } = props;
  const platformApi = useApi(platformApiRef);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  const titleId = `decision-title-${request.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    const text = comment.trim() || undefined;
    try {
      if (decision === 'approve') {
        await platformApi.approveResource(request.resourceId, text);
      } else {
        await platformApi.rejectResource(request.resourceId, text);
      }
      onDecided();
      onClose();
    } catch (failure) {
      setError(failure as Error);
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth aria-labelledby={titleId}>
      <DialogTitle id={titleId}>
        {verb} {request.resource.name}?
      </DialogTitle>
      <form onSubmit={submit}>
        <DialogContent>
          <DialogContentText>
            {consequence(decision, request)}
          </DialogContentText>
          <TextField
            id={`decision-comment-${request.id}`}
            label="Comment"
            helperText="Optional; shown in the resource's timeline."
            multiline
            minRows={3}
            fullWidth
            inputProps={{ maxLength: COMMENT_MAX_LENGTH }}
            value={comment}
            onChange={event => setComment(event.target.value)}
          />
          {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color={decision === 'approve' ? 'primary' : 'secondary'}
            disabled={sending}
          >
            {verb}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
