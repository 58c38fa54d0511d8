import { PolicyDeniedError } from '../errors/RequestErrors';

const money = (value: number, currency: string) =>
  `${value.toFixed(2)} ${currency}`;

/**
 * A team's spend went over its budget as a request was recorded: the
 * budget policy's refusal, found inside the writing transaction. Callers
 * handle it as any other refusal by policy.
 */
export class BudgetExceededError extends PolicyDeniedError {
  constructor(options: {
    team: string;
    spend: number;
    budget: number;
    added: number;
    currency: string;
  }) {
    const { team, spend, budget, added, currency } = options;
    super([
      {
        policy: 'budget',
        reason: `Team ${team} would spend ${money(
          spend,
          currency,
        )} a month with this request (${money(
          added,
          currency,
        )}), over its budget of ${money(budget, currency)}`,
      },
    ]);
  }
}
