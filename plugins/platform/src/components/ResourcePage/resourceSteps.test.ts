import { approvalRequest, event } from '../../__testUtils__/fixtures';
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

  it('starts a creation that waits for approval with that step', () => {
    expect(resourceSteps('awaiting-approval', [])).toEqual({
      labels: ['Awaiting approval', 'Pending', 'Provisioning', 'Ready'],
      activeStep: 0,
    });
  });

  it('keeps the approval step once the creation was approved', () => {
    const approved = [approvalRequest({ state: 'approved' })];
    expect(resourceSteps('provisioning', [], approved)).toEqual({
      labels: ['Awaiting approval', 'Pending', 'Provisioning', 'Ready'],
      activeStep: 2,
    });
    // Without the history, the timeline tells.
    const timeline = [
      event({ type: 'approval-requested', state: 'awaiting-approval' }),
      event({ id: 2, type: 'approved', state: 'pending' }),
    ];
    expect(resourceSteps('ready', timeline).activeStep).toBe(4);
    expect(resourceSteps('failed', timeline)).toMatchObject({
      activeStep: 2,
      failedStep: 2,
    });
  });

  it('ends a rejected creation at "Rejected"', () => {
    expect(resourceSteps('rejected', [])).toEqual({
      labels: ['Awaiting approval', 'Rejected'],
      activeStep: 1,
      failedStep: 1,
      rejected: true,
    });
  });

  it('puts a change that waits for approval before the update', () => {
    const change = [approvalRequest({ action: 'update' })];
    expect(resourceSteps('awaiting-approval', [], change)).toEqual({
      labels: [
        'Pending',
        'Provisioning',
        'Ready',
        'Change awaiting approval',
        'Updating',
      ],
      activeStep: 3,
    });
    // A resource that was ready waits for a change, even before the history is read.
    expect(
      resourceSteps('awaiting-approval', [event({ state: 'ready' })]).labels,
    ).toContain('Change awaiting approval');
    expect(
      resourceSteps(
        'updating',
        [],
        [approvalRequest({ action: 'update', state: 'approved' })],
      ),
    ).toMatchObject({ activeStep: 4 });
  });
});
