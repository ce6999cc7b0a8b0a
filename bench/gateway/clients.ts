/**
 * A child process holding Socket.IO clients for the gateway benchmark; driven
 * over IPC by bench/gateway.ts (messages in ./protocol). It connects clients
 * (the gateway: token, `event.subscribe`, `room.join`; the bare server:
 * identity, `room.join`), churns presence at a steady rate, counts what the
 * clients receive and times presence deliveries against the join/leave acks.
 */
import { io, Socket } from 'socket.io-client';
import { ClientSpec, FromClients, Mode, now, PresenceReport, RunResult, sleep, summarize, ToClients } from './protocol';

interface Slot {
  serial: number;
  spec: ClientSpec;
  socket: Socket;
  inRoom: boolean;
  busy: boolean;
  /** Not picked to leave again before this time (a leave right after a join would cancel out within the gateway's coalescing). */
  restUntil: number;
}

interface Change {
  roomId: string;
  registrationId: string;
  kind: 'join' | 'leave';
  sentAt: number;
  ackAt?: number;
  /** receiving slot → time it got the first `presence` reflecting this change */
  receipts: Map<number, number>;
}

interface PresenceMessage {
  roomId: string;
  participants: { registrationId: string }[];
}

type Ack = { ok: boolean; error?: { code: string; message: string } };

let mode: Mode = 'gateway';
const slots: Slot[] = [];
/** A number per client ever opened: who received a `presence` message. */
let serial = 0;
/** serial → when that client last sent `room.join` during the run: it is not told of changes made before. */
let joinedAt: number[] = [];
const counts = { presence: 0, connection: 0, log: 0 };
let windowStart = Infinity;
let windowEnd = -Infinity;
let recording = false;
let open = new Map<string, Change[]>();
let changes: Change[] = [];
let receipts: [string, number][] = [];
let ackTimes: number[] = [];
let ackErrors = 0;
let firstAckError: string | undefined;

const inWindow = (t: number) => t >= windowStart && t <= windowEnd;

function send(message: FromClients): void {
  process.send?.(message);
}

function onPresence(index: number, message: PresenceMessage): void {
  const t = now();
  if (inWindow(t)) counts.presence++;
  if (!recording) return;
  const list = open.get(message.roomId);
  if (!list) return;
  const since = joinedAt[index] ?? 0;
  for (const change of list) {
    if (change.receipts.has(index) || since > change.sentAt) continue;
    const present = message.participants.some((p) => p.registrationId === change.registrationId);
    if (present === (change.kind === 'join')) change.receipts.set(index, t);
  }
}

