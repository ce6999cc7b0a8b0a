import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { Job } from 'pg-boss';
import { APP_CONFIG, AppConfig, PgListener, resolveJwtSecret } from '@tradebridge/core';
import { ComposeContext, composeMail, mailHost } from './compose';
import { MAIL_CHANNEL, MailQueue } from './mail-queue';
import { MailboxRepository } from './mailbox.repository';
import { isMailBundle, isNotificationMailBundle, isNotificationMailRef, isWholeMailBundle, MailJobData, MailRenderer, OutboundMail } from './outbound-mail';

/** Where a composed message goes: a pooled SMTP transport, or the built-in mailbox. */
type Deliver = (mail: OutboundMail) => Promise<void>;

/** Fetch loops per process: while one batch's last sends finish, the other's fill the free lanes. */
const FETCH_LOOPS = 2;

/**
 * The e-mail worker, in every API process (MAIL_WORKER=off turns it off).
 * `FETCH_LOOPS` loops fetch batches of `MAIL_BATCH_SIZE` jobs. A job is a bundle
 * of up to MAIL_BUNDLE messages, whole (a password reset) or notification
 * references (or, queued by an earlier version, one of either); references are
 * rendered together (the registered
 * MailRenderer: one query for the notifications and their readers). Their
 * messages share `MAIL_CONCURRENCY` lanes over a pooled SMTP transport: a lane
 * sends one message and records it (its job completed, or for a bundle's
 * message a row in `mail_sent`) and only then takes the next, so a process
 * killed mid-batch repeats at most the `concurrency` messages in flight (the
 * rest were not sent, or are known sent: the jobs come back after
 * `expireSeconds` and send only what is left), each with its stable
 * Message-ID. Records are coalesced: one statement for every message recorded
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
  private stopping = false;
  /** The fetch loops' pg-boss worker ids, woken when mail is queued. */
  private readonly workers: string[] = [];
  private listener?: PgListener;
  private readonly lanes: Semaphore;
  private readonly completions: Coalescer<string>;
  private readonly marks: Coalescer<{ jobId: string; messageId: string }>;
  private readonly bundleCompletions: Coalescer<string>;

  constructor(
    private readonly queue: MailQueue,
    private readonly mailbox: MailboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.context = { from: config.mail.from, host: mailHost(config.mail.from), publicUrl: config.publicUrl, secret: resolveJwtSecret(config) };
    this.deliver = config.mail.smtpUrl ? this.smtp(config.mail.smtpUrl) : this.intoMailbox();
    this.lanes = new Semaphore(config.mail.concurrency);
    this.completions = new Coalescer((ids) => this.queue.complete(ids));
    this.marks = new Coalescer((sent) => this.queue.markSent(sent));
    this.bundleCompletions = new Coalescer((ids) => this.queue.completeBundles(ids));
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
      const workerId: string = await this.queue.boss.work<MailJobData>(this.queue.name, { batchSize, pollingIntervalSeconds: pollSeconds }, async (jobs) => {
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
    // A batch being sent takes no further message: what is in flight finishes, the rest fail back
    // to the queue (retried by whichever process is up) while the queue's pool is still open.
    this.stopping = true;
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

  /**
   * Sends a fetched batch: every message of every job through the lanes. A lane sends one
   * message and records it (a bundle's message marked in `mail_sent`, a single message's job
   * completed) before it takes the next. A bundle completes when its last message is
   * sent; one that failed fails as a whole (pg-boss retries it; its messages sent are not
   * sent again). A message its job's expiry would overtake is not started: the job fails
   * back to the queue instead of expiring while sending, which would send it twice. The
   * batch is rendered in groups of about MAIL_BATCH_SIZE messages, the next while the
   * current one is sent (a fetch of 200 bundles is 5,000 messages).
   */
  private async sendBatch(jobs: Job<MailJobData>[]): Promise<void> {
    const deadline = Date.now() + Math.max(5, this.config.mail.expireSeconds - 10) * 1000;
    const sends: Promise<void>[] = [];
    const groups = this.groupsOf(jobs);
    // Each group is rendered while the previous one's messages are being sent.
    const prepare = (group: Job<MailJobData>[]) => {
      const prepared = this.prepare(group);
      prepared.catch(() => undefined); // awaited below; meanwhile its failure is not an unhandled rejection
      return prepared;
    };
    let next = prepare(groups[0]);
    try {
      for (let g = 0; g < groups.length; g++) {
        if (this.stopping) throw new Error('the mail worker is stopping');
        const { pieces, sent } = await next;
        if (g + 1 < groups.length) next = prepare(groups[g + 1]);
        await this.dispatch(groups[g], pieces, sent, deadline, sends);
      }
    } catch (error) {
      // Rendering failed (the database gone): what was started finishes; pg-boss fails the jobs still active (retried).
      await Promise.allSettled(sends);
      throw error;
    }
    await Promise.all(sends);
  }

  /** The batch in groups of about MAIL_BATCH_SIZE messages (a bundle is never split). */
  private groupsOf(jobs: Job<MailJobData>[]): Job<MailJobData>[][] {
    const groups: Job<MailJobData>[][] = [[]];
    let size = 0;
    for (const job of jobs) {
      const n = isNotificationMailBundle(job.data) ? job.data.notificationIds.length : isWholeMailBundle(job.data) ? job.data.mails.length : 1;
      if (size > 0 && size + n > this.config.mail.batchSize) {
        groups.push([]);
        size = 0;
      }
      groups[groups.length - 1].push(job);
      size += n;
    }
    return groups;
  }

  private async prepare(jobs: Job<MailJobData>[]): Promise<{ pieces: Map<string, Piece[]>; sent: Set<string> }> {
    const [pieces, sent] = await Promise.all([this.resolve(jobs), this.queue.sentOf(jobs.filter((job) => isMailBundle(job.data)).map((job) => job.id))]);
    return { pieces, sent };
  }

  /** Starts every message of these jobs through the lanes (waiting for a free one each time); `sends` gets what to await. */
  private async dispatch(jobs: Job<MailJobData>[], pieces: Map<string, Piece[]>, sent: Set<string>, deadline: number, sends: Promise<void>[]): Promise<void> {
    const nothing: string[] = [];
    const bundlesDone: string[] = [];
    for (const job of jobs) {
      const list = pieces.get(job.id);
      if (!list) continue;
      const bundle = isMailBundle(job.data);
      const todo = list.filter((p): p is Piece & { mail: OutboundMail } => p.mail !== null && !sent.has(`${job.id}:${p.messageId}`));
      if (!todo.length) {
        (bundle ? bundlesDone : nothing).push(job.id);
        continue;
      }
      const job$ = new JobProgress(todo.length);
      for (const [k, piece] of todo.entries()) {
        if (this.stopping) {
          // Stopping: this job's remaining messages are not started, so it fails back as a whole.
          for (let rest = k; rest < todo.length; rest++) job$.settle(new Error('the mail worker is stopping'));
          break;
        }
        await this.lanes.acquire();
        const send = this.sendOne(job.id, bundle, piece.mail, deadline)
          .finally(() => this.lanes.release())
          .then(
            () => job$.settle(),
            (error: Error) => job$.settle(error),
          );
        sends.push(send);
      }
      sends.push(job$.done.then((failure) => this.finish(job.id, bundle, failure)));
    }
    if (nothing.length) sends.push(this.completions.add(nothing));
    if (bundlesDone.length) sends.push(this.bundleCompletions.add(bundlesDone));
  }

  /** Sends one message and records it; rejects (nothing recorded) when it could not be sent. */
  private async sendOne(jobId: string, bundle: boolean, mail: OutboundMail, deadline: number): Promise<void> {
    if (Date.now() > deadline) throw new Error('not sent: its job would have expired while sending; retried');
    try {
      await this.deliver(mail);
    } catch (error) {
      this.reportFailure(error as Error);
      throw error;
    }
    // Should recording fail (the database gone), the job expires and the message is sent again: a repeat, never a loss.
    if (bundle) await this.marks.add([{ jobId, messageId: mail.id }]).catch((error: Error) => this.reportFailure(error));
    else await this.completions.add([jobId]).catch((error: Error) => this.reportFailure(error));
  }

  /** A job whose messages all settled: a failure fails it (retried with backoff); a bundle all sent completes. */
  private async finish(jobId: string, bundle: boolean, failure: Error | undefined): Promise<void> {
    if (failure) {
      // Should failing it fail too, the batch's handler rejects and pg-boss fails its jobs still active: retried, not lost.
      await this.queue.boss.fail(this.queue.name, jobId, { message: failure.message });
      return;
    }
    if (bundle) await this.bundleCompletions.add([jobId]).catch((error: Error) => this.reportFailure(error));
  }

  /**
   * Each job's messages: carried whole, or rendered from their notifications (the whole
   * batch at once); a message is null when there is nothing to send any more; a job is
   * absent when it cannot be rendered in this process (failed, retried later).
   */
  private async resolve(jobs: Job<MailJobData>[]): Promise<Map<string, Piece[]>> {
    const out = new Map<string, Piece[]>();
    const refs = new Map<string, number[]>();
    for (const job of jobs) {
      if (isNotificationMailBundle(job.data)) refs.set(job.id, job.data.notificationIds);
      else if (isNotificationMailRef(job.data)) refs.set(job.id, [job.data.notificationId]);
      else if (isWholeMailBundle(job.data))
        out.set(
          job.id,
          job.data.mails.map((mail) => ({ messageId: mail.id, mail })),
        );
      // Queued before bundles: one whole message, its id the job's.
      else out.set(job.id, [{ messageId: job.id, mail: job.data }]);
    }
    if (!refs.size) return out;
    if (!this.renderer) {
      this.reportFailure(new Error('no notification renderer in this process'));
      await this.queue.boss.fail(this.queue.name, [...refs.keys()]);
      return out;
    }
    // The renderer names each message: its id (the Message-ID's left side) is stable for the notification, so a retry sends the same one.
    const rendered = await this.renderer.render([...refs.values()].flat());
    for (const [jobId, ids] of refs) {
      out.set(
        jobId,
        ids.map((id) => {
          const mail = rendered.get(id) ?? null;
          return { messageId: mail?.id ?? String(id), mail };
        }),
      );
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

/** One message of a fetched job: its Message-ID's left side, and what to send (null: nothing any more). */
interface Piece {
  messageId: string;
  mail: OutboundMail | null;
}

/** Counts a job's messages down; `done` gives the first failure, if any, once all have settled. */
class JobProgress {
  private failure?: Error;
  private resolve!: (failure: Error | undefined) => void;
  readonly done = new Promise<Error | undefined>((resolve) => (this.resolve = resolve));
  constructor(private left: number) {}

  settle(error?: Error): void {
    this.failure ??= error;
    if (--this.left === 0) this.resolve(this.failure);
  }
}

/** Runs `flush` for every item added while the previous flush ran, one flush at a time (group commit). */
class Coalescer<T> {
  private waiting: { ids: T[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  private running = false;
  constructor(private readonly flush: (ids: T[]) => Promise<void>) {}

  add(ids: T[]): Promise<void> {
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
