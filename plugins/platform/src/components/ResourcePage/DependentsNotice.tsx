import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import Alert from '@material-ui/lab/Alert';
import { resourceRouteRef } from '../../routes';

/** Why a resource cannot be deleted yet: the resources that use it. */
export function DependentsNotice(props: { dependents: PlatformResource[] }) {
  const resourceLink = useRouteRef(resourceRouteRef);
  return (
    <Alert severity="info" id="delete-disabled-reason">
      Deleting is disabled while other resources use this one. Delete these
      first:{' '}
      {props.dependents.map((dependent, index) => (
        <span key={dependent.id}>
          {index > 0 && ', '}
          <Link to={resourceLink({ id: dependent.id })}>
            {dependent.offering} {dependent.name}
          </Link>
        </span>
      ))}
    </Alert>
  );
}
