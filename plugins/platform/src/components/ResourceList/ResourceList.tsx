import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import { resourceRouteRef } from '../../routes';
import { ResourceStateChip } from '../ResourceStateChip';

/** Resources as a compact list for cards, each linking to its page. */
export function ResourceList(props: {
  resources: PlatformResource[];
  offeringNames: Map<string, string>;
  label: string;
}) {
  const resourceLink = useRouteRef(resourceRouteRef);
  return (
    <List dense aria-label={props.label}>
      {props.resources.map(resource => (
        <ListItem key={resource.id} disableGutters>
          <ListItemText
            primary={
              <Link to={resourceLink({ id: resource.id })}>
                {resource.name}
              </Link>
            }
            secondary={`${
              props.offeringNames.get(resource.offering) ?? resource.offering
            } · ${resource.environment} · ${resource.team}`}
          />
          <ListItemSecondaryAction>
            <ResourceStateChip state={resource.state} />
          </ListItemSecondaryAction>
        </ListItem>
      ))}
    </List>
  );
}
