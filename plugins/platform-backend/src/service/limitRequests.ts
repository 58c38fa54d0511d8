import { HttpAuthService } from '@backstage/backend-plugin-api';
import { serializeError } from '@backstage/errors';
import { RequestHandler } from 'express';
import { TooManyRequestsError } from '../errors/TooManyRequestsError';
import { PrincipalRateLimiter } from './PrincipalRateLimiter';

/**
 * Counts every request against the limiter before anything reads its body,
 * and answers one over a limit itself: 429, `Retry-After` and the standard
 * error body. Credentials the route would refuse count for the address
 * only; the route then refuses them as it always did.
 */
export function limitRequests(
  limiter: PrincipalRateLimiter,
  httpAuth: HttpAuthService,
): RequestHandler {
  return async (req, res, next) => {
    const credentials = await httpAuth.credentials(req).catch(() => undefined);
    try {
      limiter.take({
        credentials,
        address: req.ip ?? req.socket.remoteAddress,
      });
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) {
        throw error;
      }
      res
        .status(429)
        .set('Retry-After', String(error.retryAfterSeconds))
        .json({
          error: serializeError(error),
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 429 },
        });
      return;
    }
    next();
  };
}
