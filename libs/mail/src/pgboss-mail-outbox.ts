import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { MAIL_CHANNEL, MailQueue } from './mail-queue';
import { isNotificationMailBundle, isNotificationMailRef, MailOutbox, OutboundMail, QueuedMail } from './outbound-mail';

/**
 * Jobs per INSERT: a statement's size does not grow with the run (a scheduler run's 10,000
 * notification e-mails are 400 bundles, one statement; whole messages are larger, so fewer).
 */
const CHUNK = 500;
/** Whole messages per INSERT (in bundles): they are larger. */
const WHOLE_CHUNK = 500;

/**
 * Queues e-mails as pg-boss jobs on the caller's transaction's own connection:
 * the jobs commit with the change or not at all. Notifications' e-mails are
 * bundled, up to MAIL_BUNDLE notification ids per job (MailSender renders them
 * when sending; a change processed twice writes its notifications, hence their
 * e-mails, once). Whole messages (a password reset) are carried as they are,
 * bundled alike; a bundle's id is its first message's (pg-boss inserts with
 * ON CONFLICT DO NOTHING).
 * The commit also NOTIFYs `mail_queued`, so idle workers fetch at once.
 */
@Injectable()
export class PgBossMailOutbox extends MailOutbox {
  constructor(private readonly queue: MailQueue) {
    super();
  }

  async enqueue(tx: EntityManager, mails: QueuedMail[]): Promise<void> {
    if (mails.length === 0) return;
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('MailOutbox.enqueue needs the EntityManager of an open transaction');
    const client = (await runner.connect()) as PoolClient;
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    const options = this.queue.jobOptions();
    const notificationIds: number[] = [];
    const whole: OutboundMail[] = [];
    for (const mail of mails) {
      if (isNotificationMailBundle(mail)) notificationIds.push(...mail.notificationIds);
      else if (isNotificationMailRef(mail)) notificationIds.push(mail.notificationId);
      else whole.push(mail);
    }
    // Bundles of MAIL_BUNDLE notifications, one job each (a new id: the transaction that writes the notifications writes it once).
    const bundles: number[][] = [];
    for (let i = 0; i < notificationIds.length; i += this.queue.bundleSize) bundles.push(notificationIds.slice(i, i + this.queue.bundleSize));
    for (let i = 0; i < bundles.length; i += CHUNK) {
      const jobs = bundles.slice(i, i + CHUNK).map((ids) => ({ id: randomUUID(), name: this.queue.name, data: { notificationIds: ids }, ...options }));
      await this.queue.boss.insert(jobs, { db });
    }
    // Whole messages bundled alike, the id the first message's: the same messages queued twice are one job.
    const wholeBundles: OutboundMail[][] = [];
    for (let i = 0; i < whole.length; i += this.queue.bundleSize) wholeBundles.push(whole.slice(i, i + this.queue.bundleSize));
    const perStatement = Math.max(1, Math.floor(WHOLE_CHUNK / this.queue.bundleSize));
    for (let i = 0; i < wholeBundles.length; i += perStatement) {
      const jobs = wholeBundles.slice(i, i + perStatement).map((bundle) => ({ id: bundle[0].id, name: this.queue.name, data: { mails: bundle }, ...options }));
      await this.queue.boss.insert(jobs, { db });
    }
    // Delivered at commit, to every worker of the queue: an idle one fetches now, not at its next poll.
    await client.query('SELECT pg_notify($1, $2)', [MAIL_CHANNEL, this.queue.name]);
  }
}
