import { EmptyState, LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';
import { PlatformLayout } from '../PlatformLayout';

/** A platform path that names no page. */
export function NotFoundPage() {
  const catalogLink = useRouteRef(rootRouteRef);
  return (
    <PlatformLayout title="Page not found">
      <EmptyState
        missing="content"
        title="There is no such platform page"
        action={
          <LinkButton to={catalogLink()} color="primary" variant="contained">
            Open the service catalog
          </LinkButton>
        }
      />
    </PlatformLayout>
  );
}
