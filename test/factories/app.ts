import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, loadConfig, migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../../apps/api/src/app';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  config: AppConfig;
  /** What the app takes for now (see TestClock). */
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * The eve of the reference conference every spec's event is modelled on
 * (world.ts `eventBody`: 19 Jan 2021, 01:00–10:00 UTC): its meeting slots lie
 * ahead, as they do for an organizer preparing it.
 */
export const REFERENCE_EVE = '2021-01-19T00:00:00.000Z';

/** A clock that stands still at a chosen instant until a spec moves it. */
export class TestClock extends Clock {
  private at: number;
  constructor(at: string | Date = REFERENCE_EVE) {
    super();
    this.at = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: string | Date): void {
    this.at = new Date(at).getTime();
  }
}

/** The URL the global setup prepared (embedded PostgreSQL, or TEST_DATABASE_URL). */
export function testDatabaseUrl(): string {
  const url = process.env.TB_TEST_DATABASE_URL;
  if (!url) throw new Error('TB_TEST_DATABASE_URL is not set: run the e2e tests through jest (test/setup/global-setup.mjs)');
  return url;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'tradebridge-data-')),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    JWT_TTL: '1h',
    LOG_LEVEL: 'error',
    // Specs drain the notifier themselves; one in the background would write between a fuzz case's fingerprints.
    NOTIFIER: 'off',
    // The same for the reminder sweeper: specs call sweep() at the instants they choose.
    REMINDERS: 'off',
    // And the attendance rules: the specs' meetings lie in 2021, so a sweep would find every online one missed.
    MEETING_ATTENDANCE: 'off',
    // Only a spec with its own queue sends (its worker then sees only its own mails): a worker on the
    // shared default queue would pick up every other spec's jobs and be mid-send when its app closes.
    MAIL_WORKER: overrides.MAIL_QUEUE ? 'on' : 'off',
    ...overrides,
  });
}

/** The API exactly as `npm start` builds it, on the test database (migrated once, under a lock). */
export async function createTestApp(overrides: Record<string, string> = {}, clock = new TestClock()): Promise<TestApp> {
  const config = testConfig(overrides);
  await migrateDatabase(config.databaseUrl!, ENTITIES, MIGRATIONS);
  const app = await createApiApp(config, config.databaseUrl!, [], clock);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    clock,
    close: () => app.close(),
  };
}
