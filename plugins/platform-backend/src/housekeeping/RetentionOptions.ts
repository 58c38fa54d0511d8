import { Config } from '@backstage/config';
import { MAX_WINDOW_DAYS } from '../metrics/HealthStore';

/** How many days the platform keeps what piles up (`platform.retention`). */
export interface RetentionOptions {
  /** Timeline events; the newest event of a live resource stays regardless. */
  eventsDays: number;
  /**
   * Reconcile health checks, the largest table by far (one row per ready
   * resource and reconcile). The summary's availability covers at most
   * these days.
   */
  healthChecksDays: number;
  /** Support tickets, whatever their status. */
  ticketsDays: number;
  /**
   * Survey answers. At least the longest summary window, so the
   * satisfaction figure of every window is complete.
   */
  surveyAnswersDays: number;
}

export const defaultRetentionOptions: RetentionOptions = {
  // A year of history and a month's margin: a resource's timeline still
  // shows last year's change, and the auditor's log holds the rest.
  eventsDays: 400,
  // Three months of checks are about 26,000 rows per ready resource at the
  // default reconcile interval; the dashboard's window is 30 days.
  healthChecksDays: 90,
  ticketsDays: 400,
  surveyAnswersDays: 400,
};

export function readRetentionOptions(config: Config): RetentionOptions {
  const c = config.getOptionalConfig('platform.retention');
  const days = (key: keyof RetentionOptions, minimum: number) => {
    const value = c?.getOptionalNumber(key) ?? defaultRetentionOptions[key];
    if (!Number.isInteger(value) || value < minimum) {
      throw new Error(
        `platform.retention.${key} must be a whole number of days, at least ${minimum}`,
      );
    }
    return value;
  };
  return {
    eventsDays: days('eventsDays', 1),
    healthChecksDays: days('healthChecksDays', 1),
    ticketsDays: days('ticketsDays', 1),
    surveyAnswersDays: days('surveyAnswersDays', MAX_WINDOW_DAYS),
  };
}
