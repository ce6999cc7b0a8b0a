import 'reflect-metadata';
import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import type { Socket } from 'socket.io-client';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { LiveGateway } from '../../apps/gateway/src/live.gateway';
import * as payloadClasses from '../../apps/gateway/src/socket-payloads';
import { createTestApp, TestApp } from '../factories/app';
import { populateConference, PopulatedConference } from '../factories/conference';
import { CaseResult, createIsolatedDatabase, DatabaseFingerprint, GuardedRunner } from '../factories/database-guard';
import { closeAllSockets, connect, GatewayNode, startGateway } from '../factories/live';
import { IdPools, junkJson, poolFor, wrongValue } from '../factories/openapi';
import { World } from '../factories/world';

/**
 * Bad input on every client → server event of `/live` (issue 7, item 3). The
 * events are read from the gateway's own handlers and the payload fields from
 * its payload classes, so a new event is fuzzed without anyone listing it.
 * Each case must be acknowledged (never INTERNAL), the socket must stay
 * connected, and a refused event must leave every table as it was.
 */
const RUNS_PER_EVENT = 150;
const UNKNOWN_EVENT_RUNS = 100;
const HANDSHAKE_RUNS = 80;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
type ActorName = 'admin' | 'organizer' | 'memberA' | 'memberB';
const ACTORS: ActorName[] = ['admin', 'organizer', 'memberA', 'memberB'];

/** Client events, from the gateway's @SubscribeMessage handlers. */
function clientEvents(): string[] {
  const proto = LiveGateway.prototype as unknown as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .map((name) => (typeof proto[name] === 'function' ? (Reflect.getMetadata(MESSAGE_METADATA, proto[name] as object) as string | undefined) : undefined))
    .filter((e): e is string => typeof e === 'string');
}

/** The fields of each payload class the gateway validates: [eventId, afterSeq], [roomId], … */
function payloadShapes(): string[][] {
  const storage = getMetadataStorage();
  const classes = Object.values(payloadClasses).filter((v) => typeof v === 'function' && v.name.endsWith('Payload')) as (new () => object)[];
  return classes.map((cls) => [...new Set(storage.getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName))]);
}

/** A client-side token bucket below the server's 20/s, so no case is refused for flooding. */
class Pace {
  private tokens = 15;
  private last = Date.now();
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(15, this.tokens + ((now - this.last) / 1000) * 15);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / 15) * 1000)));
    }
  }
}

interface Client {
  socket: Socket;
  pace: Pace;
  disconnects: string[];
}

