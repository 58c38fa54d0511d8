import { FormEvent, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Lifetime, PlatformResource } from '@idp-kit/plugin-platform-common';
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
import { requestProblems } from '../../api/requestProblems';
import { durationInWords, durationMillis } from './isoDuration';
import { fromLocalInput, toLocalInput } from './localDateTime';

/** A new lifetime counted from now: the default, else the maximum, else the current expiry. */
function proposedExpiry(
  resource: PlatformResource,
  lifetime: Lifetime | undefined,
  now: number,
): Date {
  const length = durationMillis(lifetime?.default ?? lifetime?.max ?? '');
  if (length !== undefined) {
    return new Date(now + length);
  }
  return resource.expiresAt ? new Date(resource.expiresAt) : new Date(now);
}

/**
 * Moves a resource's expiry, proposing its default lifetime from now and
 * offering no later time than its maximum; the API has the last word.
 */
export function ExtendDialog(props: {
  resource: PlatformResource;
  /** The lifetime of the resource's offering in its environment. */
  lifetime?: Lifetime;
  onClose: () => void;
  /** Called after the expiry moved, to read the resource again. */
  onExtended: () => void;
}) {
  const { resource, lifetime, onClose, onExtended } = props;
  const platformApi = useApi(platformApiRef);
  const [now] = useState(() => Date.now());
  const [value, setValue] = useState(() =>
    toLocalInput(proposedExpiry(resource, lifetime, now)),
  );
  const [sending, setSending] = useState(false);
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<Error>();
  const maxLength = lifetime?.max ? durationMillis(lifetime.max) : undefined;
  const latest =
    maxLength === undefined ? undefined : new Date(now + maxLength);
  const expiresAt = fromLocalInput(value);
  const titleId = `extend-title-${resource.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!expiresAt) {
      return;
    }
    setSending(true);
    setFieldError(undefined);
    setError(undefined);
    try {
      await platformApi.extendResource(resource.id, expiresAt);
      onExtended();
      onClose();
    } catch (failure) {
      const messages = requestProblems(failure)
        .errors.filter(problem => problem.field === 'expiresAt')
        .map(problem => problem.message);
      if (messages.length > 0) {
        setFieldError(messages.join('; '));
      } else {
        setError(failure as Error);
      }
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Extend {resource.name}</DialogTitle>
      <form onSubmit={submit}>
        <DialogContent>
          <DialogContentText>
            {resource.expiresAt
              ? `It expires ${new Date(
                  resource.expiresAt,
                ).toLocaleString()}, and is then deleted.`
              : 'It does not expire yet.'}{' '}
            Choose when it should expire instead.
          </DialogContentText>
          <TextField
            id={`extend-expires-at-${resource.id}`}
            label="New expiry"
            type="datetime-local"
            fullWidth
            required
            InputLabelProps={{ shrink: true }}
            inputProps={{
              min: toLocalInput(new Date(now)),
              max: latest ? toLocalInput(latest) : undefined,
            }}
            value={value}
            onChange={change => {
              setValue(change.target.value);
              setFieldError(undefined);
            }}
            error={fieldError !== undefined}
            helperText={
              fieldError ??
              (latest
                ? `At most ${durationInWords(
                    lifetime!.max!,
                  )} from now: ${latest.toLocaleString()}.`
                : 'Any later time; this environment has no maximum.')
            }
          />
          {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={sending || !expiresAt}
          >
            Extend
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
