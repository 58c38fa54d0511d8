import { ApprovalRequirement } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { entityName } from './entityName';

/**
 * Who must approve a request and why, one line each: "Needs approval by
 * platform-team — reason", with the asking policy beside it.
 */
export function ApprovalRequirementList(props: {
  requirements: ApprovalRequirement[];
}) {
  return (
    <Box component="ul" m={0} pl={2.5} aria-label="Approvals needed">
      {props.requirements.map((requirement, index) => (
        <li key={`${requirement.policy}-${index}`}>
          Needs approval by {entityName(requirement.approvers, 'group')} —{' '}
          {requirement.reason}{' '}
          {/* The box's own colour: grey is too faint on an info alert's blue. */}
          <Typography variant="caption" component="span" color="inherit">
            ({requirement.policy})
          </Typography>
        </li>
      ))}
    </Box>
  );
}
