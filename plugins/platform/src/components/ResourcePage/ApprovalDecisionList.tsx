import { ApprovalDecision } from '@idp-kit/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { entityName } from '../Approvals';

/** Who decided on a request, for which groups, when, and what they said. */
export function ApprovalDecisionList(props: { decisions: ApprovalDecision[] }) {
  if (props.decisions.length === 0) {
    return <Typography variant="body2">No decision yet.</Typography>;
  }
  return (
    <List dense disablePadding aria-label="Decisions">
      {props.decisions.map((decision, index) => {
        const groups = decision.groups
          .map(group => entityName(group, 'group'))
          .join(', ');
        const comment = decision.comment ? `: “${decision.comment}”` : '';
        return (
          <ListItem key={`${decision.time}-${index}`} disableGutters>
            <ListItemText
              primary={`${entityName(decision.actor, 'user')} ${
                decision.outcome
              } for ${groups}${comment}`}
              secondary={new Date(decision.time).toLocaleString()}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
