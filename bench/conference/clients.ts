/**
 * The conference benchmark's live participants: a child process holding the
 * socket.io clients (members: `event.subscribe`, then `room.join` of their
 * room; staff dashboards: `event.subscribe` only), driven over IPC by
 * bench/conference.ts. During a run it churns presence (a member leaves its
 * room and comes back a little later) and records when each socket receives
 * each `connection`, connection `log` and connection `notification`, and how
 * long presence changes take to reach the rest of the room.
 */
import { io, Socket } from 'socket.io-client';
import { now, sleep, summarize } from '../gateway/protocol';
import { connectionOf } from '../notifications/figures';
import type { ConferenceClientSpec, Drop, FromConferenceClients, PresenceFigures, Receipt, ToConferenceClients } from './protocol';

interface Slot {
  spec: ConferenceClientSpec;
  socket: Socket;
  inRoom: boolean;
  busy: boolean;
  /** Not picked again before this time. */
  restUntil: number;
}

interface Change {
  roomId: string;
  registrationId: string;
  kind: 'join' | 'leave';
  sentAt: number;
  ackAt?: number;
  /** Members of the room when the change was made (they should all see it): slot index → receive time. */
  expected: Set<number>;
  receipts: Map<number, number>;
}

const slots: (Slot | undefined)[] = [];
let slotCount = 0;
let recording = false;
const counts: Record<string, number> = {};
let connectionReceipts: Receipt[] = [];
let logReceipts: Receipt[] = [];
let notificationReceipts: Receipt[] = [];
let openChanges = new Map<string, Change[]>();
let changes: Change[] = [];
let ackErrors = 0;
let firstAckError: string | undefined;
let drops: Drop[] = [];
/** Resolves the running `run` once the driver says `stop`. */
let stopRequested: (() => void) | undefined;
let stopped = Promise.resolve();

function send(message: FromConferenceClients): void {
  process.send?.(message);
}

function count(kind: string): void {
  if (recording) counts[kind] = (counts[kind] ?? 0) + 1;
}

function onPresence(index: number, message: { roomId: string; participants: { registrationId: string }[] }): void {
  const t = now();
  count('presence');
  if (!recording) return;
  for (const change of openChanges.get(message.roomId) ?? []) {
    if (!change.expected.has(index) || change.receipts.has(index)) continue;
    const present = message.participants.some((p) => p.registrationId === change.registrationId);
    if (present === (change.kind === 'join')) change.receipts.set(index, t);
  }
}

function connectOne(url: string, spec: ConferenceClientSpec, index: number, timeoutMs: number): Promise<Socket> {
  const socket = io(`${url}/live`, { auth: { token: spec.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  const who = spec.registrationId ?? 'staff';
  socket.on('presence', (message: { roomId: string; participants: { registrationId: string }[] }) => onPresence(index, message));
  socket.on('connection', (connection: { id: string; status: string }) => {
    const t = now();
    count('connection');
    if (recording) connectionReceipts.push([connection.id, connection.status, who, t]);
  });
  socket.on('log', (entry: { type: string; data: { connection?: { id: string } } }) => {
    const t = now();
    count('log');
    if (recording && entry.type.startsWith('connection.') && entry.data.connection) logReceipts.push([entry.data.connection.id, entry.type.slice('connection.'.length), who, t]);
  });
  socket.on('notification', (notification: { kind: string; link?: string; data?: Record<string, unknown> }) => {
    const t = now();
    count('notification');
    const connectionId = recording && notification.kind.startsWith('connection.') ? connectionOf(notification) : undefined;
    if (connectionId) notificationReceipts.push([connectionId, notification.kind.slice('connection.'.length), who, t]);
  });
  // Sockets are not reopened, so a drop (a missed ping under load, say) silences this member for the rest of the run.
  socket.on('disconnect', (reason) => {
    if (recording) drops.push({ who, at: now(), reason });
  });
  socket.on('stats', () => count('stats'));
  socket.on('pitch', () => count('pitch'));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function ack(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string; message: string } };
}

async function connect(url: string, specs: ConferenceClientSpec[], concurrency: number, timeoutMs: number): Promise<FromConferenceClients> {
  const started = now();
  let next = 0;
  let ok = 0;
  let failed = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
      while (next < specs.length) {
        const spec = specs[next++];
        // The slot's index is fixed before connecting: the presence handler knows the socket by it (a failure leaves a hole).
        const position = slotCount++;
        let socket: Socket | undefined;
        try {
          socket = await connectOne(url, spec, position, timeoutMs);
          const subscribed = await ack(socket, 'event.subscribe', { eventId: spec.eventId }, timeoutMs);
          if (!subscribed.ok) throw new Error(`event.subscribe: ${subscribed.error?.code} ${subscribed.error?.message}`);
          if (spec.roomId) {
            const joined = await ack(socket, 'room.join', { roomId: spec.roomId }, timeoutMs);
            if (!joined.ok) throw new Error(`room.join: ${joined.error?.code} ${joined.error?.message}`);
          }
          slots[position] = { spec, socket, inRoom: Boolean(spec.roomId), busy: false, restUntil: 0 };
          ok++;
        } catch (error) {
          socket?.close();
          failed++;
          if (errors.length < 5) errors.push(error instanceof Error ? error.message : JSON.stringify(error));
        }
      }
    }),
  );
  const members = slots.flatMap((slot) => (slot?.spec.registrationId ? [slot.spec.registrationId] : []));
  return { t: 'connected', ok, failed, errors, ms: Math.round(now() - started), members };
}

