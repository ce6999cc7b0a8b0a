import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locale } from '@tradebridge/contracts';
import { Database } from '@tradebridge/core';
import { MailOutbox, OutboundMail } from '@tradebridge/mail';
import type { TestApp } from './app';
import { AppProcess, startAppProcess } from './servers';

/** A fully rendered e-mail as the notifier hands it to the outbox. */
export function outboundMail(to: { id: string; email: string }, overrides: Partial<OutboundMail> = {}): OutboundMail {
  const locale: Locale = overrides.locale ?? 'vi';
  return {
    id: randomUUID(),
    userId: to.id,
    to: to.email,
    locale,
    kind: 'connection.requested',
    subject: 'Yêu cầu kết nối mới từ Zhejiang Silk',
    text: 'Zhejiang Silk muốn kết nối với bạn.',
    html: '<p>Zhejiang Silk muốn kết nối với bạn.</p>',
    unsubscribe: true,
    ...overrides,
  };
}

/** Queues mails through the real outbox in one transaction; `rollback` aborts it after the enqueue. */
export async function enqueueMails(t: Pick<TestApp, 'app'>, mails: OutboundMail[], rollback = false): Promise<void> {
  const outbox = t.app.get(MailOutbox);
  const database = t.app.get(Database);
  await database
    .transaction(async (tx) => {
      await outbox.enqueue(tx, mails);
      if (rollback) throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
}

class RollBack extends Error {}

/** A queue name of its own per spec, so specs running side by side never take each other's mail. */
export function mailQueueName(spec: string): string {
  return `mail-${spec}-${randomUUID().slice(0, 8)}`;
}

/** What a queue's jobs are doing, for a spec's failure message: counts by state, and the last errors. */
export async function queueStates(db: { query: <T>(sql: string, params?: unknown[]) => Promise<T> }, queue: string): Promise<string> {
  const states = await db.query<{ state: string; n: number }[]>(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state ORDER BY state`, [queue]);
  const errors = await db.query<{ output: unknown }[]>(`SELECT output FROM pgboss.job WHERE name = $1 AND output IS NOT NULL ORDER BY created_on DESC LIMIT 3`, [queue]);
  const exists = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.queue WHERE name = $1`, [queue]);
  return `queue ${queue} (${exists[0]?.n ? 'exists' : 'missing'}): ${states.map((s) => `${s.state} ${s.n}`).join(', ') || 'no jobs'}; last outputs ${JSON.stringify(errors.map((e) => e.output))}`;
}

/**
 * A built API process on the spec's database that only sends its queue's mail to `smtpUrl`
 * (no notifier, no reminder sweeper: those would turn other specs' changes into mail to
 * this server). `env` adds the spec's MAIL_* settings.
 */
export function startMailWorker(t: Pick<TestApp, 'config'>, smtpUrl: string, queue: string, env: Record<string, string> = {}): Promise<AppProcess> {
  return startAppProcess('api', {
    DATABASE_URL: t.config.databaseUrl!,
    JWT_SECRET: t.config.jwtSecret!,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'tradebridge-mail-worker-')),
    SMTP_URL: smtpUrl,
    MAIL_QUEUE: queue,
    NOTIFIER: 'off',
    REMINDERS: 'off',
    ...env,
  });
}
