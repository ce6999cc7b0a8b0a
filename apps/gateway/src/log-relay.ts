import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ConnectionView, PitchState } from '@tradebridge/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, EventLogEntry, EventLogRepository, KeyedSerial, parseNotification, PgListener } from '@tradebridge/core';
import { audienceOf, canSee, dataFor, LiveViewer } from '@tradebridge/live';
import type { LiveSocket } from './live-socket';

interface Subscription {
  viewer: LiveViewer;
  /** The last seq this socket has been given (or passed over as not its to see). */
  cursor: number;
  refresh: () => Promise<LiveViewer>;
}

const BATCH = 500;

/** An event's subscribers on this node, indexed by who entries are for, so an entry touches only its audience. */
class Subscribers {
  readonly all = new Map<LiveSocket, Subscription>();
  private readonly staff = new Set<LiveSocket>();
  private readonly byRegistration = new Map<string, Set<LiveSocket>>();
  private readonly byRoom = new Map<string, Set<LiveSocket>>();

  add(socket: LiveSocket, subscription: Subscription): void {
    this.remove(socket);
    this.all.set(socket, subscription);
    const { viewer } = subscription;
    if (viewer.staff) this.staff.add(socket);
    for (const id of viewer.registrationIds) addTo(this.byRegistration, id, socket);
    for (const id of viewer.roomIds) addTo(this.byRoom, id, socket);
  }

  remove(socket: LiveSocket): void {
    const subscription = this.all.get(socket);
    if (!subscription) return;
    this.all.delete(socket);
    this.staff.delete(socket);
    for (const id of subscription.viewer.registrationIds) removeFrom(this.byRegistration, id, socket);
    for (const id of subscription.viewer.roomIds) removeFrom(this.byRoom, id, socket);
  }

  /** The sockets an entry may be for (canSee still decides). */
  targets(entry: EventLogEntry): Iterable<LiveSocket> {
    const audience = audienceOf(entry);
    if (audience.everyone) return this.all.keys();
    const out = new Set(this.staff);
    for (const id of audience.registrationIds) for (const s of this.byRegistration.get(id) ?? []) out.add(s);
    if (audience.roomId) for (const s of this.byRoom.get(audience.roomId) ?? []) out.add(s);
    return out;
  }
}

function addTo(index: Map<string, Set<LiveSocket>>, key: string, socket: LiveSocket): void {
  const set = index.get(key) ?? new Set<LiveSocket>();
  set.add(socket);
  index.set(key, set);
}

function removeFrom(index: Map<string, Set<LiveSocket>>, key: string, socket: LiveSocket): void {
  const set = index.get(key);
  set?.delete(socket);
  if (set && !set.size) index.delete(key);
}

/**
 * Delivers the event log to this node's sockets: `log { seq, type, data }` for
 * every entry a socket may see, in seq order, without gaps or duplicates.
 *
 * The log is the truth; PostgreSQL NOTIFY (sent by the appending transaction)
 * is the wake-up, and polling covers the time the LISTEN session is down. Each node
 * reads the log itself and emits to its own sockets only, so several nodes
 * never deliver an entry twice. Work on one event is serialized: a subscribe's
 * replay, the live pump and the forgetting of an event nobody follows never interleave.
 */
