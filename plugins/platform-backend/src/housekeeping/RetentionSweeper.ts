import { LoggerService } from '@backstage/backend-plugin-api';
import { FeedbackStore } from '../metrics/FeedbackStore';
import { HealthStore } from '../metrics/HealthStore';
import { EventLog } from '../store/EventLog';
import { RetentionOptions } from './RetentionOptions';

/** Deletes at most `limit` rows recorded before `before`, oldest first; resolves to how many. */
type PruneBatch = (options: {
  before: string;
  limit: number;
}) => Promise<number>;

type Kind = 'events' | 'healthChecks' | 'tickets' | 'surveyAnswers';

const DAYS: Record<Kind, keyof RetentionOptions> = {
  events: 'eventsDays',
  healthChecks: 'healthChecksDays',
  tickets: 'ticketsDays',
  surveyAnswers: 'surveyAnswersDays',
};

/** Rows one statement deletes: short transactions, short locks. */
const DEFAULT_BATCH_SIZE = 1000;

/**
 * Deletes records older than their retention, a bounded batch per statement,
 * until none is left or the run is aborted (the scheduled task's timeout):
 * what a run leaves is the next run's work.
 */
export class RetentionSweeper {
  readonly #targets: Record<Kind, PruneBatch>;
  readonly #retention: RetentionOptions;
  readonly #logger: LoggerService;
  readonly #batchSize: number;

  constructor(options: {
    resources: { events: Pick<EventLog, 'prune'> };
    health: Pick<HealthStore, 'pruneChecks'>;
    feedback: Pick<FeedbackStore, 'pruneTickets' | 'pruneSurveyAnswers'>;
    retention: RetentionOptions;
    logger: LoggerService;
    batchSize?: number;
  }) {
    const { resources, health, feedback } = options;
    this.#targets = {
      events: batch => resources.events.prune(batch),
      healthChecks: batch => health.pruneChecks(batch),
      tickets: batch => feedback.pruneTickets(batch),
      surveyAnswers: batch => feedback.pruneSurveyAnswers(batch),
    };
    this.#retention = options.retention;
    this.#logger = options.logger;
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  async sweep(
    signal?: AbortSignal,
    now = new Date(),
  ): Promise<Record<Kind, number>> {
    const deleted: Record<Kind, number> = {
      events: 0,
      healthChecks: 0,
      tickets: 0,
      surveyAnswers: 0,
    };
    const failures: string[] = [];
    for (const kind of Object.keys(DAYS) as Kind[]) {
      const days = this.#retention[DAYS[kind]];
      const before = new Date(now.getTime() - days * 86_400_000).toISOString();
      try {
        for (;;) {
          if (signal?.aborted) {
            this.#report(
              deleted,
              'stopped at its time limit; the next run goes on',
            );
            return deleted;
          }
          const count = await this.#targets[kind]({
            before,
            limit: this.#batchSize,
          });
          deleted[kind] += count;
          if (count < this.#batchSize) {
            break;
          }
        }
      } catch (error) {
        failures.push(`${kind}: ${error}`);
        this.#logger.warn(`Retention could not prune ${kind}: ${error}`);
      }
    }
    this.#report(deleted);
    if (failures.length > 0) {
      throw new Error(`Retention could not prune ${failures.join('; ')}`);
    }
    return deleted;
  }

  #report(deleted: Record<Kind, number>, note?: string) {
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (total === 0 && !note) {
      return;
    }
    this.#logger.info(
      `Retention deleted ${deleted.events} events, ${
        deleted.healthChecks
      } health checks, ${deleted.tickets} tickets and ${
        deleted.surveyAnswers
      } survey answers${note ? `; ${note}` : ''}`,
    );
  }
}