function connectOne(url: string, spec: ClientSpec, index: number, timeoutMs: number): Promise<Socket> {
  const auth = mode === 'gateway' ? { token: spec.token } : { ...spec.identity };
  const socket = io(`${url}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  socket.on('presence', (message: PresenceMessage) => onPresence(index, message));
  socket.on('connection', (connection: { id: string }) => {
    const t = now();
    if (inWindow(t)) counts.connection++;
    if (recording) receipts.push([connection.id, t]);
  });
  socket.on('log', () => {
    if (inWindow(now())) counts.log++;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function ack(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack;
}

/** Connects, subscribes and joins `specs` with at most `concurrency` handshakes at once. */
async function connect(url: string, specs: ClientSpec[], concurrency: number, timeoutMs: number): Promise<FromClients> {
  const started = now();
  let next = 0;
  let ok = 0;
  let failed = 0;
  const errors: string[] = [];
  const base = slots.length;
  const fail = (error: unknown) => {
    failed++;
    if (errors.length < 5) errors.push(error instanceof Error ? error.message : JSON.stringify(error));
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
      while (next < specs.length) {
        const k = next++;
        const spec = specs[k];
        let socket: Socket | undefined;
        const id = serial++;
        try {
          socket = await connectOne(url, spec, id, timeoutMs);
          if (mode === 'gateway') {
            const subscribed = await ack(socket, 'event.subscribe', { eventId: spec.eventId }, timeoutMs);
            if (!subscribed.ok) throw new Error(`event.subscribe: ${subscribed.error?.code} ${subscribed.error?.message}`);
          }
          const joined = await ack(socket, 'room.join', { roomId: spec.roomId }, timeoutMs);
          if (!joined.ok) throw new Error(`room.join: ${joined.error?.code} ${joined.error?.message}`);
          slots[base + k] = { serial: id, spec, socket, inRoom: true, busy: false, restUntil: 0 };
          ok++;
        } catch (error) {
          socket?.close();
          fail(error);
        }
      }
    }),
  );
  // Keep the slot array dense (a failed client leaves no hole).
  for (let i = slots.length - 1; i >= base; i--) if (!slots[i]) slots.splice(i, 1);
  return { t: 'connected', ok, failed, errors, ms: Math.round(now() - started), total: slots.length };
}

function track(slot: Slot, kind: 'join' | 'leave'): Change {
  const change: Change = { roomId: slot.spec.roomId, registrationId: slot.spec.registrationId, kind, sentAt: now(), receipts: new Map() };
  // The previous change of this client is settled by now (or never will be): stop matching it.
  const list = (open.get(change.roomId) ?? []).filter((c) => c.registrationId !== change.registrationId);
  list.push(change);
  open.set(change.roomId, list);
  changes.push(change);
  return change;
}

async function change(slot: Slot, kind: 'join' | 'leave'): Promise<void> {
  const change = track(slot, kind);
  if (kind === 'join') joinedAt[slot.serial] = change.sentAt;
  try {
    const answer = await ack(slot.socket, kind === 'join' ? 'room.join' : 'room.leave', { roomId: slot.spec.roomId });
    if (!answer.ok) throw new Error(`${kind}: ${answer.error?.code} ${answer.error?.message}`);
    change.ackAt = now();
    ackTimes.push(change.ackAt - change.sentAt);
  } catch (error) {
    ackErrors++;
    firstAckError ??= error instanceof Error ? error.message : String(error);
  }
}

/** Presence churn: a client leaves its room, stays out `holdMs`, joins again; `changesPerSec` changes a second. */
async function run(ms: number, changesPerSec: number, holdMs: number, drainMs: number): Promise<RunResult> {
  counts.presence = counts.connection = counts.log = 0;
  open = new Map();
  changes = [];
  receipts = [];
  ackTimes = [];
  joinedAt = [];
  ackErrors = 0;
  firstAckError = undefined;
  recording = true;
  const t0 = now();
  windowStart = t0;
  windowEnd = t0 + ms;
  const leavesPerSec = changesPerSec / 2;
  let issued = 0;
  let inFlight = 0;
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
  const pick = (): Slot | undefined => {
    const t = now();
    for (let tries = 0; tries < 50; tries++) {
      const slot = slots[Math.floor(Math.random() * slots.length)];
      if (slot && slot.inRoom && !slot.busy && slot.restUntil <= t) return slot;
    }
    return undefined;
  };
  while (now() - t0 < ms) {
    const target = Math.floor(((now() - t0) / 1000) * leavesPerSec);
    while (issued < target) {
      const slot = pick();
      if (!slot) break;
      issued++;
      void cycle(slot);
    }
    await sleep(5);
  }
  const deadline = now() + holdMs + 15_000;
  while (inFlight > 0 && now() < deadline) await sleep(20);
  await sleep(drainMs);
  recording = false;
  windowStart = Infinity;
  windowEnd = -Infinity;

  const latencies: number[] = [];
  const fromRequest: number[] = [];
  let beforeAck = 0;
  let undelivered = 0;
  const undeliveredSamples: PresenceReport['undeliveredSamples'] = [];
  for (const c of changes) {
    if (c.receipts.size === 0) {
      undelivered++;
      if (undeliveredSamples.length < 5) {
        undeliveredSamples.push({
          kind: c.kind,
          atMs: Math.round(c.sentAt - t0),
          ackMs: c.ackAt === undefined ? null : Math.round((c.ackAt - c.sentAt) * 10) / 10,
          neighbours: changes
            .filter((o) => o !== c && o.roomId === c.roomId && Math.abs(o.sentAt - c.sentAt) < 200)
            .map((o) => `${o.kind}${o.registrationId === c.registrationId ? ' (same client)' : ''} at ${Math.round(o.sentAt - c.sentAt)} ms, ${o.receipts.size} receipts`),
        });
      }
    }
    if (c.ackAt === undefined) continue;
    for (const t of c.receipts.values()) {
      fromRequest.push(t - c.sentAt);
      const latency = t - c.ackAt;
      if (latency < 0) beforeAck++;
      latencies.push(Math.max(0, latency));
    }
  }
  const presence: PresenceReport = {
    ...summarize(latencies),
    changes: changes.length,
    undelivered,
    undeliveredSamples,
    beforeAck,
    ackErrors,
    firstAckError,
    ack: summarize(ackTimes),
    fromRequest: summarize(fromRequest),
  };
  open = new Map();
  changes = [];
  return { windowMs: ms, counts: { ...counts }, presence, connectionReceipts: receipts };
}

async function handle(message: ToClients): Promise<void> {
  switch (message.t) {
    case 'connect':
      mode = message.mode;
      send(await connect(message.url, message.specs, message.concurrency, message.timeoutMs));
      return;
    case 'run':
      send({ t: 'result', result: await run(message.ms, message.changesPerSec, message.holdMs, message.drainMs) });
      return;
    case 'mem':
      send({ t: 'mem', rss: process.memoryUsage().rss });
      return;
    case 'close':
      for (const slot of slots.splice(0)) slot.socket.close();
      await sleep(200);
      send({ t: 'closed' });
      return;
  }
}

process.on('message', (message: ToClients) => {
  handle(message).catch((error: unknown) => send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
// The benchmark went away: leave with it.
process.on('disconnect', () => process.exit(0));
