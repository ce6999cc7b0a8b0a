import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database';

/** What pg, pg-pool and TypeORM throw when PostgreSQL goes away, against what a bad query throws. */
function driverError(code: string | undefined, message: string): Error & { code?: string } {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', driverError('ECONNRESET', 'read ECONNRESET')],
    ['admin shutdown (57P01)', new QueryFailedError('SELECT 1', [], driverError('57P01', 'terminating connection due to administrator command'))],
    ['crash shutdown (57P02)', driverError('57P02', 'terminating connection because of crash of another server process')],
    ['cannot connect now (57P03)', driverError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', driverError('53300', 'sorry, too many clients already')],
    ['connection exception class 08', driverError('08006', 'connection failure')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['lost mid-query', new QueryFailedError('INSERT …', [], new Error('Connection terminated unexpectedly'))],
    // DATABASE_STATEMENT_TIMEOUT_MS: the server cancelled it, or (a frozen server) pg gave up waiting.
    ['statement timeout (57014)', new QueryFailedError('SELECT …', [], driverError('57014', 'canceling statement due to statement timeout'))],
    ['no answer in time', new QueryFailedError('SELECT …', [], new Error('Query read timeout'))],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    [
      'every address refused',
      Object.assign(new AggregateError([driverError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')]), {
        code: undefined,
      }),
    ],
  ])('%s: yes', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', new QueryFailedError('INSERT …', [], driverError('23505', 'duplicate key value violates unique constraint'))],
    ['syntax error', driverError('42601', 'syntax error at or near "SELEC"')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: no', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