describe('fuzz: generated payloads on every client event of /live', () => {
  let database: { url: string; drop(): Promise<void> };
  let api: TestApp;
  let gateway: GatewayNode;
  let world: PopulatedConference;
  let runner: GuardedRunner;
  let tokens: Record<ActorName, string>;
  const planned = { events: 0, unknown: 0, handshakes: 0 };
  const acks = new Map<string, number>();
  const started = Date.now();

  beforeAll(async () => {
    database = await createIsolatedDatabase('tb_fuzz_live');
    api = await createTestApp({ DATABASE_URL: database.url, CONNECTION_SWEEP_SECONDS: '3600' });
    gateway = await startGateway({ DATABASE_URL: database.url });
    world = await populateConference(new World(api));
    tokens = { admin: world.admin.token, organizer: world.organizer.token, memberA: world.a.account.token, memberB: world.b.account.token };
    runner = new GuardedRunner(await new DatabaseFingerprint(api.db, ['login_failures']).init(), 8);
    console.log(`fuzz (live): seed ${SEED} (FUZZ_SEED=${SEED} reproduces it)`);
  }, 120_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz (live): ${planned.events + planned.unknown + planned.handshakes} cases planned (${planned.events} on client events, ` +
        `${planned.unknown} on unknown events, ${planned.handshakes} handshakes), ${runner?.stats.cases} DB-checked in ${runner?.stats.batches} batches, ` +
        `${runner?.stats.reruns} re-run alone, in ${seconds} s; acknowledgements: ${[...acks].map(([k, n]) => `${k}×${n}`).join(' ')}`,
    );
    await gateway?.stop();
    await api?.close();
    await database?.drop();
  });

  async function client(actor: ActorName): Promise<Client> {
    const socket = await connect(gateway.url, tokens[actor]);
    const disconnects: string[] = [];
    socket.on('disconnect', (reason) => disconnects.push(reason));
    return { socket, pace: new Pace(), disconnects };
  }

  /** Well-typed by the field's validators: ids from the pools, booleans, seqs, texts. */
  function good(name: string, pools: IdPools): fc.Arbitrary<unknown> {
    const pool = poolFor(name);
    const ids = pool ? pools[pool] : undefined;
    if (ids?.length) return fc.constantFrom(...ids);
    if (name === 'accept') return fc.boolean();
    if (name === 'afterSeq') return fc.nat({ max: 50 });
    return fc.string({ unit: 'grapheme', maxLength: 100 });
  }

  /**
   * The payload shapes an event takes: each shape, filled with good values, is
   * sent once (as the admin); a shape fits unless validation names a field that
   * should not exist or one it lacks.
   */
  async function shapesOf(c: Client, event: string, shapes: string[][]): Promise<string[][]> {
    const fitting: string[][] = [];
    for (const shape of shapes) {
      const payload = Object.fromEntries(shape.map((f) => [f, fc.sample(good(f, world.pools), { numRuns: 1, seed: 1 })[0]]));
      await c.pace.take();
      const a = (await c.socket.timeout(5_000).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string; fields?: { field: string; message: string }[] } };
      const misfit = a.error?.code === 'VALIDATION_FAILED' && (a.error.fields ?? []).some((f) => /should not exist/.test(f.message) || !shape.includes(f.field));
      if (!misfit) fitting.push(shape);
    }
    return fitting;
  }

  /** A payload shaped like one the event takes (so many reach the services), broken or not, another event's, or any JSON. */
  function payloadFor(fitting: string[][], shapes: string[][], pools: IdPools): fc.Arbitrary<unknown> {
    const field = (name: string): fc.Arbitrary<unknown> => {
      const ids = pools[poolFor(name) ?? 'events'] ?? [];
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...ids) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 1_000 }), fc.constantFrom(0, 2 ** 53, 1e308, -1)) },
        { weight: 3, arbitrary: wrongValue() },
      );
    };
    const shaped = (candidates: string[][]) =>
      fc
        .constantFrom(...candidates)
        .chain((fields) =>
          fc.oneof(fc.record(Object.fromEntries(fields.map((f) => [f, good(f, pools)]))), fc.record(Object.fromEntries(fields.map((f) => [f, field(f)])), { requiredKeys: [] })),
        );
    const known = fc.oneof({ weight: 4, arbitrary: shaped(fitting.length ? fitting : shapes) }, { weight: 1, arbitrary: shaped(shapes) });
    return fc.oneof(
      { weight: 6, arbitrary: known },
      { weight: 1, arbitrary: fc.tuple(known, fc.constantFrom('__proto__', 'constructor', 'extra', 'eventId '), junkJson()).map(([o, k, v]) => ({ ...(o as object), [k]: v })) },
      { weight: 3, arbitrary: junkJson() },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  }

  async function emit(c: Client, event: string, payload: unknown): Promise<CaseResult> {
    await c.pace.take();
    const summary = (what: string) => `${event} ${JSON.stringify(payload)?.slice(0, 300)} → ${what}`;
    let answer: unknown;
    try {
      const timed = c.socket.timeout(5_000);
      answer = payload === undefined ? await timed.emitWithAck(event) : await timed.emitWithAck(event, payload);
    } catch (error) {
      return { status: 0, mayWrite: false, summary: summary(`no acknowledgement (${String(error)}; connected: ${c.socket.connected}, disconnects: ${c.disconnects.join(', ')})`) };
    }
    const a = answer as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
    if (a?.ok === true) {
      acks.set('ok', (acks.get('ok') ?? 0) + 1);
      return { status: 200, mayWrite: true, summary: summary('ok') };
    }
    const code = a?.error?.code;
    acks.set(String(code), (acks.get(String(code)) ?? 0) + 1);
    if (a?.ok !== false || typeof code !== 'string' || typeof a.error?.message !== 'string')
      return { status: 599, mayWrite: false, summary: summary(`malformed acknowledgement ${JSON.stringify(answer)}`) };
    if (code === 'INTERNAL') return { status: 500, mayWrite: false, summary: summary(JSON.stringify(answer)) };
    if (!c.socket.connected) return { status: 0, mayWrite: false, summary: summary(`acknowledged, then disconnected (${c.disconnects.join(', ')})`) };
    return { status: code === 'RATE_LIMITED' ? 429 : 400, mayWrite: false, summary: summary(code) };
  }

  it('every client event: random and broken payloads → an error acknowledgement, no disconnect, no write on refusal', async () => {
    const events = clientEvents();
    const shapes = payloadShapes();
    const fields = shapes.flat();
    expect(events).toEqual(
      expect.arrayContaining(['event.subscribe', 'room.join', 'room.leave', 'pitch.enqueue', 'pitch.next', 'connection.request', 'connection.respond', 'notifications.subscribe']),
    );
    expect(fields).toEqual(expect.arrayContaining(['eventId', 'afterSeq', 'roomId', 'toRegistrationId', 'connectionId', 'accept']));
    planned.events = events.length * RUNS_PER_EVENT;
    const failures: string[] = [];
    // Sockets and shapes first: probing writes, so it must be over before the first fingerprint.
    const prepared = await Promise.all(
      events.map(async (event) => {
        const clients = Object.fromEntries(await Promise.all(ACTORS.map(async (a) => [a, await client(a)] as const))) as Record<ActorName, Client>;
        return { clients, fitting: await shapesOf(clients.admin, event, shapes) };
      }),
    );
    runner.reset();
    await Promise.all(
      events.map(async (event, i) => {
        const { clients, fitting } = prepared[i];
        let problem = '';
        try {
          await fc.assert(
            fc.asyncProperty(fc.constantFrom(...ACTORS), payloadFor(fitting, shapes, world.pools), async (actor, payload) => {
              const verdict = await runner.submit(() => emit(clients[actor], event, payload));
              const { status, summary } = verdict.result;
              if (status === 0 || status >= 500) problem ||= `as ${actor}: ${summary}`;
              else if (verdict.changedOnRefusal.length) problem ||= `as ${actor}: refused but changed ${verdict.changedOnRefusal.join(', ')}: ${summary}`;
              else return;
              throw new Error(problem);
            }),
            { numRuns: RUNS_PER_EVENT, seed: SEED + i },
          );
        } catch (error) {
          failures.push(`${event}: ${problem || (error as Error).message.slice(0, 1_000)}`);
        }
        // The server still answers every one of these sockets, and none was dropped.
        for (const actor of ACTORS) {
          const c = clients[actor];
          await c.pace.take();
          const alive = (await c.socket.timeout(5_000).emitWithAck('event.subscribe', { eventId: world.setup.eventId })) as { ok: boolean };
          if (!alive.ok || c.disconnects.length) failures.push(`${event}: ${actor}'s socket afterwards: ${JSON.stringify(alive)}, disconnects: ${c.disconnects.join(', ')}`);
        }
      }),
    );
    expect(failures).toEqual([]);
  }, 240_000);

  it('events with no handler and odd arguments are ignored: the socket stays and answers', async () => {
    planned.unknown = UNKNOWN_EVENT_RUNS;
    const c = await client('memberA');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 'connect', 'disconnecting', 'newListener', '__proto__', 'constructor', 'event.subscribe ', 'EVENT.SUBSCRIBE', 'room')),
        fc.array(junkJson(), { maxLength: 3 }),
        async (name, args) => {
          await c.pace.take();
          // Reserved names throw in the client; whatever the client refuses never reaches the server.
          try {
            c.socket.emit(name, ...args);
          } catch {
            return;
          }
        },
      ),
      { numRuns: UNKNOWN_EVENT_RUNS, seed: SEED + 1_000 },
    );
    await c.pace.take();
    const alive = (await c.socket.timeout(5_000).emitWithAck('event.subscribe', { eventId: world.setup.eventId })) as { ok: boolean };
    expect({ alive: alive.ok, connected: c.socket.connected, disconnects: c.disconnects }).toEqual({ alive: true, connected: true, disconnects: [] });
  });

  it('handshakes with junk in auth are refused with a code (never INTERNAL), and a good one still connects', async () => {
    planned.handshakes = HANDSHAKE_RUNS;
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          junkJson(),
          fc.constantFrom('', 'Bearer x', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', `${tokens.memberA}x`, tokens.memberA.split('.').slice(0, 2).join('.'), 'a.b.c', '...'),
          fc.string({ unit: 'binary', maxLength: 500 }),
        ),
        async (token) => {
          const refused = await connect(gateway.url, token as string).then(
            (s) => {
              s.close();
              return null;
            },
            (error: Error & { data?: { code?: string } }) => error,
          );
          expect(refused).not.toBeNull();
          expect(['UNAUTHENTICATED', 'TOKEN_EXPIRED']).toContain(refused?.data?.code);
          codes.add(refused!.data!.code!);
        },
      ),
      { numRuns: HANDSHAKE_RUNS, seed: SEED + 2_000 },
    );
    expect(codes.has('UNAUTHENTICATED')).toBe(true);
    const ok = await connect(gateway.url, tokens.organizer);
    expect(ok.connected).toBe(true);
  });
});
