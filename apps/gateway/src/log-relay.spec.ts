import type { Socket } from 'socket.io';
import type { DataSource } from 'typeorm';
import { AppConfig, EventLogEntry, EventLogRepository } from '@tradebridge/core';
import type { LiveViewer } from '@tradebridge/live';
import { LogRelay } from './log-relay';

const EVENT = 'event-1';

/** An in-memory event log whose reads the test can hold at an await point and let go. */
class FakeLog {
  readonly entries: EventLogEntry[] = [];
  private held?: { reached: () => void; gate: Promise<void> };

  append(type: string, registrationIds: string[] = [], data: Record<string, unknown> = {}): EventLogEntry {
    const entry = Object.assign(new EventLogEntry(), { eventId: EVENT, seq: this.entries.length + 1, type, data, actorUserId: null, registrationIds, createdAt: new Date() });
    this.entries.push(entry);
    return entry;
  }

  /** The next `listAfter` stops before answering until `release()`; `reached` resolves once it is waiting. */
  holdNextRead(): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    this.held = { reached, gate };
    return { reached: waiting, release };
  }

  async lastSeq(eventId: string): Promise<number> {
    await Promise.resolve();
    return this.entries.filter((e) => e.eventId === eventId).length;
  }

  async listAfter(eventId: string, afterSeq: number, limit: number): Promise<EventLogEntry[]> {
    const held = this.held;
    this.held = undefined;
    if (held) {
      held.reached();
      await held.gate;
    } else {
      await Promise.resolve();
    }
    return this.entries.filter((e) => e.eventId === eventId && e.seq > afterSeq).slice(0, limit);
  }
}

interface FakeSocket {
  id: string;
  disconnected: boolean;
  emitted: { event: string; payload: { seq?: number; type?: string; data?: Record<string, unknown> } }[];
  emit(event: string, payload: unknown): boolean;
}

function fakeSocket(id: string): FakeSocket {
  return {
    id,
    disconnected: false,
    emitted: [],
    emit(event, payload) {
      this.emitted.push({ event, payload: payload as FakeSocket['emitted'][number]['payload'] });
      return true;
    },
  };
}

const asSocket = (s: FakeSocket) => s as unknown as Socket;
const seqs = (s: FakeSocket) => s.emitted.filter((e) => e.event === 'log').map((e) => e.payload.seq);
const staff: LiveViewer = { staff: true, registrationIds: new Set(), roomIds: new Set() };

describe('LogRelay', () => {
  let log: FakeLog;
  let relay: LogRelay;

  beforeEach(() => {
    log = new FakeLog();
    // Not initialised: no LISTEN session, no poll; the test calls pump() as a NOTIFY would.
    relay = new LogRelay(log as unknown as EventLogRepository, {} as DataSource, {} as AppConfig);
  });

  const subscribe = (s: FakeSocket, afterSeq?: number, viewer: LiveViewer = staff) => relay.subscribe(asSocket(s), EVENT, viewer, afterSeq, () => Promise.resolve(viewer));

  it('delivers what is appended after a subscribe, in order and once, with or without the entry in the notification', async () => {
    log.append('event.updated');
    log.append('event.updated');
    const a = fakeSocket('a');
    expect(await subscribe(a)).toBe(2);
    expect(seqs(a)).toEqual([]);

    await relay.pump(EVENT, log.append('room.created'));
    log.append('room.created');
    log.append('room.created');
    await relay.pump(EVENT); // a notification without the entry: read from the log
    await relay.pump(EVENT, log.entries[4]); // the same notification again
    log.append('room.created');
    await relay.pump(EVENT, log.append('room.created')); // seq 7 arrives, 6 was never announced
    expect(seqs(a)).toEqual([3, 4, 5, 6, 7]);
  });

  it('replays what a socket missed after afterSeq, then goes on live', async () => {
    for (let i = 0; i < 4; i++) log.append('room.created');
    const a = fakeSocket('a');
    expect(await subscribe(a, 1)).toBe(4);
    expect(seqs(a)).toEqual([2, 3, 4]);
    await relay.pump(EVENT, log.append('room.created'));
    expect(seqs(a)).toEqual([2, 3, 4, 5]);

    const ahead = fakeSocket('ahead');
    expect(await subscribe(ahead, 99)).toBe(5);
    expect(seqs(ahead)).toEqual([]);
  });

  it('sends a member only what it may see', async () => {
    const member: LiveViewer = { staff: false, registrationIds: new Set(['r1']), roomIds: new Set() };
    const m = fakeSocket('m');
    await subscribe(m, undefined, member);
    await relay.pump(EVENT, log.append('connection.requested', ['r2', 'r3']));
    await relay.pump(EVENT, log.append('connection.requested', ['r1', 'r3']));
    await relay.pump(EVENT, log.append('event.status_changed'));
    expect(seqs(m)).toEqual([2, 3]);
  });

  it('sends a member of registrations.rooms_assigned its own placements only, live and in a replay', async () => {
    const member: LiveViewer = { staff: false, registrationIds: new Set(['r1']), roomIds: new Set() };
    const data = {
      assignments: [
        { registrationId: 'r1', roomId: 'room-a' },
        { registrationId: 'r2', roomId: 'room-b' },
      ],
      unassigned: 3,
    };
    const m = fakeSocket('m');
    const s = fakeSocket('s');
    await subscribe(m, undefined, member);
    await subscribe(s);
    await relay.pump(EVENT, log.append('registrations.rooms_assigned', ['r1', 'r2'], data));
    const replayed = fakeSocket('m2');
    await subscribe(replayed, 0, member);
    for (const socket of [m, replayed]) {
      expect(socket.emitted.filter((e) => e.event === 'log').map((e) => e.payload.data)).toEqual([{ assignments: [{ registrationId: 'r1', roomId: 'room-a' }] }]);
    }
    expect(s.emitted.map((e) => e.payload.data)).toEqual([data]);
  });

  it('stops delivering to a socket that left; a later subscriber starts from the head', async () => {
    const a = fakeSocket('a');
    await subscribe(a);
    await relay.pump(EVENT, log.append('room.created'));
    relay.unsubscribe(asSocket(a));
    await relay.pump(EVENT, log.append('room.created'));
    expect(seqs(a)).toEqual([1]);

    const b = fakeSocket('b');
    expect(await subscribe(b)).toBe(2);
    await relay.pump(EVENT, log.append('room.created'));
    expect(seqs(b)).toEqual([3]);
    expect(seqs(a)).toEqual([1]);
  });

  it("keeps delivering to a socket whose afterSeq replay was under way when the event's last other subscriber left", async () => {
    for (let i = 0; i < 3; i++) log.append('room.created');
    const a = fakeSocket('a');
    await subscribe(a);

    // b resumes from seq 1; its replay waits on the log read...
    const read = log.holdNextRead();
    const b = fakeSocket('b');
    const subscribed = subscribe(b, 1);
    await read.reached;
    // ...while a, the only subscriber so far, disconnects.
    a.disconnected = true;
    relay.unsubscribe(asSocket(a));
    read.release();
    expect(await subscribed).toBe(3);
    expect(seqs(b)).toEqual([2, 3]);

    // Everything after the race reaches b, in order, exactly once.
    await relay.pump(EVENT, log.append('room.created'));
    await relay.pump(EVENT, log.append('room.created'));
    log.append('room.created');
    await relay.pump(EVENT);
    await relay.pump(EVENT, log.entries[5]);
    expect(seqs(b)).toEqual([2, 3, 4, 5, 6]);
    expect(seqs(a)).toEqual([]);
  });
});
