import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { useEnvironments } from '../../hooks/useEnvironments';
import { useUserTeams } from '../../hooks/useUserTeams';
import { createResourceRouteRef } from '../../routes';
import { PlatformLayout } from '../PlatformLayout';
import { CreateResourceForm } from './CreateResourceForm';

/** Requests a resource of the offering named in the path. */
export function CreateResourcePage() {
  const { offeringId } = useRouteRefParams(createResourceRouteRef);
  const platformApi = useApi(platformApiRef);
  const environments = useEnvironments();
  const offering = useAsync(
    () => platformApi.getOffering(offeringId),
    [platformApi, offeringId],
  );
  const teams = useUserTeams();

  let content: JSX.Element;
  if (offering.loading || teams.loading || environments.loading) {
    content = <Progress />;
  } else if (offering.error || teams.error || environments.error) {
    content = (
      <ResponseErrorPanel
        error={(offering.error ?? teams.error ?? environments.error)!}
      />
    );
  } else if (!teams.value?.length) {
    content = (
      <EmptyState
        missing="info"
        title="You are not a member of any team"
        description="Resources belong to a team. Ask to join one in the catalog, then come back."
      />
    );
  } else {
    content = (
      <>
        <Typography variant="body1" paragraph>
          {offering.value!.description}
        </Typography>
        <CreateResourceForm
          offering={offering.value!}
          teams={teams.value}
          environments={environments.value ?? []}
        />
      </>
    );
  }

  return (
    <PlatformLayout
      title={
        offering.value ? `Create ${offering.value.name}` : 'Create a resource'
      }
    >
      {content}
    </PlatformLayout>
  );
}