function roomMembers(roomId: string, except: Slot): Set<number> {
  const out = new Set<number>();
  slots.forEach((slot, i) => {
    if (slot && slot !== except && slot.inRoom && slot.spec.roomId === roomId) out.add(i);
  });
  return out;
}

async function change(slot: Slot, kind: 'join' | 'leave'): Promise<void> {
  const roomId = slot.spec.roomId!;
  if (!recording) {
    // Warm-up: the change is made, not timed.
    await ack(slot.socket, kind === 'join' ? 'room.join' : 'room.leave', { roomId }).catch(() => undefined);
    return;
  }
  const c: Change = { roomId, registrationId: slot.spec.registrationId!, kind, sentAt: now(), expected: roomMembers(roomId, slot), receipts: new Map() };
  // An earlier change of the same client is settled by now (or never will be).
  const list = (openChanges.get(roomId) ?? []).filter((o) => o.registrationId !== c.registrationId);
  list.push(c);
  openChanges.set(roomId, list);
  changes.push(c);
  try {
    const answer = await ack(slot.socket, kind === 'join' ? 'room.join' : 'room.leave', { roomId });
    if (!answer.ok) throw new Error(`${kind}: ${answer.error?.code} ${answer.error?.message}`);
    c.ackAt = now();
  } catch (error) {
    ackErrors++;
    firstAckError ??= error instanceof Error ? error.message : String(error);
  }
}

/**
 * Churns presence for `warmupMs + ms` (`changesPerSec` leaves and re-joins a second, each member
 * out for `holdMs`), recording after the warm-up until `drainMs` after the end.
 */
async function run(warmupMs: number, ms: number, drainMs: number, changesPerSec: number, holdMs: number): Promise<FromConferenceClients> {
  for (const key of Object.keys(counts)) delete counts[key];
  connectionReceipts = [];
  logReceipts = [];
  notificationReceipts = [];
  openChanges = new Map();
  changes = [];
  ackErrors = 0;
  firstAckError = undefined;
  drops = [];
  const t0 = now();
  let recordFrom = t0 + warmupMs;
  let issued = 0;
  let inFlight = 0;
  const members = slots.filter((s): s is Slot => Boolean(s?.spec.roomId));
  const cycle = async (slot: Slot) => {
    inFlight++;
    slot.busy = true;
    try {
      await change(slot, 'leave');
      slot.inRoom = false;
      await sleep(holdMs);
      await change(slot, 'join');
      slot.inRoom = true;
      slot.restUntil = now() + holdMs;
    } finally {
      slot.busy = false;
      inFlight--;
    }
  };
  while (now() - t0 < warmupMs + ms) {
    if (!recording && now() >= recordFrom) {
      recording = true;
      recordFrom = now();
    }
    const target = Math.floor(((now() - t0) / 1000) * (changesPerSec / 2));
    while (issued < target) {
      const t = now();
      let slot: Slot | undefined;
      for (let tries = 0; tries < 50 && !slot; tries++) {
        const candidate = members[Math.floor(Math.random() * members.length)];
        if (candidate.inRoom && !candidate.busy && candidate.restUntil <= t) slot = candidate;
      }
      if (!slot) break;
      issued++;
      void cycle(slot);
    }
    await sleep(5);
  }
  const deadline = now() + holdMs + 15_000;
  while (inFlight > 0 && now() < deadline) await sleep(20);
  await sleep(drainMs);
  // The driver's window ends after this one (it starts later) and its last changes are answered later still.
  await stopped;
  recording = false;
  const stoppedAt = now();

  const fromAck: number[] = [];
  const fromEmit: number[] = [];
  let expected = 0;
  let missing = 0;
  for (const c of changes) {
    expected += c.expected.size;
    missing += c.expected.size - c.receipts.size;
    if (c.ackAt === undefined) continue;
    for (const t of c.receipts.values()) {
      fromAck.push(Math.max(0, t - c.ackAt));
      fromEmit.push(t - c.sentAt);
    }
  }
  const presence: PresenceFigures = { changes: changes.length, expectedDeliveries: expected, missing, ackErrors, firstAckError, fromAck: summarize(fromAck), fromEmit: summarize(fromEmit) };
  openChanges = new Map();
  changes = [];
  return { t: 'result', windowMs: Math.round(stoppedAt - recordFrom), counts: { ...counts }, presence, connectionReceipts, logReceipts, notificationReceipts, stoppedAt, drops };
}

async function handle(message: ToConferenceClients): Promise<void> {
  switch (message.t) {
    case 'connect':
      send(await connect(message.url, message.specs, message.concurrency, message.timeoutMs));
      return;
    case 'run':
      stopped = new Promise((resolve) => (stopRequested = resolve));
      send(await run(message.warmupMs, message.ms, message.drainMs, message.changesPerSec, message.holdMs));
      return;
    case 'stop':
      stopRequested?.();
      return;
    case 'close':
      for (const slot of slots.splice(0)) slot?.socket.close();
      await sleep(200);
      send({ t: 'closed' });
      return;
  }
}

process.on('message', (message: ToConferenceClients) => {
  handle(message).catch((error: unknown) => send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on('disconnect', () => process.exit(0));
