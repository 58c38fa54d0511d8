import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { PolicyDeniedError } from '../resources/RequestErrors';

/**
 * Runs a mutation inside an auditor event: `.success()` with what it
 * returned, `.fail()` with the error (and every violation of a policy denial).
 */
export async function audited<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    /** The HTTP request, when the mutation came through the API. */
    request?: Request;
    severityLevel: 'medium' | 'high';
    meta: JsonObject;
    describe?: (result: T) => JsonObject;
  },
  mutation: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    request: options.request,
    severityLevel: options.severityLevel,
    meta: options.meta,
  });
  try {
    const result = await mutation();
    await event.success({ meta: options.describe?.(result) ?? {} });
    return result;
  } catch (error) {
    await event.fail({
      error: error as Error,
      meta:
        error instanceof PolicyDeniedError
          ? {
              outcome: 'policy-denied',
              violations: error.violations as unknown as JsonObject[],
            }
          : { outcome: 'failed' },
    });
    throw error;
  }
}
