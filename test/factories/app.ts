import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig, migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../../apps/api/src/app';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  config: AppConfig;
  close(): Promise<void>;
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
    ...overrides,
  });
}

/** The API exactly as `npm start` builds it, on the test database (migrated once, under a lock). */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  await migrateDatabase(config.databaseUrl!, ENTITIES, MIGRATIONS);
  const app = await createApiApp(config, config.databaseUrl!);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    close: () => app.close(),
  };
}
