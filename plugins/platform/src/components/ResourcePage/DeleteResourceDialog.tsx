import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';

/** Asks before deleting a resource, which cannot be undone. */
export function DeleteResourceDialog(props: {
  resource: PlatformResource;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { resource, open, onClose, onDeleted } = props;
  const platformApi = useApi(platformApiRef);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<Error>();

  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await platformApi.deleteResource(resource.id);
      onDeleted();
      onClose();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="delete-title">
      <DialogTitle id="delete-title">Delete {resource.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The {resource.environment} resource {resource.name} of {resource.team}{' '}
          and its data will be removed. This cannot be undone.
        </DialogContentText>
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          onClick={confirm}
          color="secondary"
          variant="contained"
          disabled={deleting}
        >
          Delete {resource.name}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
