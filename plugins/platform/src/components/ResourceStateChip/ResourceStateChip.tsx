import { ResourceState } from '@internal/plugin-platform-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

const useStyles = makeStyles<Theme, { state: ResourceState }>(theme => ({
  chip: ({ state }) => {
    const palette = theme.palette;
    const colours: Record<ResourceState, string> = {
      pending: palette.info.main,
      provisioning: palette.info.main,
      updating: palette.info.main,
      ready: palette.success.main,
      failed: palette.error.main,
      deleting: palette.warning.main,
      deleted: palette.grey[600],
    };
    return {
      backgroundColor: colours[state],
      color: palette.getContrastText(colours[state]),
      margin: 0,
    };
  },
}));

/** A resource's state, coloured by what it means for the user. */
export function ResourceStateChip(props: { state: ResourceState }) {
  const classes = useStyles({ state: props.state });
  return <Chip size="small" className={classes.chip} label={props.state} />;
}
