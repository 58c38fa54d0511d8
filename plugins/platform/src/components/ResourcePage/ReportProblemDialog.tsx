import { FormEvent, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';
import {
  SupportTicket,
  TicketCategory,
  ticketCategories,
} from '../../api/types';
import { humanize } from '../OfferingForm/formSchema';

/** Opens a ticket with the platform team about a resource. */
export function ReportProblemDialog(props: {
  resource: PlatformResource;
  open: boolean;
  onClose: () => void;
}) {
  const { resource, open, onClose } = props;
  const platformApi = useApi(platformApiRef);
  const [category, setCategory] = useState<TicketCategory>('provisioning');
  const [description, setDescription] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  const [ticket, setTicket] = useState<SupportTicket>();

  const close = () => {
    setTicket(undefined);
    setDescription('');
    setError(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      setTicket(
        await platformApi.reportProblem(resource.id, {
          category,
          description: description.trim(),
        }),
      );
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      aria-labelledby="report-problem-title"
    >
      <DialogTitle id="report-problem-title">
        Report a problem with {resource.name}
      </DialogTitle>
      {ticket ? (
        <>
          <DialogContent>
            <Alert severity="success">
              Ticket {ticket.id} is open. The platform team will get back to
              you.
            </Alert>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Close</Button>
          </DialogActions>
        </>
      ) : (
        <form onSubmit={submit}>
          <DialogContent>
            <TextField
              id="problem-category"
              label="Category"
              select
              fullWidth
              margin="normal"
              SelectProps={{ native: true }}
              value={category}
              onChange={event =>
                setCategory(event.target.value as TicketCategory)
              }
            >
              {ticketCategories.map(choice => (
                <option key={choice} value={choice}>
                  {humanize(choice)}
                </option>
              ))}
            </TextField>
            <TextField
              id="problem-description"
              label="What went wrong?"
              required
              multiline
              minRows={4}
              fullWidth
              margin="normal"
              value={description}
              onChange={event => setDescription(event.target.value)}
            />
            {error && <Alert severity="error">{errorMessage(error)}</Alert>}
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button
              type="submit"
              color="primary"
              variant="contained"
              disabled={sending || description.trim() === ''}
            >
              Send report
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
