import { ForwardedError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { handleRequestErrors } from '../service/handleRequestErrors';
import {
  isTransactionConflict,
  retryTransactionConflicts,
} from './transactionConflict';

jest.setTimeout(60_000);

/** A pg error as knex rethrows it: the SQL, ` - `, the server's message. */
const postgres = (code: string, message: string) =>
  Object.assign(new Error(`update "platform_approvals" - ${message}`), {
    code,
  });

const deadlock = () => postgres('40P01', 'deadlock detected');

describe('transactions that lost to another', () => {
  it.each([
    ['a deadlock', deadlock()],
    ['a serialization failure', postgres('40001', 'could not serialize')],
    [
      'a busy SQLite',
      Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }),
    ],
    ['a wrapped deadlock', new ForwardedError('Could not decide', deadlock())],
  ])('recognises %s', (_, error) => {
    expect(isTransactionConflict(error)).toBe(true);
  });

  it.each([
    ['a unique violation', postgres('23505', 'duplicate key value')],
    ['a lost connection', postgres('57P01', 'terminating connection')],
    ['any error', new Error('boom')],
    ['undefined', undefined],
  ])('tells %s apart', (_, error) => {
    expect(isTransactionConflict(error)).toBe(false);
  });

  it('runs the work again after a loss, up to three times in all', async () => {
    let runs = 0;
    await expect(
      retryTransactionConflicts(async () => {
        runs++;
        if (runs < 3) {
          throw deadlock();
        }
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(runs).toBe(3);

    runs = 0;
    await expect(
      retryTransactionConflicts(async () => {
        runs++;
        throw deadlock();
      }),
    ).rejects.toThrow('deadlock detected');
    expect(runs).toBe(3);

    runs = 0;
    await expect(
      retryTransactionConflicts(async () => {
        runs++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(runs).toBe(1);
  });

  it('answers a conflict 409, without the statement, never 500', async () => {
    const app = express();
    app.post('/decide', () => {
      throw new ForwardedError('Could not decide', deadlock());
    });
    app.use(handleRequestErrors);
    const answer = await request(app).post('/decide').expect(409);
    expect(answer.body.error).toEqual({
      name: 'ConflictError',
      message:
        'Another change of the same data was being made at the same moment; try again',
    });
  });

  const databases = createTestDatabases();
  const postgresIds = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));

  // Only PostgreSQL detects deadlocks; SQLite runs one writer at a time.
  const onPostgres = postgresIds.length > 0 ? describe : describe.skip;
  onPostgres('on PostgreSQL', () => {
    it.each(postgresIds.length > 0 ? postgresIds : [['POSTGRES_15']])(
      "recognises the database's own deadlock, on %s",
      async databaseId => {
        const knex = await databases.init(databaseId as 'POSTGRES_15');
        await knex.schema.createTable('rows', table => {
          table.integer('id').primary();
        });
        await knex('rows').insert([{ id: 1 }, { id: 2 }]);
        // Two transactions take the two rows in opposite orders.
        let bothHoldOne: () => void;
        const held = new Promise<void>(resolve => {
          let count = 0;
          bothHoldOne = () => {
            if (++count === 2) resolve();
          };
        });
        const crosswise = (first: number, second: number) =>
          knex.transaction(async tx => {
            await tx('rows').where({ id: first }).forUpdate();
            bothHoldOne();
            await held;
            await tx('rows').where({ id: second }).forUpdate();
          });
        const outcomes = await Promise.allSettled([
          crosswise(1, 2),
          crosswise(2, 1),
        ]);
        const losses = outcomes.filter(o => o.status === 'rejected');
        expect(losses).toHaveLength(1);
        expect(
          isTransactionConflict((losses[0] as PromiseRejectedResult).reason),
        ).toBe(true);
      },
    );
  });
});
