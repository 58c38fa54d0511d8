/**
 * What a database says when it rolled a transaction back because another
 * one held what it needed: PostgreSQL's deadlock_detected (40P01) and
 * serialization_failure (40001), SQLite's busy database. Nothing was
 * written, and the same work may well succeed a moment later.
 */
const CONFLICT_CODES = new Set(['40P01', '40001', 'SQLITE_BUSY']);

const MAX_DEPTH = 6;

/** Whether an error, or one it wraps, is a transaction that lost to another. */
export function isTransactionConflict(error: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && CONFLICT_CODES.has(code)) {
    return true;
  }
  return isTransactionConflict(cause, depth + 1);
}

/**
 * Runs `work` (one or more whole transactions) again when it lost to
 * another transaction, up to `attempts` times in all; the last loss is
 * thrown.
 */
export async function retryTransactionConflicts<T>(
  work: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) {
        throw error;
      }
      // A short random pause, so that the two losers do not meet again.
      await new Promise(resolve => setTimeout(resolve, Math.random() * 50));
    }
  }
}
