import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { resourceRouteRef } from '../../routes';
import { TimeLeft } from '../Lifetime';
import { ResourceStateChip } from '../ResourceStateChip';

/** A page of resources, each linking to its own page. */
export function ResourcesTable(props: {
  resources: PlatformResource[];
  offeringNames: Map<string, string>;
  loading: boolean;
  emptyContent: JSX.Element;
}) {
  const resourceLink = useRouteRef(resourceRouteRef);
  const columns: TableColumn<PlatformResource>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: resource => (
        <Link to={resourceLink({ id: resource.id })}>{resource.name}</Link>
      ),
    },
    {
      title: 'Offering',
      field: 'offering',
      render: resource =>
        props.offeringNames.get(resource.offering) ?? resource.offering,
    },
    { title: 'Team', field: 'team' },
    { title: 'Environment', field: 'environment' },
    {
      title: 'State',
      field: 'state',
      render: resource => <ResourceStateChip state={resource.state} />,
    },
    {
      title: 'Expires',
      field: 'expiresAt',
      render: resource => <TimeLeft resource={resource} />,
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: resource => new Date(resource.createdAt).toLocaleString(),
    },
  ];
  return (
    <Table<PlatformResource>
      title="Resources"
      columns={columns}
      data={props.resources}
      isLoading={props.loading}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={props.emptyContent}
    />
  );
}
