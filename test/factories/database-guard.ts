import pg from 'pg';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from './app';

/**
 * A database of its own for a spec that must see every change made to it (the
 * fuzz suites compare the whole database before and after each request), on
 * the server the global setup prepared. Other specs, running meanwhile, use theirs.
 */
export async function createIsolatedDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const server = new URL(testDatabaseUrl());
  server.pathname = '/postgres';
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined) };
}

/**
 * A cheap fingerprint of every table: its row count and the md5 of its rows in
 * a fixed order, plus the event log's highest seq. Tables are listed from the
 * catalog, so a new table is covered without touching this file.
 */
export class DatabaseFingerprint {
  private query = '';

  /** `ignore`: tables that change on refused requests by design (with the reason at the call site). */
  constructor(
    private readonly db: DataSource,
    private readonly ignore: string[] = [],
  ) {}

  async init(): Promise<this> {
    const tables = await this.db.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const parts = tables
      .map((t) => t.name)
      .filter((name) => !this.ignore.includes(name) && name !== 'schema_migrations')
      .map((name) => `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS f FROM "${name}" x`);
    parts.push(`SELECT 'event_log.max_seq', coalesce(max(seq), 0)::text FROM event_log`);
    this.query = parts.join('\nUNION ALL\n');
    return this;
  }

  async take(): Promise<Map<string, string>> {
    const rows = await this.db.query<{ t: string; f: string }[]>(this.query);
    return new Map(rows.map((r) => [r.t, r.f]));
  }

  /** The tables that differ between two fingerprints. */
  static diff(a: Map<string, string>, b: Map<string, string>): string[] {
    return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  }
}

export interface CaseResult {
  /** HTTP status, or for a socket ack 200 (ok) / 400 (error ack) / 500 (INTERNAL) / 0 (no answer). */
  status: number;
  /** A write that succeeded (2xx, ok ack): the only kind of case allowed to change the database. */
  mayWrite: boolean;
  /** A line for the report when a case fails. */
  summary: string;
}

export interface Verdict {
  result: CaseResult;
  /** Tables changed by a case that was not a successful write (empty when none). */
  changedOnRefusal: string[];
  /** True when the case was run a second time, alone, to tell its effect apart from its batch's. */
  rerun: boolean;
}

interface Pending {
  run: () => Promise<CaseResult>;
  resolve: (v: Verdict) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs cases in small concurrent batches and checks that refused ones leave the
 * database as it was. A batch whose requests all failed must leave the
 * fingerprint unchanged. If it changed anyway, the cases of that batch that
 * were not successful writes are run again one at a time, each between two
 * fingerprints, to find the one that wrote.
 */
export class GuardedRunner {
  private pending: Pending[] = [];
  private running = false;
  private last?: Map<string, string>;
  readonly stats = { cases: 0, batches: 0, reruns: 0, fingerprintMs: 0 };

  constructor(
    private readonly fingerprint: DatabaseFingerprint,
    private readonly batchSize = 8,
  ) {}

  private async take(): Promise<Map<string, string>> {
    const started = Date.now();
    const taken = await this.fingerprint.take();
    this.stats.fingerprintMs += Date.now() - started;
    return taken;
  }

  /** Forget the last fingerprint: call it after changing the database outside the runner. */
  reset(): void {
    this.last = undefined;
  }

  submit(run: () => Promise<CaseResult>): Promise<Verdict> {
    return new Promise((resolve, reject) => {
      this.pending.push({ run, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let every concurrent property enqueue its next case before the batch starts.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.batchSize);
        try {
          const verdicts = await this.runBatch(batch.map((p) => p.run));
          batch.forEach((p, i) => p.resolve(verdicts[i]));
        } catch (error) {
          batch.forEach((p) => p.reject(error));
        }
        if (!this.pending.length) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }

  private async runBatch(runs: (() => Promise<CaseResult>)[]): Promise<Verdict[]> {
    this.stats.batches++;
    this.stats.cases += runs.length;
    const before = this.last ?? (await this.take());
    const results = await Promise.all(runs.map((run) => run()));
    const after = await this.take();
    this.last = after;
    const changed = DatabaseFingerprint.diff(before, after);
    if (changed.length === 0) return results.map((result) => ({ result, changedOnRefusal: [], rerun: false }));
    if (results.length === 1) return [{ result: results[0], changedOnRefusal: results[0].mayWrite ? [] : changed, rerun: false }];
    const verdicts: Verdict[] = [];
    for (let i = 0; i < runs.length; i++) {
      if (results[i].mayWrite) {
        verdicts.push({ result: results[i], changedOnRefusal: [], rerun: false });
        continue;
      }
      this.stats.reruns++;
      const alone = await this.runAlone(runs[i]);
      verdicts.push({ ...alone, rerun: true });
    }
    return verdicts;
  }

  private async runAlone(run: () => Promise<CaseResult>): Promise<Omit<Verdict, 'rerun'>> {
    const before = this.last ?? (await this.take());
    const result = await run();
    const after = await this.take();
    this.last = after;
    return { result, changedOnRefusal: result.mayWrite ? [] : DatabaseFingerprint.diff(before, after) };
  }
}
