import { ResourceState } from '@idp-kit/plugin-platform-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

// Dark enough for white text to meet WCAG AA contrast (4.5:1) on each.
const colours: Record<ResourceState, string> = {
  'awaiting-approval': '#6a1b9a',
  pending: '#1565c0',
  provisioning: '#1565c0',
  updating: '#1565c0',
  ready: '#2e7d32',
  failed: '#c62828',
  deleting: '#8a4b00',
  deleted: '#616161',
  rejected: '#ad1457',
};

const useStyles = makeStyles<Theme, { state: ResourceState }>(() => ({
  chip: ({ state }) => ({
    backgroundColor: colours[state],
    color: '#ffffff',
    margin: 0,
  }),
}));

/** A resource's state, coloured by what it means for the user. */
export function ResourceStateChip(props: { state: ResourceState }) {
  const classes = useStyles({ state: props.state });
  return <Chip size="small" className={classes.chip} label={props.state} />;
}
