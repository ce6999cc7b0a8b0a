/** What the benchmarks share: a seeded PRNG, ports, percentiles, a database and the results file. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../libs/core/src/database/embedded-postgres';

/** mulberry32: a small seeded PRNG, so every run builds the same instance. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The p-th percentile of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * BENCH_DATABASE_URL when set; otherwise a fresh embedded PostgreSQL in a
 * temporary folder, removed again by `stop`.
 */
export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) return { url: external, stop: () => Promise.resolve() };
  const dir = mkdtempSync(join(tmpdir(), 'tradebridge-bench-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'bench' });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes bench/results/<name>.json (relative to the repository root it runs from). */
export function writeResults(name: string, figures: unknown): string {
  const dir = resolve(process.cwd(), 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

/**
 * The order two servers take turns in a comparison run: A, B, B, A per round
 * (quick: A, B once), so a change in the machine's load during the run lands on
 * both sides alike instead of on whichever ran second. Used by the REST and the
 * gateway benchmarks.
 */
export function alternatingTurns<T>(first: T, second: T, rounds: number, quick = false): T[] {
  if (quick) return [first, second];
  return Array.from({ length: Math.max(1, rounds) }, () => [first, second, second, first]).flat();
}

/**
 * One side's turns combined into one result of the same shape: numbers are
 * averaged (a `max` is the largest), anything else comes from the first turn.
 */
export function meanOfTurns<T>(turns: T[]): T {
  const combine = (values: unknown[], key?: string): unknown => {
    const [head] = values;
    if (typeof head === 'number') {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      return key === 'max' ? Math.max(...numbers) : Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100;
    }
    if (head && typeof head === 'object' && !Array.isArray(head)) {
      return Object.fromEntries(
        Object.keys(head).map((k) => [
          k,
          combine(
            values.map((v) => (v as Record<string, unknown>)?.[k]),
            k,
          ),
        ]),
      );
    }
    return head;
  };
  return combine(turns) as T;
}
