import { serializeError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import {
  InvalidRequestError,
  PolicyDeniedError,
} from '../errors/RequestErrors';

/**
 * Sends invalid requests and policy denials in Backstage's standard error
 * body, with every field error or violation listed beside the message.
 */
export function handleRequestErrors(
  error: Error,
  req: Request,
  res: Response,
  next: NextFunction,
) {
  let details:
    | { status: number; errors?: unknown[]; violations?: unknown[] }
    | undefined;
  if (error instanceof InvalidRequestError) {
    details = { status: 400, errors: error.errors };
  } else if (error instanceof PolicyDeniedError) {
    details = { status: 403, violations: error.violations };
  }
  if (!details) {
    next(error);
    return;
  }
  const { status, ...lists } = details;
  const { name, message } = serializeError(error);
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: status },
    ...lists,
  });
}
