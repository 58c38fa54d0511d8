import { mockServices } from '@backstage/backend-test-utils';
import { Request } from 'express';
import { audited } from './audited';

describe('audited', () => {
  it('records an outage as unavailable, with what clients are told and no stack', async () => {
    const fail = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success: jest.fn(), fail })),
    });
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 10.0.0.5:5432'),
      { code: 'ECONNREFUSED' },
    );

    await expect(
      audited(
        auditor,
        {
          eventId: 'resource-create',
          request: {} as Request,
          severityLevel: 'medium',
          meta: {},
        },
        async () => {
          throw refused;
        },
      ),
    ).rejects.toBe(refused);

    expect(fail).toHaveBeenCalledTimes(1);
    const [{ error, meta }] = fail.mock.calls[0];
    expect(meta).toEqual({ outcome: 'unavailable', dependency: 'database' });
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toBe(
      'The Platform API cannot reach its database right now; try again in 5 seconds',
    );
    expect(error.stack).toBeUndefined();
  });
});
