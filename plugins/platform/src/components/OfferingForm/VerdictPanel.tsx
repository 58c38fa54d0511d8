import { RequestVerdict } from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ApprovalRequirementList } from '../Approvals';
import { quotaText } from './quotaText';

/**
 * What the platform would say to the request as it stands: the policies that
 * refuse it and why, invalid fields, who must approve it, and the team's
 * quota use.
 */
export function VerdictPanel(props: {
  verdict?: RequestVerdict;
  error?: Error;
  checking: boolean;
  /** False until the form has what a check needs. */
  complete: boolean;
  offeringName: string;
}) {
  const { verdict, error, checking, complete, offeringName } = props;

  let body: JSX.Element;
  if (!complete) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Complete the form to check the request against the platform's policies.
      </Typography>
    );
  } else if (error) {
    body = (
      <Alert severity="warning" role="status">
        The request could not be checked: {error.message}
      </Alert>
    );
  } else if (!verdict) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Checking the request…
      </Typography>
    );
  } else {
    body = (
      <>
        {verdict.allowed && verdict.approvals.length === 0 && (
          <Alert severity="success" role="status">
            Every policy allows this request.
          </Alert>
        )}
        {!verdict.allowed && (
          <Alert severity="error" role="status">
            <AlertTitle>This request would be refused</AlertTitle>
            <ul>
              {verdict.violations.map((violation, index) => (
                <li key={`violation-${index}`}>
                  <strong>{violation.policy}</strong>: {violation.reason}
                </li>
              ))}
              {verdict.errors.map((fieldError, index) => (
                <li key={`error-${index}`}>
                  <strong>{fieldError.field}</strong> {fieldError.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {verdict.approvals.length > 0 && (
          <Box mt={verdict.allowed ? 0 : 1}>
            <Alert severity="info" role="status">
              <AlertTitle>
                {verdict.allowed
                  ? 'Allowed once approved'
                  : 'Would also need approval'}
              </AlertTitle>
              <ApprovalRequirementList requirements={verdict.approvals} />
              {verdict.allowed &&
                'Nothing is provisioned or changed until then.'}
            </Alert>
          </Box>
        )}
        {verdict.quota && (
          <Box mt={1}>
            <Typography variant="body2">
              {quotaText(verdict.quota, offeringName)}
            </Typography>
          </Box>
        )}
      </>
    );
  }

  return (
    <Box
      component="section"
      aria-label="Policy check"
      aria-live="polite"
      aria-busy={checking}
    >
      <Typography variant="h6" component="h3" gutterBottom>
        Policy check
      </Typography>
      {body}
      {checking && complete && (
        <Box mt={1}>
          <LinearProgress aria-label="Checking the request" />
        </Box>
      )}
    </Box>
  );
}
