import { ResourceEvent } from '@idp-kit/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ResourceStateChip } from '../ResourceStateChip';

/** The resource's events, oldest first. */
export function ResourceTimeline(props: {
  events: ResourceEvent[];
  /** Show only the newest this many events. */
  limit?: number;
}) {
  const events = props.limit ? props.events.slice(-props.limit) : props.events;
  if (events.length === 0) {
    return <Typography variant="body2">Nothing has happened yet.</Typography>;
  }
  return (
    <List dense component="ol" aria-label="Timeline">
      {events.map(event => (
        <ListItem key={event.id} disableGutters>
          <ListItemText
            primary={
              <>
                <ResourceStateChip state={event.state} /> {event.message}
              </>
            }
            secondary={[
              new Date(event.time).toLocaleString(),
              event.actor,
              event.attempt ? `attempt ${event.attempt}` : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}
