import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, KeyedSerial, PgListener } from '@tradebridge/core';
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
  private readonly serial = new KeyedSerial((userId, error) => this.logger.warn(`delivering notifications to ${userId} failed: ${error.message}`));
  private readonly listener: PgListener;

  constructor(
    private readonly notifications: NotificationsService,
    dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.listener = new PgListener({
      connectionString: (dataSource.options as { url?: string } | undefined)?.url ?? config.databaseUrl ?? '',
      channel: 'notifications',
      logger: this.logger,
      meanwhile: 'the poll keeps delivering',
      // The writer's payload is `<userId>:<id>`.
      onNotify: (payload) => {
        const userId = payload?.split(':', 1)[0];
        if (userId) this.wake(userId);
      },
      sweep: () => {
        for (const userId of this.users.keys()) void this.pump(userId);
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    await this.serial.settled();
  }

  /** A socket of `userId` connected: from now on it is sent every new notification. */
  follow(socket: LiveSocket, userId: string): Promise<void> {
    return this.serial.run(userId, async () => {
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
    return this.serial.run(userId, async () => {
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
    return this.serial.run(userId, async () => {
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
}
