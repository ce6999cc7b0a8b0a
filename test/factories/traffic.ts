import { DataSource } from 'typeorm';
import type { TestApp } from './app';
import { Account, ConferenceSetup, enterpriseBody, Participant, World } from './world';

/** One acknowledged (2xx) write: what the database must hold afterwards. */
export type LedgerEntry =
  { kind: 'connection.requested' | 'connection.withdrawn' | 'connection.accepted'; id: string; at: number } | { kind: 'enterprise' | 'registration'; id: string; at: number };

/** Every request the traffic made, answered or not. */
export interface Attempt {
  what: string;
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
  retryAfter?: string;
}

export type Member = Participant & { registration: { id: string } };
export type Pair = { from: Member; to: Member };

/** `n` approved members of each side, and every VN → CN pair of them. */
export async function membersAndPairs(world: World, organizer: Account, setup: ConferenceSetup, n: number): Promise<{ vn: Member[]; cn: Member[]; pairs: Pair[] }> {
  const vn: Member[] = [];
  const cn: Member[] = [];
  for (let i = 0; i < n; i++) {
    const [v, c] = await Promise.all([world.approved(organizer, setup, 'VN'), world.approved(organizer, setup, 'CN')]);
    vn.push(v);
    cn.push(c);
  }
  return { vn, cn, pairs: vn.flatMap((from) => cn.map((to) => ({ from, to }))) };
}

/**
 * Conference traffic through the API while something breaks: connection
 * requests answered by withdrawals (every `acceptEvery`-th by an acceptance,
 * which retires the pair), and, when given an account and a venue, new
 * enterprises registering. It keeps a ledger of every write that got a 2xx
 * and a record of every attempt with its latency, status and error code.
 */
export class Traffic {
  readonly ledger: LedgerEntry[] = [];
  readonly attempts: Attempt[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private next = 0;
  private readonly cycles = new Map<number, number>();
  private readonly retired = new Set<number>();

  constructor(
    private readonly t: TestApp,
    private readonly eventId: string,
    private readonly pairs: Pair[],
    private readonly options: { workers?: number; acceptEvery?: number; pauseMs?: number; registrar?: { account: Account; venueId: string } } = {},
  ) {}

  start(): void {
    this.running = true;
    for (let i = 0; i < (this.options.workers ?? 3); i++) this.workers.push(this.connectionWorker());
    if (this.options.registrar) this.workers.push(this.registrationWorker(this.options.registrar));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  /** Acknowledged writes between two instants. */
  acknowledgedBetween(from: number, to: number): LedgerEntry[] {
    return this.ledger.filter((e) => e.at >= from && e.at <= to);
  }

  /** Ledger entries the database does not hold. */
  async missingFrom(db: DataSource): Promise<LedgerEntry[]> {
    const connections = new Map<string, string>(
      (await db.query<{ id: string; status: string }[]>('SELECT id, status FROM connections WHERE event_id = $1', [this.eventId])).map((r) => [r.id, r.status]),
    );
    const registrations = new Set((await db.query<{ id: string }[]>('SELECT id FROM registrations WHERE event_id = $1', [this.eventId])).map((r) => r.id));
    const enterpriseIds = this.ledger.filter((e) => e.kind === 'enterprise').map((e) => e.id);
    const enterprises = new Set((await db.query<{ id: string }[]>('SELECT id FROM enterprises WHERE id = ANY($1::uuid[])', [enterpriseIds])).map((r) => r.id));
    return this.ledger.filter((e) => {
      switch (e.kind) {
        case 'connection.requested':
          return !connections.has(e.id);
        case 'connection.withdrawn':
          return connections.get(e.id) !== 'withdrawn';
        case 'connection.accepted':
          return connections.get(e.id) !== 'accepted';
        case 'registration':
          return !registrations.has(e.id);
        case 'enterprise':
          return !enterprises.has(e.id);
      }
    });
  }

  private async call(what: string, run: () => Promise<{ status: number; body: unknown; headers: Record<string, string> }>): Promise<{ status: number; body: Record<string, unknown> }> {
    const startedAt = Date.now();
    let status = 0;
    let body: Record<string, unknown> = {};
    let headers: Record<string, string> = {};
    try {
      const res = await run();
      status = res.status;
      body = (res.body ?? {}) as Record<string, unknown>;
      headers = res.headers;
    } catch (error) {
      body = { code: `CLIENT_${(error as { code?: string }).code ?? (error as Error).message}` };
    }
    this.attempts.push({ what, startedAt, ms: Date.now() - startedAt, status, code: typeof body.code === 'string' ? body.code : undefined, retryAfter: headers['retry-after'] });
    return { status, body };
  }

  private async connectionWorker(): Promise<void> {
    const pause = this.options.pauseMs ?? 0;
    while (this.running && this.retired.size < this.pairs.length) {
      const index = this.next++ % this.pairs.length;
      if (this.retired.has(index)) continue;
      const { from, to } = this.pairs[index];
      const requested = await this.call('connection.request', () =>
        this.t.http.post(`/api/events/${this.eventId}/connections`).set(from.account.auth).send({ fromRegistrationId: from.registration.id, toRegistrationId: to.registration.id }),
      );
      if (requested.status === 201) {
        const id = requested.body.id as string;
        this.ledger.push({ kind: 'connection.requested', id, at: Date.now() });
        const cycle = (this.cycles.get(index) ?? 0) + 1;
        this.cycles.set(index, cycle);
        const accept = this.options.acceptEvery !== undefined && cycle % this.options.acceptEvery === 0;
        // Answer it, retrying through an outage: an unanswered request would block the pair.
        for (let tries = 0; tries < 100; tries++) {
          const answered = accept
            ? await this.call('connection.accept', () => this.t.http.post(`/api/connections/${id}/accept`).set(to.account.auth))
            : await this.call('connection.withdraw', () => this.t.http.post(`/api/connections/${id}/withdraw`).set(from.account.auth));
          if (answered.status === 200) {
            this.ledger.push({ kind: accept ? 'connection.accepted' : 'connection.withdrawn', id, at: Date.now() });
            if (accept) this.retired.add(index);
            break;
          }
          // Already answered by an attempt whose response was lost: nothing to retry.
          if (answered.body.code === 'CONNECTION_NOT_PENDING') break;
          await new Promise((r) => setTimeout(r, 100));
        }
      } else if (requested.status >= 500) {
        await new Promise((r) => setTimeout(r, 50));
      }
      if (pause) await new Promise((r) => setTimeout(r, pause));
    }
  }

  private async registrationWorker({ account, venueId }: { account: Account; venueId: string }): Promise<void> {
    let n = 0;
    while (this.running) {
      n += 1;
      const country = n % 2 ? 'VN' : 'CN';
      const enterprise = await this.call('enterprise.create', () =>
        this.t.http
          .post('/api/enterprises')
          .set(account.auth)
          .send(enterpriseBody(country, { name: { en: `Load ${n} ${Date.now()}` } })),
      );
      if (enterprise.status !== 201) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      this.ledger.push({ kind: 'enterprise', id: enterprise.body.id as string, at: Date.now() });
      for (let tries = 0; tries < 100 && this.running; tries++) {
        const registered = await this.call('registration.create', () =>
          this.t.http.post(`/api/events/${this.eventId}/registrations`).set(account.auth).send({ enterpriseId: enterprise.body.id, venueId, attendance: 'online' }),
        );
        if (registered.status === 201) {
          this.ledger.push({ kind: 'registration', id: registered.body.id as string, at: Date.now() });
          break;
        }
        if (registered.body.code === 'ALREADY_REGISTERED') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
