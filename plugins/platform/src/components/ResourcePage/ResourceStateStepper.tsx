import {
  ResourceEvent,
  PlatformResource,
} from '@idp-kit/plugin-platform-common';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { resourceSteps } from './resourceSteps';

/** Where the resource is in its life cycle, and what failed if it did. */
export function ResourceStateStepper(props: {
  resource: PlatformResource;
  events: ResourceEvent[];
}) {
  const { resource, events } = props;
  const { labels, activeStep, failedStep } = resourceSteps(
    resource.state,
    events,
  );
  return (
    <Stepper activeStep={activeStep} alternativeLabel aria-label="Life cycle">
      {labels.map((label, index) => {
        const failed = index === failedStep;
        return (
          <Step
            key={label}
            completed={index < activeStep}
            aria-current={index === activeStep ? 'step' : undefined}
          >
            <StepLabel
              error={failed}
              optional={
                failed ? (
                  <Typography variant="caption" color="error">
                    Failed{resource.error ? `: ${resource.error}` : ''}
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
