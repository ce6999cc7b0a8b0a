import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { MailQueue } from './mail-queue';
import { MailOutbox, OutboundMail } from './outbound-mail';

/** Rows per INSERT: 40,000 mails of a scheduler run go in 80 statements, each well under the statement timeout. */
const CHUNK = 500;

/**
 * Queues e-mails as pg-boss jobs on the caller's transaction's own connection:
 * the jobs commit with the change or not at all. The job id is the mail's id,
 * and pg-boss inserts with ON CONFLICT DO NOTHING, so a change processed twice
 * queues its e-mail once.
 */
@Injectable()
export class PgBossMailOutbox extends MailOutbox {
  constructor(private readonly queue: MailQueue) {
    super();
  }

  async enqueue(tx: EntityManager, mails: OutboundMail[]): Promise<void> {
    if (mails.length === 0) return;
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('MailOutbox.enqueue needs the EntityManager of an open transaction');
    const client = (await runner.connect()) as PoolClient;
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    const options = this.queue.jobOptions();
    for (let i = 0; i < mails.length; i += CHUNK) {
      const jobs = mails.slice(i, i + CHUNK).map((mail) => ({ id: mail.id, name: this.queue.name, data: mail, ...options }));
      await this.queue.boss.insert(jobs, { db });
    }
  }
}
