import { InputError, ResponseError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { OutageMonitor } from '../availability/OutageMonitor';
import { handleUnavailable } from './handleUnavailable';

async function permissionAnswered503() {
  const response = new Response(
    JSON.stringify({
      error: { name: 'Error', message: 'connect ECONNREFUSED 10.0.0.5:5432' },
      request: { method: 'POST', url: '/authorize' },
      response: { statusCode: 503 },
    }),
    { status: 503, headers: { 'content-type': 'application/json' } },
  );
  Object.defineProperty(response, 'url', {
    value: 'http://localhost:7007/api/permission/authorize',
  });
  return ResponseError.fromResponse(response);
}

describe('handleUnavailable', () => {
  function app(error: () => Promise<unknown>) {
    const failed = jest.fn();
    const outages = { failed } as unknown as OutageMonitor;
    const passedOn = jest.fn();
    const server = express();
    server.get('/resources/:id', (_req, _res, next) => {
      error().then(next, next);
    });
    server.use(handleUnavailable(outages));
    server.use(
      (
        err: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        passedOn(err);
        res.status(500).json({ passedOn: err.name });
      },
    );
    return { server, failed, passedOn };
  }

  it('answers 503 with Retry-After and the standard body when the database is out of reach', async () => {
    const { server, failed } = app(async () =>
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
        code: 'ECONNREFUSED',
      }),
    );
    const res = await request(server).get('/resources/abc?x=1');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      error: {
        name: 'ServiceUnavailableError',
        message:
          'The Platform API cannot reach its database right now; try again in 5 seconds',
      },
      request: { method: 'GET', url: '/resources/abc?x=1' },
      response: { statusCode: 503 },
    });
    // Addresses stay in the log.
    expect(res.text).not.toContain('10.0.0.5');
    expect(failed).toHaveBeenCalledWith(
      { dependency: 'database', detail: 'connect ECONNREFUSED 10.0.0.5:5432' },
      { refused: true },
    );
  });

  it('names the service that failed', async () => {
    const { server, failed } = app(permissionAnswered503);
    const res = await request(server).get('/resources/abc');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.message).toBe(
      'The Platform API cannot reach the permission service right now; try again in 5 seconds',
    );
    expect(failed).toHaveBeenCalledWith(
      {
        dependency: 'permission',
        detail: 'the permission service answered 503',
      },
      { refused: true },
    );
  });

  it('passes anything else on', async () => {
    const { server, failed, passedOn } = app(async () => new InputError('bad'));
    const res = await request(server).get('/resources/abc');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ passedOn: 'InputError' });
    expect(passedOn).toHaveBeenCalledTimes(1);
    expect(failed).not.toHaveBeenCalled();
  });
});
