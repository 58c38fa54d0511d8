import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { platformResourceSecretReadPermission } from '@idp-kit/plugin-platform-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';
import { ConfigValuesTable } from '../ConfigValue';

/**
 * Shows the resource's connection secret on request, to users the
 * permission framework allows; others do not see the button at all.
 */
export function RevealSecretButton(props: { resourceId: string }) {
  const { resourceId } = props;
  const platformApi = useApi(platformApiRef);
  const { allowed } = usePermission({
    permission: platformResourceSecretReadPermission,
    resourceRef: resourceId,
  });
  const [secrets, setSecrets] = useState<Record<string, string>>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);

  if (!allowed) {
    return null;
  }

  const reveal = async () => {
    setLoading(true);
    setError(undefined);
    try {
      setSecrets(await platformApi.getResourceSecret(resourceId));
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Box mt={2}>
      {secrets ? (
        <>
          <ConfigValuesTable values={secrets} />
          <Button onClick={() => setSecrets(undefined)}>
            Hide connection secret
          </Button>
        </>
      ) : (
        <Button
          variant="outlined"
          color="primary"
          onClick={reveal}
          disabled={loading}
        >
          Reveal connection secret
        </Button>
      )}
      {error && (
        <Box mt={1}>
          <Alert severity="error">{errorMessage(error)}</Alert>
        </Box>
      )}
    </Box>
  );
}
