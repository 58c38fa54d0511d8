import {
  ApprovalRequest,
  ResourceEvent,
  PlatformResource,
} from '@idp-kit/plugin-platform-common';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { resourceSteps } from './resourceSteps';

/**
 * Where the resource is in its life cycle, approval included, and what
 * failed or why it was rejected if it was.
 */
export function ResourceStateStepper(props: {
  resource: PlatformResource;
  events: ResourceEvent[];
  /** The resource's requests for approval, newest first. */
  approvals?: ApprovalRequest[];
}) {
  const { resource, events, approvals } = props;
  const { labels, activeStep, failedStep, rejected } = resourceSteps(
    resource.state,
    events,
    approvals,
  );
  // A "Rejected" step says what happened; its caption only needs the reason.
  const failure = rejected
    ? resource.error
    : `Failed${resource.error ? `: ${resource.error}` : ''}`;
  return (
    <Stepper activeStep={activeStep} alternativeLabel aria-label="Life cycle">
      {labels.map((label, index) => {
        const failed = index === failedStep;
        return (
          <Step
            key={`${index}-${label}`}
            completed={index < activeStep}
            aria-current={index === activeStep ? 'step' : undefined}
          >
            <StepLabel
              error={failed}
              optional={
                failed && failure ? (
                  <Typography variant="caption" color="error">
                    {failure}
                  </Typography>
                ) : undefined
              }
            >
              {label}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
}
