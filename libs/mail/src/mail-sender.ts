import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { Job } from 'pg-boss';
import { APP_CONFIG, AppConfig, PgListener, resolveJwtSecret } from '@tradebridge/core';
import { ComposeContext, composeMail, mailHost } from './compose';
import { MAIL_CHANNEL, MailQueue } from './mail-queue';
import { MailboxRepository } from './mailbox.repository';
import { isNotificationMailRef, MailRenderer, OutboundMail, QueuedMail } from './outbound-mail';

/** Where a composed message goes: a pooled SMTP transport, or the built-in mailbox. */
type Deliver = (mail: OutboundMail) => Promise<void>;

/** Fetch loops per process: while one batch's last sends finish, the other's fill the free lanes. */
const FETCH_LOOPS = 2;

/**
 * The e-mail worker, in every API process (MAIL_WORKER=off turns it off).
 * `FETCH_LOOPS` loops fetch batches of `MAIL_BATCH_SIZE` jobs; a notification's
 * job is only a reference, so each batch's references are rendered together
 * (the registered MailRenderer: one query for the notifications and their
 * readers). Their messages share `MAIL_CONCURRENCY` lanes over a pooled SMTP
 * transport: a lane sends one message, has its job completed, and only then
 * takes the next, so a process killed mid-batch repeats at most the
 * `concurrency` messages in flight (its other jobs were not sent: they come
 * back after `expireSeconds`), each with its stable Message-ID. The lanes'
 * completions are coalesced: one `complete(name, ids[])` for every job sent
 * while the previous one ran. A failed send fails only its own job, which
 * pg-boss retries with backoff.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailSender');
  private readonly context: ComposeContext;
  readonly deliver: Deliver;
  private lastFailure?: string;
  private renderer?: MailRenderer;
  private readonly starts: NodeJS.Timeout[] = [];
  /** The fetch loops' pg-boss worker ids, woken when mail is queued. */
  private readonly workers: string[] = [];
  private listener?: PgListener;
  private readonly lanes: Semaphore;
  private readonly completions: Coalescer;

  constructor(
    private readonly queue: MailQueue,
    private readonly mailbox: MailboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.context = { from: config.mail.from, host: mailHost(config.mail.from), publicUrl: config.publicUrl, secret: resolveJwtSecret(config) };
    this.deliver = config.mail.smtpUrl ? this.smtp(config.mail.smtpUrl) : this.intoMailbox();
    this.lanes = new Semaphore(config.mail.concurrency);
    this.completions = new Coalescer((ids) => this.queue.complete(ids));
  }

  /** Who renders notification e-mails when they are sent (libs/notifications registers itself). */
  useRenderer(renderer: MailRenderer): void {
    this.renderer = renderer;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.mail.worker) return;
    const { batchSize, pollSeconds } = this.config.mail;
    this.queue.markWorking();
    // pg-boss waits out the polling interval after every fetch; a full batch means more are
    // queued, so the loop is told to fetch again at once (without it a backlog drains at
    // MAIL_BATCH_SIZE per MAIL_POLL_SECONDS).
    const loop = async () => {
      const workerId: string = await this.queue.boss.work<QueuedMail>(this.queue.name, { batchSize, pollingIntervalSeconds: pollSeconds }, async (jobs) => {
        await this.sendBatch(jobs);
        if (jobs.length >= batchSize) this.queue.boss.notifyWorker(workerId);
      });
      this.workers.push(workerId);
    };
    await loop();
    // An enqueue's NOTIFY (from any process) wakes the idle loops: mail goes out when it is
    // queued, not up to MAIL_POLL_SECONDS later. The poll stays, for a LISTEN session that is down.
    this.listener = new PgListener({
      connectionString: this.queue.connectionString,
      channel: MAIL_CHANNEL,
      logger: this.logger,
      meanwhile: 'polling every MAIL_POLL_SECONDS',
      onNotify: (queue) => {
        if (queue === this.queue.name) this.wakeWorkers();
      },
      sweep: () => this.wakeWorkers(),
      pollMs: 60_000,
      safetyTicks: 1,
    });
    await this.listener.start();
    // The other loops start spread over the polling interval, so an idle worker notices new mail sooner.
    for (let i = 1; i < FETCH_LOOPS; i++) {
      const start = setTimeout(() => void loop().catch((error: Error) => this.logger.warn(`starting a mail fetch loop failed: ${error.message}`)), (pollSeconds * 1000 * i) / FETCH_LOOPS);
      start.unref();
      this.starts.push(start);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const start of this.starts) clearTimeout(start);
    await this.listener?.stop();
  }

  private wakeWorkers(): void {
    for (const id of this.workers) this.queue.boss.notifyWorker(id);
  }

  /** Where e-mail goes, for the start banner (`url`: where this process answers). */
  describe(url = this.config.publicUrl): string {
    if (!this.config.mail.smtpUrl) return `kept in the built-in mailbox at ${url}/admin/mailbox`;
    return `SMTP ${new URL(this.config.mail.smtpUrl).host}`;
  }

  private async sendBatch(jobs: Job<QueuedMail>[]): Promise<void> {
    const mails = await this.resolve(jobs);
    const sends: Promise<void>[] = [];
    for (const job of jobs) {
      const mail = mails.get(job.id);
      if (!mail) continue;
      await this.lanes.acquire();
      const send = this.sendOne(job.id, mail).finally(() => this.lanes.release());
      send.catch(() => undefined); // awaited below, with the others
      sends.push(send);
    }
    const nothing = jobs.filter((job) => mails.get(job.id) === null).map((job) => job.id);
    if (nothing.length) sends.push(this.completions.add(nothing));
    await Promise.all(sends);
  }

  /** Sends one message and has its job completed; a failure fails only this job (pg-boss retries it). */
  private async sendOne(jobId: string, mail: OutboundMail): Promise<void> {
    try {
      await this.deliver(mail);
    } catch (error) {
      this.reportFailure(error as Error);
      // Should failing it fail too, the batch's handler rejects and pg-boss fails its jobs still active: retried, not lost.
      await this.queue.boss.fail(this.queue.name, jobId, { message: (error as Error).message });
      return;
    }
    // Should completing fail (the database gone), the job expires and is sent again: a repeat, never a loss.
    await this.completions.add([jobId]).catch((error: Error) => this.reportFailure(error));
  }

  /**
   * Each job's message: carried whole, or rendered from its notification (the whole
   * batch at once); null when there is nothing to send any more; absent when it
   * cannot be rendered in this process (failed, retried later).
   */
  private async resolve(jobs: Job<QueuedMail>[]): Promise<Map<string, OutboundMail | null>> {
    const out = new Map<string, OutboundMail | null>();
    const refs = jobs.filter((job) => isNotificationMailRef(job.data));
    for (const job of jobs) if (!isNotificationMailRef(job.data)) out.set(job.id, job.data);
    if (!refs.length) return out;
    if (!this.renderer) {
      this.reportFailure(new Error('no notification renderer in this process'));
      await this.queue.boss.fail(
        this.queue.name,
        refs.map((job) => job.id),
      );
      return out;
    }
    const rendered = await this.renderer.render(refs.map((job) => (job.data as { notificationId: number }).notificationId));
    for (const job of refs) {
      const mail = rendered.get((job.data as { notificationId: number }).notificationId) ?? null;
      // The Message-ID comes from the job's id, stable for the notification: a retry sends the same one.
      out.set(job.id, mail && { ...mail, id: job.id });
    }
    return out;
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
        // As sent: with the unsubscribe footer composeMail adds.
        text: options.text,
        html: options.html,
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

/** At most `size` holders at a time. */
class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Runs `flush` for every item added while the previous flush ran, one flush at a time (group commit). */
class Coalescer {
  private waiting: { ids: string[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  private running = false;
  constructor(private readonly flush: (ids: string[]) => Promise<void>) {}

  add(ids: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ids, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length) {
      const group = this.waiting.splice(0);
      try {
        await this.flush(group.flatMap((g) => g.ids));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error as Error);
      }
    }
    this.running = false;
  }
}
