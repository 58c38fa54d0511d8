import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { userInfoFromMembership } from '../__testUtils__/membership';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';

jest.setTimeout(60_000);

describe('auditing', () => {
  it('records every mutation with requester, resource and outcome', async () => {
    const success = jest.fn();
    const fail = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success, fail })),
    });
    const { server } = await startPlatformTestBackend({
      features: [auditor.factory],
    });
    const guest = mockCredentials.user.header('user:default/guest');
    const body = {
      offering: 'postgresql-database',
      name: 'orders',
      team: 'team-alpha',
      environment: 'development',
    };

    await request(server)
      .post('/api/platform/resources?dryRun=true')
      .set('Authorization', guest)
      .send(body);
    expect(auditor.createEvent).not.toHaveBeenCalled();

    const created = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', guest)
      .send(body);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'resource-create',
        severityLevel: 'medium',
        meta: {
          requester: 'user:default/guest',
          offering: 'postgresql-database',
          name: 'orders',
          team: 'team-alpha',
          environment: 'development',
        },
      }),
    );
    expect(success).toHaveBeenLastCalledWith({
      meta: { resourceId: created.body.id, state: 'pending' },
    });

    await request(server)
      .post('/api/platform/resources')
      .set('Authorization', guest)
      .send({ ...body, name: 'prod', environment: 'production' });
    expect(fail).toHaveBeenLastCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
      meta: {
        outcome: 'policy-denied',
        violations: expect.arrayContaining([
          expect.objectContaining({ policy: 'environment-rules' }),
        ]),
      },
    });

    await request(server)
      .get(`/api/platform/resources/${created.body.id}/secret`)
      .set('Authorization', guest);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'resource-secret-read',
        severityLevel: 'high',
        meta: { requester: 'user:default/guest', resourceId: created.body.id },
      }),
    );
    // Nothing provisioned yet, so nothing to reveal.
    expect(fail).toHaveBeenLastCalledWith({
      error: expect.objectContaining({ name: 'NotFoundError' }),
      meta: { outcome: 'failed' },
    });

    await request(server)
      .delete(`/api/platform/resources/${created.body.id}`)
      .set('Authorization', guest);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({ eventId: 'resource-delete' }),
    );
    expect(success).toHaveBeenLastCalledWith({
      meta: { team: 'team-alpha', name: 'orders' },
    });

    await request(server)
      .post(`/api/platform/resources/${created.body.id}/tickets`)
      .set('Authorization', guest)
      .send({ category: 'access', description: 'Cannot connect' })
      .expect(201);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'ticket-create',
        severityLevel: 'medium',
        meta: {
          requester: 'user:default/guest',
          resourceId: created.body.id,
          team: 'team-alpha',
          category: 'access',
        },
      }),
    );
    expect(success).toHaveBeenLastCalledWith({
      meta: { ticketId: expect.any(String) },
    });

    await request(server)
      .post('/api/platform/feedback/survey')
      .set('Authorization', guest)
      .send({ score: 9, comment: 'Quick' })
      .expect(201);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'survey-answer',
        meta: { requester: 'user:default/guest', score: 9 },
      }),
    );
    expect(success).toHaveBeenLastCalledWith({ meta: {} });
  });

  it('records each decision on a request for approval, with its comment', async () => {
    const success = jest.fn();
    const fail = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success, fail })),
    });
    const { server } = await startPlatformTestBackend({
      platform: {
        approvals: {
          rules: [{ environment: 'production', approvers: 'platform-team' }],
        },
      },
      features: [auditor.factory, userInfoFromMembership()],
    });
    const created = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', mockCredentials.user.header('user:default/guest'))
      .send({
        offering: 'web-application',
        name: 'shop',
        team: 'team-alpha',
        environment: 'production',
        config: { replicas: 2 },
      })
      .expect(202);
    const decide = (user: string) =>
      request(server)
        .post(`/api/platform/resources/${created.body.id}/reject`)
        .set('Authorization', mockCredentials.user.header(user))
        .send({ comment: 'Not this quarter' });

    await decide('user:default/guest').expect(403);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'resource-reject',
        severityLevel: 'high',
        meta: {
          requester: 'user:default/guest',
          resourceId: created.body.id,
          comment: 'Not this quarter',
        },
      }),
    );
    expect(fail).toHaveBeenLastCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
      meta: { outcome: 'failed' },
    });

    const rejected = await decide('user:default/priya').expect(200);
    expect(success).toHaveBeenLastCalledWith({
      meta: { approvalId: rejected.body.id, state: 'rejected' },
    });
  });

  it("records each extension of a resource's life with the asked expiry", async () => {
    const success = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success, fail: jest.fn() })),
    });
    const { server } = await startPlatformTestBackend({
      platform: {
        lifetimes: {
          environments: { development: { default: 'P7D', max: 'P30D' } },
        },
      },
      features: [auditor.factory],
    });
    const guest = mockCredentials.user.header('user:default/guest');
    const created = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', guest)
      .send({
        offering: 'web-application',
        name: 'kept',
        team: 'team-alpha',
        environment: 'development',
      })
      .expect(202);
    const expiresAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    await request(server)
      .post(`/api/platform/resources/${created.body.id}/extend`)
      .set('Authorization', guest)
      .send({ expiresAt })
      .expect(200);
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'resource-extend',
        meta: {
          requester: 'user:default/guest',
          resourceId: created.body.id,
          expiresAt,
        },
      }),
    );
    expect(success).toHaveBeenLastCalledWith({ meta: { expiresAt } });
  });
});
