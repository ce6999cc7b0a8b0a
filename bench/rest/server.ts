/**
 * The HTTP server under test, in a child process of the REST and conference
 * benchmarks, on an ephemeral port of 127.0.0.1; driven over IPC (./protocol).
 *
 * BENCH_REST_MODE=api: the TradeBridge API exactly as production builds it
 * (`createApiApp`), NODE_ENV=production, on BENCH_REST_DATABASE_URL.
 * BENCH_REST_MODE=bare: the bare Fastify + `pg` baseline of ./bare.ts.
 *
 * Either one can record the SQL statements it sends (`capture`), so the
 * benchmark can check that both run the same statements for a request.
 */
import '../gateway/register';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import type { FromServer, Statement, ToServer } from './protocol';

process.env.NODE_ENV = 'production';

let capturing = false;
let captured: Statement[] = [];
const record = (sql: string, params: unknown[] | undefined) => {
  if (capturing) captured.push({ sql, params: params?.length ?? 0 });
};
let stop: () => Promise<void> = () => Promise.resolve();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function send(message: FromServer): void {
  process.send?.(message);
}

async function startApi(databaseUrl: string, jwtSecret: string): Promise<number> {
  const { DataSource } = await import('typeorm');
  const { loadConfig } = await import('@tradebridge/core');
  const { createApiApp } = await import('../../apps/api/src/app');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'error',
    DATA_DIR: tmpdir(),
    MAX_PENDING_REQUESTS: process.env.BENCH_REST_MAX_PENDING,
  });
  const app = await createApiApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  // Every statement TypeORM sends goes through its logger first (PostgresQueryRunner.query).
  const logger = app.get(DataSource).logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    record(query, Array.isArray(parameters) ? parameters : undefined);
    logQuery(query, parameters, queryRunner);
  };
  stop = () => app.close();
  return ((app.getHttpServer() as Server).address() as AddressInfo).port;
}

async function startBare(databaseUrl: string, jwtSecret: string): Promise<number> {
  const { createBareServer } = await import('./bare');
  const bare = await createBareServer({
    databaseUrl,
    jwtSecret,
    maxPendingPerRegistration: Number(process.env.BENCH_REST_MAX_PENDING || 20),
    // The API's CONNECTION_TTL default (24h): the API above is started without one.
    connectionTtlSeconds: 24 * 3600,
    onQuery: record,
  });
  stop = bare.close;
  return bare.port;
}

async function handle(message: ToServer): Promise<void> {
  switch (message.t) {
    case 'capture':
      if (message.on) {
        captured = [];
        capturing = true;
      } else {
        capturing = false;
        send({ t: 'captured', statements: captured });
        captured = [];
      }
      return;
    case 'cpu': {
      const cpu = process.cpuUsage();
      send({ t: 'cpu', micros: cpu.user + cpu.system, rss: process.memoryUsage().rss });
      return;
    }
    case 'loop': {
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      send({ t: 'loop', p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) });
      loopDelay.reset();
      return;
    }
    case 'stop':
      await stop();
      send({ t: 'stopped' });
      setTimeout(() => process.exit(0), 100).unref();
      return;
  }
}

process.on('message', (message: ToServer) => {
  handle(message).catch((error: unknown) => send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on('disconnect', () => process.exit(0));

const databaseUrl = process.env.BENCH_REST_DATABASE_URL!;
const jwtSecret = process.env.BENCH_REST_JWT_SECRET!;
(process.env.BENCH_REST_MODE === 'bare' ? startBare(databaseUrl, jwtSecret) : startApi(databaseUrl, jwtSecret)).then(
  (port) => send({ t: 'ready', port }),
  (error: unknown) => {
    send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    setTimeout(() => process.exit(1), 100);
  },
);
