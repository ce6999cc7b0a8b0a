import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';
import { NotificationsService } from '@tradebridge/notifications';
import type { LiveSocket } from './live-socket';

const BATCH = 200;

interface Follower {
  /** The last notification id this socket has been sent (or that existed when it connected). */
  cursor: number;
  /** Ids above it were sent to this socket (live, or by a replay); a replay sends what lies below it. Starts at the user's last id when the socket connected. */
  replayFloor: number;
}

/**
 * Delivers each user's notifications to that user's sockets on this node:
 * `notification` (NotificationView, in the user's language and zone) for every
 * new row, in id order, each once per socket.
 *
 * Every node LISTENs on `notifications` itself (the writer's pg_notify
 * `<userId>:<id>`, sent at commit) and reads the rows of the users it holds
 * sockets of, so no Redis is needed; polling covers a dropped LISTEN session.
 * Ids grow in commit order (NotificationWriter's lock), so "after the last id
 * sent" misses nothing. Work on one user is serialized.
 */
@Injectable()
export class NotificationRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NotificationRelay');
  private readonly users = new Map<string, Map<LiveSocket, Follower>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private listener?: Client;
  private listening = false;
  private ticks = 0;
  private poll?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
    this.poll = setInterval(() => {
      if (this.listening && ++this.ticks % 30 !== 0) return;
      for (const userId of this.users.keys()) void this.pump(userId);
    }, 1_000);
    this.poll.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.poll);
    await this.listener?.end().catch(() => undefined);
    await Promise.allSettled([...this.queues.values()]);
  }

  /** A socket of `userId` connected: from now on it is sent every new notification. */
  follow(socket: LiveSocket, userId: string): Promise<void> {
    return this.serialize(userId, async () => {
      const head = await this.notifications.lastId(userId);
      // Called from the handshake (the socket is not connected yet): a transport already closed has gone.
      if (socket.conn.readyState === 'closed') return;
      const followers = this.users.get(userId) ?? new Map<LiveSocket, Follower>();
      followers.set(socket, { cursor: head, replayFloor: head });
      this.users.set(userId, followers);
    });
  }

  /**
   * `notifications.subscribe { afterId }`: sends what the socket missed before it
   * connected (after `afterId`), then it goes on live. Returns the last id sent.
   */
  replay(socket: LiveSocket, userId: string, afterId: number | undefined): Promise<number> {
    return this.serialize(userId, async () => {
      const follower = this.users.get(userId)?.get(socket);
      if (!follower) return 0;
      let from = afterId ?? follower.replayFloor;
      while (from < follower.replayFloor) {
        const batch = await this.notifications.after(userId, from, Math.min(BATCH, follower.replayFloor - from));
        if (!batch.length) break;
        for (const n of batch) if (n.id <= follower.replayFloor) socket.emit('notification', n);
        from = batch[batch.length - 1].id;
      }
      follower.replayFloor = Math.min(follower.replayFloor, afterId ?? follower.replayFloor);
      return follower.cursor;
    });
  }

  unfollow(socket: LiveSocket, userId: string): void {
    const followers = this.users.get(userId);
    followers?.delete(socket);
    if (followers && !followers.size) this.users.delete(userId);
  }

  /** A notification of `userId` was committed (its NOTIFY): sends it to the user's sockets here, if any. */
  wake(userId: string): void {
    if (this.users.has(userId)) void this.pump(userId);
  }

  /** Reads the user's rows after the lowest cursor of its sockets and sends each socket what is new to it. */
  private pump(userId: string): Promise<void> {
    return this.serialize(userId, async () => {
      const followers = this.users.get(userId);
      if (!followers?.size) return;
      let from = Math.min(...[...followers.values()].map((f) => f.cursor));
      for (;;) {
        const batch = await this.notifications.after(userId, from, BATCH);
        if (!batch.length) return;
        for (const [socket, follower] of followers) {
          for (const n of batch) {
            if (n.id <= follower.cursor) continue;
            socket.emit('notification', n);
            follower.cursor = n.id;
          }
        }
        from = batch[batch.length - 1].id;
        if (batch.length < BATCH) return;
      }
    });
  }

  private serialize<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(userId, next);
    void next
      .finally(() => {
        if (this.queues.get(userId) === next) this.queues.delete(userId);
      })
      .catch((error: Error) => this.logger.warn(`delivering notifications to ${userId} failed: ${error.message}`));
    return next;
  }

  /** A dedicated connection that LISTENs; reconnects with a growing delay when it drops. */
  private async listen(attempt = 0): Promise<void> {
    if (this.closing) return;
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url ?? this.config.databaseUrl });
    client.on('notification', (message) => {
      const userId = message.payload?.split(':', 1)[0];
      if (userId) this.wake(userId);
    });
    client.on('error', () => undefined);
    client.on('end', () => {
      this.listening = false;
      if (this.closing) return;
      this.logger.warn('lost the LISTEN connection; reconnecting (the poll keeps delivering meanwhile)');
      setTimeout(() => void this.listen(1), 500).unref();
    });
    try {
      await client.connect();
      await client.query('LISTEN notifications');
      this.listener = client;
      this.listening = true;
      for (const userId of this.users.keys()) void this.pump(userId);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      const delay = Math.min(5_000, 250 * 2 ** attempt);
      this.logger.warn(`LISTEN failed (${(error as Error).message}); retrying in ${delay} ms`);
      setTimeout(() => void this.listen(attempt + 1), delay).unref();
    }
  }
}
