import { ConflictError, serializeError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import { NoLongerAllowedError } from '../approvals/NoLongerAllowedError';
import { isTransactionConflict } from '../database/transactionConflict';
import {
  InvalidRequestError,
  PolicyDeniedError,
} from '../errors/RequestErrors';

/**
 * Sends invalid requests and policy denials in Backstage's standard error
 * body, with every field error or violation listed beside the message; and
 * a transaction the database rolled back for another (a deadlock, a
 * serialization failure) as the conflict it is, to try again, not a 500.
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
  } else if (error instanceof NoLongerAllowedError) {
    details = {
      status: 409,
      errors: error.errors,
      violations: error.violations,
    };
  } else if (isTransactionConflict(error)) {
    details = { status: 409 };
  }
  if (!details) {
    next(error);
    return;
  }
  const { status, ...lists } = details;
  const { name, message } = serializeError(
    isTransactionConflict(error)
      ? // The driver's error names tables and statements: not for clients.
        new ConflictError(
          'Another change of the same data was being made at the same moment; try again',
        )
      : error,
  );
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: status },
    ...lists,
  });
}