@Injectable()
export class LogRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LogRelay');
  private readonly cursors = new Map<string, number>();
  private readonly sockets = new Map<string, Subscribers>();
  private readonly serial = new KeyedSerial();
  private readonly listener: PgListener;
  private closing = false;
  /** Called after entries of an event were delivered (staff stats). */
  onDelivered: (eventId: string) => void = () => undefined;

  constructor(
    private readonly log: EventLogRepository,
    dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Polling covers the time the LISTEN session is down (every second) and, as a
    // safety net, runs every 30 s anyway; with LISTEN up, reads are NOTIFY-driven, so
    // a poll's read never delays a notification queued behind it.
    this.listener = new PgListener({
      connectionString: (dataSource.options as { url?: string } | undefined)?.url ?? config.databaseUrl ?? '',
      channel: 'event_log',
      logger: this.logger,
      meanwhile: 'the poll keeps delivering',
      onNotify: (payload) => {
        const note = payload ? parseNotification(payload) : null;
        if (note && this.sockets.has(note.eventId)) void this.pump(note.eventId, note.entry);
      },
      sweep: () => {
        for (const eventId of this.sockets.keys()) void this.pump(eventId);
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.listener.stop();
    await this.serial.settled();
  }

  /**
   * Starts delivering an event to a socket. With `afterSeq` the entries it
   * missed are replayed first; returns the seq it is now at.
   */
  subscribe(socket: LiveSocket, eventId: string, viewer: LiveViewer, afterSeq: number | undefined, refresh: () => Promise<LiveViewer>): Promise<number> {
    return this.serial.run(eventId, async () => {
      if (!this.cursors.has(eventId)) this.cursors.set(eventId, await this.log.lastSeq(eventId));
      const head = this.cursors.get(eventId)!;
      const subscription: Subscription = { viewer, cursor: afterSeq === undefined ? head : Math.min(afterSeq, head), refresh };
      while (subscription.cursor < head) {
        const entries = await this.log.listAfter(eventId, subscription.cursor, Math.min(BATCH, head - subscription.cursor));
        if (!entries.length) break;
        for (const entry of entries) if (this.emit(socket, subscription, entry)) subscription.viewer = await subscription.refresh();
      }
      subscription.cursor = head;
      // It may have gone while the replay ran (its disconnect already unsubscribed it).
      if (socket.disconnected) return head;
      const subscribers = this.sockets.get(eventId) ?? new Subscribers();
      subscribers.add(socket, subscription);
      this.sockets.set(eventId, subscribers);
      return head;
    });
  }

  /**
   * Stops delivering to a socket at once. Forgetting an event nobody follows any
   * more (its cursor) waits its turn behind the event's work: a subscribe whose
   * replay is under way would otherwise join an event without a cursor, and be
   * passed over by every later entry.
   */
  unsubscribe(socket: LiveSocket): void {
    for (const [eventId, subscribers] of this.sockets) {
      subscribers.remove(socket);
      if (subscribers.all.size) continue;
      void this.serial.run(eventId, () => {
        if (this.sockets.get(eventId)?.all.size !== 0) return;
        this.sockets.delete(eventId);
        this.cursors.delete(eventId);
      });
    }
  }

  /**
   * Delivers everything past this node's cursor for an event. `next`, an entry
   * that came with its NOTIFY, is delivered as is when it is the very next seq;
   * anything else is read from the log, so order and completeness never depend
   * on notifications.
   */
  pump(eventId: string, next?: EventLogEntry): Promise<void> {
    return this.serial
      .run(eventId, async () => {
        if (!this.sockets.has(eventId) || this.closing) return;
        let delivered = false;
        if (next && this.cursors.get(eventId) === next.seq - 1) {
          await this.deliver(eventId, next);
          this.cursors.set(eventId, next.seq);
          // A notification announces one entry: nothing to read. A later gap is caught
          // by the next notification (its seq will not follow) or by the poll.
          this.onDelivered(eventId);
          return;
        }
        for (;;) {
          const cursor = this.cursors.get(eventId) ?? (await this.log.lastSeq(eventId));
          const entries = await this.log.listAfter(eventId, cursor, BATCH);
          for (const entry of entries) {
            await this.deliver(eventId, entry);
            this.cursors.set(eventId, entry.seq);
            delivered = true;
          }
          if (entries.length < BATCH) break;
        }
        if (delivered) this.onDelivered(eventId);
      })
      .catch((error: unknown) => this.logger.warn(`relaying ${eventId} failed: ${(error as Error).message}`));
  }

  /** One entry to this node's sockets that may see it; refreshes the viewers it may have widened. */
  private async deliver(eventId: string, entry: EventLogEntry): Promise<void> {
    const subscribers = this.sockets.get(eventId);
    if (!subscribers) return;
    const widened: [LiveSocket, Subscription][] = [];
    for (const socket of subscribers.targets(entry)) {
      const subscription = subscribers.all.get(socket);
      if (subscription && this.emit(socket, subscription, entry)) widened.push([socket, subscription]);
    }
    for (const [socket, subscription] of widened) {
      subscription.viewer = await subscription.refresh();
      if (subscribers.all.has(socket)) subscribers.add(socket, subscription);
    }
  }

  /**
   * Sends an entry (and its `connection` / `pitch` form) if the socket may see
   * it and has not had it. Returns whether it changes the viewer's own
   * registrations (an approval, a room), which may widen what it sees next.
   */
  private emit(socket: LiveSocket, subscription: Subscription, entry: EventLogEntry): boolean {
    if (entry.seq <= subscription.cursor) return false;
    subscription.cursor = entry.seq;
    if (!canSee(entry, subscription.viewer)) return false;
    // eventId: seqs are per event, and one socket may follow several events.
    socket.emit('log', { eventId: entry.eventId, seq: entry.seq, type: entry.type, data: dataFor(entry, subscription.viewer) });
    if (entry.type.startsWith('connection.') && entry.data.connection) socket.emit('connection', entry.data.connection as ConnectionView);
    if (entry.type === 'pitch.changed') socket.emit('pitch', entry.data as unknown as PitchState);
    return !subscription.viewer.staff && entry.type.startsWith('registration');
  }
}
