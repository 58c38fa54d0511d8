import { ResponseError } from '@backstage/errors';

/** The server's own message for a failed call, or the error's message. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError && error.cause?.message) {
    return error.cause.message;
  }
  return error.message;
}
