import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { MAIL_CHANNEL, MailQueue } from './mail-queue';
import { isNotificationMailRef, MailOutbox, QueuedMail } from './outbound-mail';

/**
 * Jobs per INSERT: a statement's size does not grow with the run (a scheduler run's 20,000
 * notification e-mails go in 10 statements of ~100 KB; whole messages are larger, so fewer).
 */
const CHUNK = 2_000;
const WHOLE_CHUNK = 500;

/**
 * Queues e-mails as pg-boss jobs on the caller's transaction's own connection:
 * the jobs commit with the change or not at all. The job id is the mail's id,
 * and pg-boss inserts with ON CONFLICT DO NOTHING, so a change processed twice
 * queues its e-mail once. A notification's job carries only `{ notificationId }`
 * (MailSender renders it when sending); a whole message (a password reset) is carried as is.
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
    const refs = mails.filter(isNotificationMailRef);
    const whole = mails.filter((mail) => !isNotificationMailRef(mail));
    for (let i = 0; i < refs.length; i += CHUNK) {
      const jobs = refs.slice(i, i + CHUNK).map((ref) => ({ id: ref.id, name: this.queue.name, data: { notificationId: ref.notificationId }, ...options }));
      await this.queue.boss.insert(jobs, { db });
    }
    for (let i = 0; i < whole.length; i += WHOLE_CHUNK) {
      const jobs = whole.slice(i, i + WHOLE_CHUNK).map((mail) => ({ id: mail.id, name: this.queue.name, data: mail, ...options }));
      await this.queue.boss.insert(jobs, { db });
    }
    // Delivered at commit, to every worker of the queue: an idle one fetches now, not at its next poll.
    await client.query('SELECT pg_notify($1, $2)', [MAIL_CHANNEL, this.queue.name]);
  }
}
