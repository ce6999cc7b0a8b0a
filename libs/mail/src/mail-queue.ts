import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';

/** pg-boss's schema; the one queue of outbound e-mail is `MAIL_QUEUE` (default `mail`). */
export const PGBOSS_SCHEMA = 'pgboss';
/** How long a stopping process lets its sends in flight finish. */
const STOP_MS = 3_000;
/** The NOTIFY channel an enqueue wakes idle workers on (payload: the queue's name). */
export const MAIL_CHANNEL = 'mail_queued';
/** Any constant: the same in every process (see onModuleInit). */
const START_LOCK = 728_341_906;

/**
 * The pg-boss instance of this process, on the API's own connection pool (so
 * the embedded PostgreSQL of `npm start` needs nothing more, and a statement
 * timeout bounds its queries as it bounds ours). Started before the app
 * listens: `start()` creates pg-boss's schema under pg-boss's advisory lock,
 * so several API processes starting at once create it once. Monitoring is off
 * and maintenance quiet: pg-boss logs nothing, its errors go to our logger
 * once per distinct message.
 */
@Injectable()
export class MailQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MailQueue');
  readonly boss: PgBoss;
  readonly name: string;
  /** Where this process's PostgreSQL is, for a LISTEN session of its own. */
  readonly connectionString: string;
  private readonly pool: Pool;
  private lastError?: string;
  private working = false;

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.name = config.mail.queue;
    this.connectionString = (dataSource.options as { url?: string }).url ?? config.databaseUrl ?? '';
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.pool = pool;
    this.boss = new PgBoss({
      schema: PGBOSS_SCHEMA,
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
      // Expired (hung or killed) sends go back to the queue at the next maintenance pass.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(config.mail.expireSeconds / 2))),
      schedule: false,
    });
    this.boss.on('error', (error: Error) => {
      if (error.message === this.lastError) return;
      this.lastError = error.message;
      this.logger.warn(`pg-boss: ${error.message}`);
    });
  }

  async onModuleInit(): Promise<void> {
    // pg-boss's first start creates its schema without a lock of its own: two processes starting
    // on an empty database at once collide on CREATE SCHEMA. One start at a time, across processes.
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
      await this.boss.start();
      // Creating the queue makes a partition of pg-boss's job table: two at once deadlock, so it runs under the same lock.
      if (!(await this.boss.getQueue(this.name))) await this.boss.createQueue(this.name, { name: this.name, policy: 'standard' });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [START_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    // Sends in flight get STOP_MS to finish; after that pg-boss fails them back to the queue (retried
    // by whichever process is up), so a hung SMTP server never holds a shutdown past its grace.
    // The pool is ours to close, not pg-boss's.
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_MS });
    // pg-boss's stop leaves behind a loop that checks once a second whether its workers ended; it
    // must finish before the pool closes (or, in a test, before Jest tears the module down).
    if (this.working) await new Promise((resolve) => setTimeout(resolve, 1_100));
  }

  /** E-mails per job (MAIL_BUNDLE): notification ids or whole messages. */
  get bundleSize(): number {
    return this.config.mail.bundleSize;
  }

  /** Which messages of these bundles were sent already (`<jobId>:<messageId>`): a retried bundle sends only the others. */
  async sentOf(jobIds: string[]): Promise<Set<string>> {
    if (!jobIds.length) return new Set();
    const rows = await this.pool.query<{ key: string }>(`SELECT job_id || ':' || message_id AS key FROM mail_sent WHERE job_id = ANY($1::uuid[])`, [jobIds]);
    return new Set(rows.rows.map((r) => r.key));
  }

  /** Remembers messages of bundles as sent, in one autocommitted statement (before the lane takes its next message). */
  async markSent(sent: { jobId: string; messageId: string }[]): Promise<void> {
    if (!sent.length) return;
    await this.pool.query(`INSERT INTO mail_sent (job_id, message_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [
      sent.map((s) => s.jobId),
      sent.map((s) => s.messageId),
    ]);
  }

  /** Completes bundles whose every message is sent, then forgets their marks (a crash between the two leaves rows no job reads again). */
  async completeBundles(jobIds: string[]): Promise<void> {
    if (!jobIds.length) return;
    await this.boss.complete(this.name, jobIds);
    await this.pool.query(`DELETE FROM mail_sent WHERE job_id = ANY($1::uuid[])`, [jobIds]);
  }

  /** Called by the worker when it starts taking jobs (see onModuleDestroy). */
  markWorking(): void {
    this.working = true;
  }

  /**
   * Completes sent mails' jobs: one statement, so one round trip and one
   * transaction. It waits for the WAL flush like every commit: with
   * `synchronous_commit = off` the worker sent faster (see docs/benchmarks.md),
   * but a PostgreSQL crash could then forget completions of messages already
   * sent and send more than those in flight again.
   */
  async complete(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.boss.complete(this.name, ids);
  }

  /** Job options of every mail: retried with backoff through an SMTP outage, a hung send expires. */
  jobOptions(): Pick<PgBoss.JobInsert, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'> {
    const { retryLimit, retryDelaySeconds, retryBackoff, expireSeconds } = this.config.mail;
    return { retryLimit, retryDelay: retryDelaySeconds, retryBackoff, expireInSeconds: expireSeconds };
  }
}
