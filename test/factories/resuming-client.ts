import { io, Socket } from 'socket.io-client';
import type { Ack } from './live';

/** A `log` entry as a client received it, with the connection (1, 2, …) it came on. */
export interface Received {
  seq: number;
  type: string;
  connection: number;
  at: number;
}

export interface SubscribeAttempt {
  connection: number;
  afterSeq: number | undefined;
  ok: boolean;
  code?: string;
  lastSeq?: number;
  at: number;
}

/**
 * The client of docs/realtime.md §7, instrumented: it keeps the highest seq it
 * has seen, sends `event.subscribe { eventId, afterSeq }` on every connect
 * (again after an error ack; after no ack at all, on a fresh connection),
 * re-joins its rooms, and records every `log`
 * entry exactly as it arrives (no de-duplication), so a test can check for
 * gaps, duplicates and order. Socket.IO's own reconnection is on (default
 * back-off 1–5 s); `moveTo` switches it to another node by hand.
 */
export class ResumingClient {
  readonly received: Received[] = [];
  readonly subscribes: SubscribeAttempt[] = [];
  readonly disconnects: { reason: string; at: number }[] = [];
  readonly presence: { roomId: string; registrationIds: string[]; at: number }[] = [];
  /** Rooms re-joined after a (re)connect, with the ack's outcome. */
  readonly rejoins: { ok: boolean; code?: string; ms: number; at: number }[] = [];
  socket!: Socket;
  /** Connects so far (1 after the first). */
  connections = 0;
  lastSeq: number | undefined;
  private readonly rooms = new Set<string>();
  private closed = false;
  private firstSubscribe?: { resolve: () => void; reject: (e: Error) => void };

  constructor(
    url: string,
    private readonly token: string,
    readonly eventId: string,
    /** The first subscribe's afterSeq: 0 replays the whole log; undefined starts at the head. */
    firstAfterSeq: number | undefined,
    readonly label = '',
  ) {
    this.lastSeq = firstAfterSeq;
    this.open(url);
  }

  /** Resolves after the first successful subscribe. */
  ready(ms = 20_000): Promise<void> {
    if (this.subscribes.some((s) => s.ok)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label}: not subscribed within ${ms} ms (${JSON.stringify(this.subscribes.slice(-3))})`)), ms);
      this.firstSubscribe = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject,
      };
    });
  }

  /** Successful subscribes on a connection after the first: the client came back. */
  resumes(): SubscribeAttempt[] {
    return this.subscribes.filter((s) => s.ok && s.connection > 1);
  }

  ack<T = unknown>(event: string, payload: unknown, ms = 5_000): Promise<Ack<T>> {
    return this.socket.timeout(ms).emitWithAck(event, payload) as Promise<Ack<T>>;
  }

  async join(roomId: string): Promise<Ack> {
    this.rooms.add(roomId);
    return this.ack('room.join', { roomId });
  }

  async leave(roomId: string): Promise<Ack> {
    this.rooms.delete(roomId);
    return this.ack('room.leave', { roomId });
  }

  /** Drops this connection and, `awayMs` later, connects to another node (as a client with a list of nodes would). */
  moveTo(url: string, awayMs = 0): void {
    this.socket.removeAllListeners();
    this.socket.close();
    this.disconnects.push({ reason: 'moved', at: Date.now() });
    setTimeout(() => !this.closed && this.open(url), awayMs);
  }

  close(): void {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.close();
  }

  private open(url: string): void {
    const socket = io(`${url}/live`, { auth: { token: this.token }, transports: ['websocket'], forceNew: true, reconnection: true });
    this.socket = socket;
    socket.on('log', (e: { eventId: string; seq: number; type: string }) => {
      if (e.eventId !== this.eventId) return;
      this.received.push({ seq: e.seq, type: e.type, connection: this.connections, at: Date.now() });
      this.lastSeq = Math.max(this.lastSeq ?? 0, e.seq);
    });
    socket.on('presence', (p: { roomId: string; participants: { registrationId: string | null }[] }) => {
      this.presence.push({ roomId: p.roomId, registrationIds: p.participants.map((x) => x.registrationId).filter((x): x is string => Boolean(x)), at: Date.now() });
    });
    socket.on('disconnect', (reason) => this.disconnects.push({ reason, at: Date.now() }));
    // A refused handshake (e.g. DATABASE_UNAVAILABLE while checking the token) turns reconnection off: try again.
    socket.on('connect_error', () => {
      if (!socket.active && !this.closed) setTimeout(() => this.socket === socket && !this.closed && socket.connect(), 500);
    });
    socket.on('connect', () => {
      this.connections += 1;
      void this.subscribe(socket, this.connections);
    });
  }

  private async subscribe(socket: Socket, connection: number): Promise<void> {
    while (socket.connected && this.socket === socket && connection === this.connections) {
      const afterSeq = this.lastSeq;
      const attempt: SubscribeAttempt = { connection, afterSeq, ok: false, at: 0 };
      try {
        const res = (await socket.timeout(15_000).emitWithAck('event.subscribe', afterSeq === undefined ? { eventId: this.eventId } : { eventId: this.eventId, afterSeq })) as Ack<{
          lastSeq: number;
        }>;
        attempt.at = Date.now();
        attempt.ok = res.ok;
        if (res.ok) {
          attempt.lastSeq = res.data.lastSeq;
          // Entries up to lastSeq were replayed or are not ours to see.
          this.lastSeq = Math.max(this.lastSeq ?? 0, res.data.lastSeq);
        } else {
          attempt.code = res.error.code;
        }
      } catch (error) {
        attempt.at = Date.now();
        attempt.code = (error as Error).message;
      }
      this.subscribes.push(attempt);
      if (attempt.ok) {
        for (const roomId of this.rooms) {
          const started = Date.now();
          const joined = (await socket
            .timeout(5_000)
            .emitWithAck('room.join', { roomId })
            .catch((e: Error) => ({ ok: false, error: { code: e.message } }))) as Ack;
          this.rejoins.push({ ok: joined.ok, code: joined.ok ? undefined : joined.error.code, ms: Date.now() - started, at: started });
        }
        this.firstSubscribe?.resolve();
        this.firstSubscribe = undefined;
        return;
      }
      if (!attempt.code || attempt.code.includes('timed out')) {
        // No answer: the node may still be replaying, and a second subscribe with the same
        // afterSeq would replay again. A new connection starts with no subscription.
        socket.disconnect().connect();
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** What a client's record shows against the entries it may see: missing, duplicated, unexpected, out of order. */
export function deliveryProblems(received: Received[], expected: number[]): { missing: number[]; duplicates: number[]; unexpected: number[]; outOfOrder: number } {
  const counts = new Map<number, number>();
  let outOfOrder = 0;
  let previous = 0;
  for (const r of received) {
    counts.set(r.seq, (counts.get(r.seq) ?? 0) + 1);
    if (r.seq <= previous) outOfOrder += 1;
    previous = Math.max(previous, r.seq);
  }
  const wanted = new Set(expected);
  return {
    missing: expected.filter((seq) => !counts.has(seq)),
    duplicates: [...counts].filter(([, n]) => n > 1).map(([seq]) => seq),
    unexpected: [...counts.keys()].filter((seq) => !wanted.has(seq)),
    outOfOrder,
  };
}
