import { Link, StructuredMetadataTable } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  OfferingWithSchema,
  PlatformResource,
  RequestChannel,
} from '@idp-kit/plugin-platform-common';
import { resourceRouteRef } from '../../routes';
import { pendingExpiry, ResourceExpiry } from '../Lifetime';

const CHANNELS: Record<RequestChannel, string> = {
  portal: 'the portal',
  scaffolder: 'a software template',
  api: 'the API',
  mcp: 'an AI assistant (MCP)',
};

/**
 * Who owns the resource, where it runs, what it belongs to, and how long it
 * has left.
 */
export function ResourceAbout(props: {
  resource: PlatformResource;
  offering?: OfferingWithSchema;
  /** Called after the resource was extended, to read it again. */
  onChanged: () => void;
}) {
  const { resource, offering, onChanged } = props;
  const resourceLink = useRouteRef(resourceRouteRef);
  const metadata: Record<string, unknown> = {
    Offering: offering
      ? `${offering.name} (v${offering.version})`
      : resource.offering,
    Team: resource.team,
    Environment: resource.environment,
    'Requested by': `${resource.createdBy} through ${
      CHANNELS[resource.createdVia] ?? resource.createdVia
    }`,
    Requested: new Date(resource.createdAt).toLocaleString(),
    Updated: new Date(resource.updatedAt).toLocaleString(),
  };
  if (pendingExpiry(resource)) {
    metadata.Lifetime = (
      <ResourceExpiry
        resource={resource}
        offering={offering}
        onExtended={onChanged}
      />
    );
  }
  if (resource.component) {
    metadata.Component = resource.component;
  }
  if (resource.system) {
    metadata.System = resource.system;
  }
  if (resource.dependsOn.length > 0) {
    metadata['Depends on'] = resource.dependsOn.map(id => (
      <Link key={id} to={resourceLink({ id })}>
        {id}
      </Link>
    ));
  }
  return (
    <StructuredMetadataTable
      metadata={metadata}
      options={{ titleFormat: key => key }}
    />
  );
}
