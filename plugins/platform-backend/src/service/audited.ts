import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { unavailableCause } from '../availability/unavailableCause';
import { unavailableError } from '../availability/unavailableError';
import { retryTransactionConflicts } from '../database/transactionConflict';
import { PolicyDeniedError } from '../errors/RequestErrors';

/**
 * Runs a mutation inside an auditor event: `.success()` with what it
 * returned, `.fail()` with the error (and every violation of a policy denial,
 * or what was out of reach in an outage). A mutation whose transaction the
 * database rolled back for another (a deadlock) is run again, twice at most.
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
    const result = await retryTransactionConflicts(mutation);
    await event.success({ meta: options.describe?.(result) ?? {} });
    return result;
  } catch (error) {
    // An outage is logged once by the outage monitor: its audit events carry
    // what clients were told, not a stack each.
    const unavailable = unavailableCause(error);
    let meta: JsonObject = { outcome: 'failed' };
    if (error instanceof PolicyDeniedError) {
      meta = {
        outcome: 'policy-denied',
        violations: error.violations as unknown as JsonObject[],
      };
    } else if (unavailable) {
      meta = { outcome: 'unavailable', dependency: unavailable.dependency };
    }
    await event.fail({
      error: unavailable ? unavailableError(unavailable) : (error as Error),
      meta,
    });
    throw error;
  }
}
