import { serializeError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { OutageMonitor } from '../availability/OutageMonitor';
import { unavailableCause } from '../availability/unavailableCause';
import {
  RETRY_AFTER_SECONDS,
  unavailableError,
} from '../availability/unavailableError';

/**
 * Answers 503 with `Retry-After` and the standard error body when the
 * database or a service the platform calls is out of reach, and tells the
 * outage monitor instead of logging each request; passes anything else on.
 */
export function handleUnavailable(outages: OutageMonitor): ErrorRequestHandler {
  return (error, req, res, next) => {
    const cause = unavailableCause(error);
    if (!cause || res.headersSent) {
      next(error);
      return;
    }
    outages.failed(cause, { refused: true });
    res
      .status(503)
      .set('Retry-After', String(RETRY_AFTER_SECONDS))
      .json({
        error: serializeError(unavailableError(cause)),
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 503 },
      });
  };
}
