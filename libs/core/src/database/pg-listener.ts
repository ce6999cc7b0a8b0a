import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface PgListenerOptions {
  connectionString: string;
  /** The NOTIFY channel (`LISTEN <channel>`). */
  channel: string;
  logger: Logger;
  /** Each NOTIFY's payload. */
  onNotify(payload: string | undefined): void;
  /**
   * Catches up with whatever may have been missed: called once the session is
   * listening (first time and after every reconnect) and on every poll tick.
   */
  sweep(): void;
  /** The poll while not listening (default every second); with LISTEN up, every `safetyTicks`-th tick only. */
  pollMs?: number;
  /** With LISTEN up, every how many ticks the poll sweeps anyway, as a safety net (default 30; 1: every tick). */
  safetyTicks?: number;
  /** What the process keeps doing while the session is down, for the log line. */
  meanwhile?: string;
}

/**
 * A dedicated PostgreSQL session that LISTENs on one channel, reconnecting with
 * a growing delay (250 ms doubling up to 5 s) when it drops or cannot connect,
 * plus a poll that sweeps every tick while the session is down and every
 * `safetyTicks`-th tick while it is up. Whatever NOTIFY was sent while the
 * session was down is caught up by the sweep on reconnect: NOTIFY only says
 * when to read, the rows say what.
 */
export class PgListener {
  private client?: Client;
  private up = false;
  private closing = false;
  private ticks = 0;
  private poll?: NodeJS.Timeout;

  constructor(private readonly options: PgListenerOptions) {
    // Interpolated into LISTEN: a fixed identifier of ours, never input.
    if (!/^[a-z_]+$/.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
  }

  /** True while the session is listening (PostgreSQL then delivers every NOTIFY to it). */
  get listening(): boolean {
    return this.up;
  }

  /** The first attempt is awaited (a failure is logged and retried in the background). */
  async start(): Promise<void> {
    await this.listen();
    const safety = this.options.safetyTicks ?? 30;
    this.poll = setInterval(() => {
      if (this.up && ++this.ticks % safety !== 0) return;
      this.options.sweep();
    }, this.options.pollMs ?? 1_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.closing = true;
    clearInterval(this.poll);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(attempt = 0): Promise<void> {
    if (this.closing) return;
    const { connectionString, channel, logger } = this.options;
    const client = new Client({ connectionString });
    client.on('notification', (message) => this.options.onNotify(message.payload));
    client.on('error', () => undefined);
    client.on('end', () => {
      this.up = false;
      if (this.closing) return;
      logger.warn(`lost the LISTEN connection; reconnecting (${this.options.meanwhile ?? 'the poll goes on'} meanwhile)`);
      setTimeout(() => void this.listen(1), 500).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      this.client = client;
      this.up = true;
      this.options.sweep();
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      const delay = Math.min(5_000, 250 * 2 ** attempt);
      logger.warn(`LISTEN failed (${(error as Error).message}); retrying in ${delay} ms`);
      setTimeout(() => void this.listen(attempt + 1), delay).unref();
    }
  }
}
