/**
 * Messages between the REST and conference benchmarks and their children: the
 * HTTP server under test (server.ts: the TradeBridge API or the bare Fastify
 * baseline) and the load generator (load.ts).
 */

export type ServerMode = 'api' | 'bare';

/** One SQL statement as the server sent it to PostgreSQL. */
export interface Statement {
  sql: string;
  params: number;
}

export type ToServer = { t: 'capture'; on: boolean } | { t: 'cpu' } | { t: 'loop' } | { t: 'stop' };

export type FromServer =
  | { t: 'ready'; port: number }
  | { t: 'captured'; statements: Statement[] }
  | { t: 'cpu'; micros: number; rss: number }
  /** The server's event-loop delay since the last `loop` (ms): is a slow request the process stalling, or waiting on PostgreSQL? */
  | { t: 'loop'; p50: number; p99: number; max: number }
  | { t: 'stopped' }
  | { t: 'fatal'; message: string };

/** One request of a load plan. */
export interface PlannedRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: string;
}

export interface LoadRun {
  t: 'run';
  url: string;
  /** A plan sent before with `plan`. */
  plan: string;
  /** `cycle`: reads go round the plan; `once`: each request is sent at most once (writes), running out ends the run early. */
  reuse: 'cycle' | 'once';
  /** Where in the plan to start (a write plan is shared by several runs). */
  start: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  /** Requests started inside the measured window, by status. */
  statuses: Record<string, number>;
  /** 2xx answers to the requests started inside the window, per second of the window. */
  perSec: number;
  windowMs: number;
  latencyMs: { samples: number; p50: number; p90: number; p99: number; max: number; mean: number };
  /** Every request sent, warm-up included. */
  sent: number;
  /** Plan index after the run (the next unused request of a `once` plan). */
  next: number;
  ranOut: boolean;
  firstError?: string;
}

export type ToLoad = { t: 'plan'; name: string; plan: PlannedRequest[] } | LoadRun | { t: 'stop' };
export type FromLoad = { t: 'planned' } | { t: 'result'; result: LoadResult } | { t: 'stopped' } | { t: 'fatal'; message: string };
