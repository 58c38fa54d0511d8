import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  OfferingWithSchema,
  PlatformResource,
} from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';
import { ChangeConfigurationDialog } from './ChangeConfigurationDialog';
import { DeleteResourceDialog } from './DeleteResourceDialog';
import { DependentsNotice } from './DependentsNotice';
import { ReportProblemDialog } from './ReportProblemDialog';

type OpenDialog = 'change' | 'delete' | 'report' | undefined;

/**
 * What the user can do with a resource in its current state: change its
 * configuration, retry it, delete it, or report a problem.
 */
export function ResourceActions(props: {
  resource: PlatformResource;
  offering?: OfferingWithSchema;
  /** Called after an action changed the resource, to read it again. */
  onChanged: () => void;
}) {
  const { resource, offering, onChanged } = props;
  const platformApi = useApi(platformApiRef);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [retryError, setRetryError] = useState<Error>();
  const dependents = useAsync(
    () => platformApi.listResourceDependents(resource.id),
    [platformApi, resource.id, resource.state],
  );

  // Leaving or ended: nothing left to change or delete.
  const gone = ['deleting', 'deleted', 'rejected'].includes(resource.state);
  const hasDependents = (dependents.value?.length ?? 0) > 0;

  const retry = async () => {
    setRetryError(undefined);
    try {
      await platformApi.retryResource(resource.id);
      onChanged();
    } catch (failure) {
      setRetryError(failure as Error);
    }
  };

  return (
    <Box component="section" aria-label="Actions">
      <Box display="flex" flexWrap="wrap" gridGap={8}>
        {resource.state === 'failed' && (
          <Button variant="contained" color="primary" onClick={retry}>
            Retry
          </Button>
        )}
        {offering && !gone && (
          <Button
            variant="outlined"
            color="primary"
            // Only a ready resource changes; one awaiting approval must be
            // decided first.
            disabled={resource.state !== 'ready'}
            onClick={() => setDialog('change')}
          >
            Change configuration
          </Button>
        )}
        {!gone && (
          <Button
            variant="outlined"
            disabled={dependents.loading || hasDependents}
            aria-describedby={
              hasDependents ? 'delete-disabled-reason' : undefined
            }
            onClick={() => setDialog('delete')}
          >
            Delete
          </Button>
        )}
        <Button variant="outlined" onClick={() => setDialog('report')}>
          Report a problem
        </Button>
      </Box>
      {!gone && hasDependents && (
        <Box mt={1}>
          <DependentsNotice dependents={dependents.value!} />
        </Box>
      )}
      {retryError && (
        <Box mt={1}>
          <Alert severity="error">{errorMessage(retryError)}</Alert>
        </Box>
      )}
      {offering && dialog === 'change' && (
        <ChangeConfigurationDialog
          resource={resource}
          offering={offering}
          open
          onClose={() => setDialog(undefined)}
          onChanged={onChanged}
        />
      )}
      <DeleteResourceDialog
        resource={resource}
        open={dialog === 'delete'}
        onClose={() => setDialog(undefined)}
        onDeleted={onChanged}
      />
      <ReportProblemDialog
        resource={resource}
        open={dialog === 'report'}
        onClose={() => setDialog(undefined)}
      />
    </Box>
  );
}
