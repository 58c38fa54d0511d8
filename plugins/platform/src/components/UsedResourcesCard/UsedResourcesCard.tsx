import { useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { ResourceList } from '../ResourceList';

/**
 * The platform resources a component uses, or a system holds, found by the
 * entity's full ref, the form in which the API stores references.
 */
export function UsedResourcesCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const platformApi = useApi(platformApiRef);
  const data = useAsync(async () => {
    const [page, offerings] = await Promise.all([
      platformApi.listResources(
        isSystem ? { system: ref } : { component: ref },
      ),
      platformApi.listOfferings(),
    ]);
    return { page, offerings };
  }, [platformApi, ref, isSystem]);
  const offeringNames = useMemo(
    () =>
      new Map(
        (data.value?.offerings ?? []).map(offering => [
          offering.id,
          offering.name,
        ]),
      ),
    [data.value],
  );

  let content: JSX.Element;
  if (data.loading) {
    content = <Progress />;
  } else if (data.error) {
    content = <ResponseErrorPanel error={data.error} />;
  } else if (data.value!.page.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No platform resources"
        description={`Resources requested for ${ref} appear here.`}
      />
    );
  } else {
    content = (
      <ResourceList
        resources={data.value!.page.items}
        offeringNames={offeringNames}
        label={`Platform resources of ${entity.metadata.name}`}
      />
    );
  }
  return <InfoCard title="Platform resources">{content}</InfoCard>;
}
