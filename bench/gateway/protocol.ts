/**
 * Messages between the gateway benchmark (bench/gateway.ts) and its child
 * processes: the server under test (server.ts: the gateway or a bare Socket.IO
 * server) and the client holders (clients.ts). Times are wall-clock
 * milliseconds with sub-millisecond precision (`now()`), comparable across
 * the processes of one machine.
 */
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** What a bare-server client sends in its handshake instead of a token: who it is (no check). */
export interface BareIdentity {
  registrationId: string;
  enterpriseName: Record<string, string>;
  venueId: string;
  side: string;
}

/** One client: the gateway gets `token`, the bare server `identity`. */
export interface ClientSpec {
  eventId: string;
  roomId: string;
  registrationId: string;
  token?: string;
  identity?: BareIdentity;
}

export type Mode = 'gateway' | 'bare';

export interface Summary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface PresenceReport extends Summary {
  /** Presence changes (leaves + joins) made during the run. */
  changes: number;
  /** Changes no client saw reflected in a `presence` message. */
  undelivered: number;
  /** The first few of them: kind, ms into the run, ack time, other changes of the room within ±200 ms. */
  undeliveredSamples: { kind: string; atMs: number; ackMs: number | null; neighbours: string[] }[];
  /** Deliveries that arrived before the changing client had its acknowledgement (counted as 0 ms). */
  beforeAck: number;
  /** Join/leave acknowledgements that failed or timed out. */
  ackErrors: number;
  firstAckError?: string;
  /** Acknowledgement round trip of room.join / room.leave (from emit to ack). */
  ack: Summary;
  /** The same deliveries timed from the changing client's emit instead of its ack (no clamping). */
  fromRequest: Summary;
}

export interface RunResult {
  windowMs: number;
  /** Messages received by all clients inside the run window. */
  counts: { presence: number; connection: number; log: number };
  presence: PresenceReport;
  /** Every `connection` message received during the run: [connection id, receive time]. */
  connectionReceipts: [string, number][];
}

export type ToClients =
  | { t: 'connect'; url: string; mode: Mode; specs: ClientSpec[]; concurrency: number; timeoutMs: number }
  | { t: 'run'; ms: number; changesPerSec: number; holdMs: number; drainMs: number }
  | { t: 'mem' }
  | { t: 'close' };

export type FromClients =
  | { t: 'connected'; ok: number; failed: number; errors: string[]; ms: number; total: number }
  | { t: 'result'; result: RunResult }
  | { t: 'mem'; rss: number }
  | { t: 'closed' }
  | { t: 'fatal'; message: string };

export type ToServer = { t: 'connection'; registrationIds: string[]; log: unknown; connection: unknown } | { t: 'mem' } | { t: 'stop' };

export type FromServer =
  { t: 'ready'; port: number } | { t: 'mem'; rss: number; heapUsed: number; external: number; sockets: number; cpuMicros: number } | { t: 'stopped' } | { t: 'fatal'; message: string };

export function summarize(values: number[]): Summary {
  if (!values.length) return { samples: 0, p50: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { samples: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted[sorted.length - 1]) };
}
