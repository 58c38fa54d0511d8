import { event } from '../../__testUtils__/fixtures';
import { resourceSteps } from './resourceSteps';

describe('resourceSteps', () => {
  it('follows creation from pending to ready', () => {
    expect(resourceSteps('pending', [])).toEqual({
      labels: ['Pending', 'Provisioning', 'Ready'],
      activeStep: 0,
    });
    expect(resourceSteps('provisioning', []).activeStep).toBe(1);
    expect(resourceSteps('ready', []).activeStep).toBe(3);
  });

  it('fails provisioning when the resource was never ready', () => {
    expect(
      resourceSteps('failed', [event({ state: 'provisioning' })]),
    ).toMatchObject({ activeStep: 1, failedStep: 1 });
  });

  it('fails the update of a resource that was ready', () => {
    expect(resourceSteps('failed', [event({ state: 'ready' })])).toEqual({
      labels: ['Pending', 'Provisioning', 'Ready', 'Updating'],
      activeStep: 3,
      failedStep: 3,
    });
  });

  it('adds the steps of updates and deletion', () => {
    expect(resourceSteps('updating', []).labels).toContain('Updating');
    expect(resourceSteps('deleting', [])).toMatchObject({
      labels: ['Pending', 'Provisioning', 'Ready', 'Deleting', 'Deleted'],
      activeStep: 3,
    });
    expect(resourceSteps('deleted', []).activeStep).toBe(5);
  });
});
