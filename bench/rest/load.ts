/**
 * The load generator of the REST benchmark, in a child process of its own (so
 * neither server under test shares its event loop): a fixed number of
 * keep-alive connections, each sending its next request as soon as the last
 * one is answered (closed loop), for a warm-up and then a measured window.
 * The same generator loads the API and the baseline.
 */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FromLoad, LoadResult, LoadRun, PlannedRequest, ToLoad } from './protocol';

function send(message: FromLoad): void {
  process.send?.(message);
}

function once(agent: Agent, base: URL, planned: PlannedRequest): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { authorization: `Bearer ${planned.token}`, accept: 'application/json' };
    if (planned.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(planned.body));
    }
    const req = httpRequest({ agent, host: base.hostname, port: base.port, method: planned.method, path: planned.path, headers }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (status >= 300) chunks.push(chunk);
      });
      res.on('end', () => resolve(status >= 300 ? { status, error: `${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}` } : { status }));
      res.on('error', (error) => resolve({ status: 0, error: error.message }));
    });
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    if (planned.body !== undefined) req.write(planned.body);
    req.end();
  });
}

const plans = new Map<string, PlannedRequest[]>();

async function run(message: LoadRun): Promise<LoadResult> {
  const plan = plans.get(message.plan);
  if (!plan) throw new Error(`no plan ${message.plan}`);
  const agent = new Agent({ keepAlive: true, maxSockets: message.concurrency });
  const base = new URL(message.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let sent = 0;
  let next = message.start;
  let ranOut = false;
  let ranOutAt = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const windowStart = t0 + message.warmupMs;
  const windowEnd = windowStart + message.durationMs;
  const take = (): PlannedRequest | undefined => {
    if (message.reuse === 'cycle') return plan[next++ % plan.length];
    if (next >= plan.length) {
      if (!ranOut) ranOutAt = performance.now();
      ranOut = true;
      return undefined;
    }
    return plan[next++];
  };
  await Promise.all(
    Array.from({ length: message.concurrency }, async () => {
      while (performance.now() < windowEnd) {
        const planned = take();
        if (!planned) return;
        sent++;
        const started = performance.now();
        const { status, error } = await once(agent, base, planned);
        const ended = performance.now();
        // Every request started inside the window counts, however long it takes (none is cut off).
        if (started >= windowStart) {
          latencies.push(ended - started);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 200 && status < 300) ok++;
          else firstError ??= error;
        } else if (status < 200 || status >= 300) firstError ??= error;
      }
    }),
  );
  agent.destroy();
  const windowMs = ranOut ? Math.max(1, ranOutAt - windowStart) : message.durationMs;
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    statuses,
    perSec: round((ok / windowMs) * 1000),
    windowMs: Math.round(windowMs),
    latencyMs: {
      samples: sorted.length,
      p50: round(at(50)),
      p90: round(at(90)),
      p99: round(at(99)),
      max: round(sorted.length ? sorted[sorted.length - 1] : NaN),
      mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
    },
    sent,
    next,
    ranOut,
    firstError,
  };
}

process.on('message', (message: ToLoad) => {
  if (message.t === 'plan') {
    plans.set(message.name, message.plan);
    send({ t: 'planned' });
    return;
  }
  if (message.t === 'stop') {
    send({ t: 'stopped' });
    setTimeout(() => process.exit(0), 50).unref();
    return;
  }
  run(message).then(
    (result) => send({ t: 'result', result }),
    (error: unknown) => send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
