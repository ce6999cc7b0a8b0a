import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, EventLogEntry, EventLogRepository, parseNotification } from '@tradebridge/core';
import { canSee, LiveViewer } from '@tradebridge/live';

interface Subscription {
  viewer: LiveViewer;
  /** The last seq this socket has been given (or passed over as not its to see). */
  cursor: number;
  refresh: () => Promise<LiveViewer>;
}

const BATCH = 500;

/**
 * Delivers the event log to this node's sockets: `log { seq, type, data }` for
 * every entry a socket may see, in seq order, without gaps or duplicates.
 *
 * The log is the truth; PostgreSQL NOTIFY (sent by the appending transaction)
 * is only a wake-up, and a once-a-second poll covers a missed one. Each node
 * reads the log itself and emits to its own sockets only, so several nodes
 * never deliver an entry twice. Work on one event is serialized: a subscribe's
 * replay and the live pump never interleave.
 */
@Injectable()
export class LogRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LogRelay');
  private readonly cursors = new Map<string, number>();
  private readonly sockets = new Map<string, Map<Socket, Subscription>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private listener?: Client;
  private poll?: NodeJS.Timeout;
  private closing = false;
  /** Called after entries of an event were delivered (staff stats). */
  onDelivered: (eventId: string) => void = () => undefined;

  constructor(
    private readonly log: EventLogRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
    this.poll = setInterval(() => {
      for (const eventId of this.sockets.keys()) void this.pump(eventId);
    }, 1_000);
    this.poll.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.poll);
    await this.listener?.end().catch(() => undefined);
    await Promise.allSettled([...this.queues.values()]);
  }

  /**
   * Starts delivering an event to a socket. With `afterSeq` the entries it
   * missed are replayed first; returns the seq it is now at.
   */
  subscribe(socket: Socket, eventId: string, viewer: LiveViewer, afterSeq: number | undefined, refresh: () => Promise<LiveViewer>): Promise<number> {
    return this.serialize(eventId, async () => {
      if (!this.cursors.has(eventId)) this.cursors.set(eventId, await this.log.lastSeq(eventId));
      const head = this.cursors.get(eventId)!;
      const subscription: Subscription = { viewer, cursor: afterSeq === undefined ? head : Math.min(afterSeq, head), refresh };
      while (subscription.cursor < head) {
        const entries = await this.log.listAfter(eventId, subscription.cursor, Math.min(BATCH, head - subscription.cursor));
        if (!entries.length) break;
        for (const entry of entries) await this.deliver(socket, subscription, entry);
      }
      subscription.cursor = head;
      // It may have gone while the replay ran (its disconnect already unsubscribed it).
      if (socket.disconnected) return head;
      const subscribers = this.sockets.get(eventId) ?? new Map<Socket, Subscription>();
      subscribers.set(socket, subscription);
      this.sockets.set(eventId, subscribers);
      return head;
    });
  }

  unsubscribe(socket: Socket): void {
    for (const [eventId, subscribers] of this.sockets) {
      subscribers.delete(socket);
      if (!subscribers.size) {
        this.sockets.delete(eventId);
        this.cursors.delete(eventId);
      }
    }
  }

  isSubscribed(socket: Socket, eventId: string): boolean {
    return this.sockets.get(eventId)?.has(socket) ?? false;
  }

  /**
   * Delivers everything past this node's cursor for an event. `next`, an entry
   * that came with its NOTIFY, is delivered as is when it is the very next seq;
   * anything else is read from the log, so order and completeness never depend
   * on notifications.
   */
  pump(eventId: string, next?: EventLogEntry): Promise<void> {
    return this.serialize(eventId, async () => {
      if (!this.sockets.has(eventId) || this.closing) return;
      let delivered = false;
      if (next && this.cursors.get(eventId) === next.seq - 1) {
        for (const [socket, subscription] of this.sockets.get(eventId) ?? []) await this.deliver(socket, subscription, next);
        this.cursors.set(eventId, next.seq);
        delivered = true;
      }
      for (;;) {
        const cursor = this.cursors.get(eventId) ?? (await this.log.lastSeq(eventId));
        const entries = await this.log.listAfter(eventId, cursor, BATCH);
        for (const entry of entries) {
          for (const [socket, subscription] of this.sockets.get(eventId) ?? []) await this.deliver(socket, subscription, entry);
          this.cursors.set(eventId, entry.seq);
          delivered = true;
        }
        if (entries.length < BATCH) break;
      }
      if (delivered) this.onDelivered(eventId);
    }).catch((error: unknown) => this.logger.warn(`relaying ${eventId} failed: ${(error as Error).message}`));
  }

  private async deliver(socket: Socket, subscription: Subscription, entry: EventLogEntry): Promise<void> {
    if (entry.seq <= subscription.cursor) return;
    subscription.cursor = entry.seq;
    const mine = canSee(entry, subscription.viewer);
    // A change to the viewer's own registrations (approval, room) may widen what it sees next.
    if (mine && !subscription.viewer.staff && entry.type.startsWith('registration')) subscription.viewer = await subscription.refresh();
    if (!mine) return;
    // eventId: seqs are per event, and one socket may follow several events.
    socket.emit('log', { eventId: entry.eventId, seq: entry.seq, type: entry.type, data: entry.data });
    if (entry.type.startsWith('connection.') && entry.data.connection) socket.emit('connection', entry.data.connection);
    if (entry.type === 'pitch.changed') socket.emit('pitch', entry.data);
  }

  private serialize<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(eventId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(eventId, next);
    void next.finally(() => {
      if (this.queues.get(eventId) === next) this.queues.delete(eventId);
    }).catch(() => undefined);
    return next;
  }

  /** A dedicated connection that LISTENs; reconnects with a growing delay when it drops. */
  private async listen(attempt = 0): Promise<void> {
    if (this.closing) return;
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url ?? this.config.databaseUrl });
    client.on('notification', (message) => {
      const note = message.payload ? parseNotification(message.payload) : null;
      if (note && this.sockets.has(note.eventId)) void this.pump(note.eventId, note.entry);
    });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.closing) return;
      this.logger.warn('lost the LISTEN connection; reconnecting (the poll keeps delivering meanwhile)');
      setTimeout(() => void this.listen(1), 500).unref();
    });
    try {
      await client.connect();
      await client.query('LISTEN event_log');
      this.listener = client;
    } catch (error) {
      client.removeAllListeners('end');
      const delay = Math.min(5_000, 250 * 2 ** attempt);
      this.logger.warn(`LISTEN failed (${(error as Error).message}); retrying in ${delay} ms`);
      setTimeout(() => void this.listen(attempt + 1), delay).unref();
    }
  }
}
