import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { Job } from 'pg-boss';
import { APP_CONFIG, AppConfig, resolveJwtSecret } from '@tradebridge/core';
import { ComposeContext, composeMail, mailHost } from './compose';
import { MailQueue } from './mail-queue';
import { MailboxRepository } from './mailbox.repository';
import type { OutboundMail } from './outbound-mail';

/** Where a composed message goes: a pooled SMTP transport, or the built-in mailbox. */
type Deliver = (mail: OutboundMail) => Promise<void>;

/**
 * The e-mail worker, in every API process (MAIL_WORKER=off turns it off): it
 * takes a batch of jobs and sends them `concurrency` at a time over a pooled
 * SMTP transport, completing each job right after its message is accepted. A
 * process killed mid-batch therefore repeats at most the `concurrency`
 * messages in flight (its other jobs were not sent: they come back after
 * `expireSeconds`), each with its stable Message-ID. A failed send fails only
 * its own job, which pg-boss retries with backoff.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap {
  private readonly logger = new Logger('MailSender');
  private readonly context: ComposeContext;
  readonly deliver: Deliver;
  private lastFailure?: string;

  constructor(
    private readonly queue: MailQueue,
    private readonly mailbox: MailboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.context = { from: config.mail.from, host: mailHost(config.mail.from), publicUrl: config.publicUrl, secret: resolveJwtSecret(config) };
    this.deliver = config.mail.smtpUrl ? this.smtp(config.mail.smtpUrl) : this.intoMailbox();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.mail.worker) return;
    const { batchSize, pollSeconds } = this.config.mail;
    this.queue.markWorking();
    // pg-boss waits out the polling interval after every fetch; a full batch means more are
    // queued, so the worker is told to fetch again at once (without it a backlog drains at
    // MAIL_BATCH_SIZE per MAIL_POLL_SECONDS: 25 e-mails/s in bench/notifications.ts).
    const workerId: string = await this.queue.boss.work<OutboundMail>(this.queue.name, { batchSize, pollingIntervalSeconds: pollSeconds }, async (jobs) => {
      await this.sendBatch(jobs);
      if (jobs.length >= batchSize) this.queue.boss.notifyWorker(workerId);
    });
  }

  /** Where e-mail goes, for the start banner (`url`: where this process answers). */
  describe(url = this.config.publicUrl): string {
    if (!this.config.mail.smtpUrl) return `kept in the built-in mailbox at ${url}/admin/mailbox`;
    return `SMTP ${new URL(this.config.mail.smtpUrl).host}`;
  }

  private async sendBatch(jobs: Job<OutboundMail>[]): Promise<void> {
    const pending = [...jobs];
    const lane = async () => {
      for (let job = pending.shift(); job; job = pending.shift()) {
        try {
          await this.deliver(job.data);
        } catch (error) {
          this.reportFailure(error as Error);
          await this.queue.boss.fail(this.queue.name, job.id, { message: (error as Error).message });
          continue;
        }
        await this.queue.boss.complete(this.queue.name, job.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.mail.concurrency, jobs.length) }, lane));
  }

  private smtp(url: string): Deliver {
    const transport = nodemailer.createTransport({ url, pool: true, maxConnections: this.config.mail.concurrency, maxMessages: Infinity });
    return async (mail) => {
      await transport.sendMail(composeMail(mail, this.context));
    };
  }

  private intoMailbox(): Deliver {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return async (mail) => {
      const options = composeMail(mail, this.context);
      const info = await transport.sendMail(options);
      await this.mailbox.keep({
        messageId: String(options.messageId),
        to: mail.to,
        subject: mail.subject,
        kind: mail.kind,
        raw: (info.message as Buffer).toString('utf8'),
        text: mail.text,
        html: mail.html,
      });
    };
  }

  /** An SMTP outage fails every send alike: say so once, not once per message. */
  private reportFailure(error: Error): void {
    if (error.message === this.lastFailure) return;
    this.lastFailure = error.message;
    this.logger.warn(`sending failed (will retry): ${error.message}`);
  }
}
