import { ConflictError } from '@backstage/errors';
import {
  Page,
  SupportTicket,
  SurveyAnswer,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { TABLES } from '../database/tables';
import { v7 as uuid } from 'uuid';

const ANSWERS = TABLES.surveyAnswers;
const TICKETS = TABLES.supportTickets;

/** How often one user may answer the survey. */
export const SURVEY_INTERVAL_DAYS = 30;

/** Survey answers and support tickets: the feedback behind the health figures. */
export class FeedbackStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async lastAnswer(userRef: string): Promise<SurveyAnswer | undefined> {
    const row = await this.#db(ANSWERS)
      .where({ user_ref: userRef })
      .orderBy('created_at', 'desc')
      .first();
    return row
      ? {
          score: Number(row.score),
          comment: row.comment ?? undefined,
          createdAt: row.created_at,
        }
      : undefined;
  }

  /** Records an answer, at most one per user every 30 days. */
  async answer(
    userRef: string,
    score: number,
    comment: string | undefined,
    now = new Date(),
  ): Promise<SurveyAnswer> {
    const since = new Date(
      now.getTime() - SURVEY_INTERVAL_DAYS * 86_400_000,
    ).toISOString();
    const createdAt = now.toISOString();
    await this.#db.transaction(async tx => {
      const recent = await tx(ANSWERS)
        .where({ user_ref: userRef })
        .andWhere('created_at', '>=', since)
        .first();
      if (recent) {
        throw new ConflictError(
          `You answered on ${recent.created_at.slice(
            0,
            10,
          )}; the survey can be answered once every ${SURVEY_INTERVAL_DAYS} days`,
        );
      }
      await tx(ANSWERS).insert({
        user_ref: userRef,
        score,
        comment: comment ?? null,
        created_at: createdAt,
      });
    });
    return { score, comment, createdAt };
  }

  async reportProblem(
    ticket: Omit<SupportTicket, 'id' | 'createdAt' | 'status'>,
  ): Promise<SupportTicket> {
    const row = {
      id: uuid(),
      resource_id: ticket.resourceId,
      team: ticket.team,
      category: ticket.category,
      description: ticket.description,
      created_by: ticket.createdBy,
      created_at: new Date().toISOString(),
      status: 'open',
    };
    await this.#db(TICKETS).insert(row);
    return {
      ...ticket,
      id: row.id,
      createdAt: row.created_at,
      status: 'open',
    };
  }

  /**
   * Newest first, keyset-paginated on the time-ordered id: the tickets after
   * the ticket `cursor`, `limit` at a time.
   */
  async listTickets(filter: {
    team?: string;
    resourceId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<SupportTicket>> {
    const query = this.#db(TICKETS)
      .orderBy('id', 'desc')
      .limit(filter.limit + 1);
    if (filter.team) query.where({ team: filter.team });
    if (filter.resourceId) query.where({ resource_id: filter.resourceId });
    if (filter.cursor) query.where('id', '<', filter.cursor);
    const rows = await query;
    const items: SupportTicket[] = rows.slice(0, filter.limit).map(r => ({
      id: r.id,
      resourceId: r.resource_id,
      team: r.team,
      category: r.category,
      description: r.description,
      createdBy: r.created_by,
      createdAt: r.created_at,
      status: r.status,
    }));
    return {
      items,
      nextCursor:
        rows.length > filter.limit ? items[items.length - 1].id : undefined,
    };
  }

  /** Deletes at most `limit` tickets opened before `before`, oldest first. */
  async pruneTickets(options: {
    before: string;
    limit: number;
  }): Promise<number> {
    const expired = this.#db(TICKETS)
      .select('id')
      .where('created_at', '<', options.before)
      .orderBy('created_at')
      .limit(options.limit);
    return this.#db(TICKETS).whereIn('id', expired).delete();
  }

  /** Deletes at most `limit` survey answers given before `before`, oldest first. */
  async pruneSurveyAnswers(options: {
    before: string;
    limit: number;
  }): Promise<number> {
    const expired = this.#db(ANSWERS)
      .select('id')
      .where('created_at', '<', options.before)
      .orderBy('created_at')
      .limit(options.limit);
    return this.#db(ANSWERS).whereIn('id', expired).delete();
  }
}
