import { canSee, LiveViewer } from '@tradebridge/live';
import { createTestApp, TestApp } from '../factories/app';
import { deliveryProblems, ResumingClient } from '../factories/resuming-client';
import { AppProcess, RedisServer, sleep, startAppProcess, startBalancer, startRedis, TcpBalancer, waitUntil } from '../factories/servers';
import { membersAndPairs, percentile, Traffic } from '../factories/traffic';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * kill -9 one of two gateway nodes with 500 clients connected.
 *
 * Two built gateway processes share a Redis of their own and the test
 * database. The clients reach them through a round-robin TCP load balancer
 * (the production shape: clients know one URL, the balancer skips a node that
 * refuses connections), and use Socket.IO's own reconnection and the resume
 * of docs/realtime.md §7 (`event.subscribe { eventId, afterSeq }` on every
 * connect). While node A is dead, connection requests and withdrawals keep
 * going through the API. Afterwards every client must hold every event-log
 * entry it may see, once, in order.
 */
const CLIENTS = 500;

describe('fault: a gateway node killed with kill -9', () => {
  let api: TestApp;
  let redis: RedisServer;
  let a: AppProcess;
  let b: AppProcess;
  let balancer: TcpBalancer;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  const clients: ResumingClient[] = [];
  /** Stopped in afterAll too, so a failing test leaves no writer running. */
  let running: Traffic | undefined;

  beforeAll(async () => {
    api = await createTestApp();
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, DATABASE_URL: api.config.databaseUrl!, JWT_SECRET: api.config.jwtSecret! };
    [a, b] = await Promise.all([startAppProcess('gateway', env), startAppProcess('gateway', env)]);
    balancer = await startBalancer([a.port, b.port]);
    world = new World(api);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    for (const c of clients) c.close();
    await balancer?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await api?.close();
  }, 60_000);

  it('brings every client back on the survivor, resumed by afterSeq, with every entry it may see once and in order', async () => {
    const { vn, cn, pairs } = await membersAndPairs(world, organizer, setup, 6);
    const members = [...vn, ...cn];

    // 500 clients: one in ten is staff (sees everything), the rest members (see their own registration's entries).
    const viewers: LiveViewer[] = [];
    const started = Date.now();
    for (let i = 0; i < CLIENTS; i++) {
      const member = i % 10 === 0 ? undefined : members[i % members.length];
      viewers.push({ staff: !member, registrationIds: new Set(member ? [member.registration.id] : []), roomIds: new Set() });
      // First load as docs/realtime.md §7 has it: subscribe without afterSeq, then follow live.
      clients.push(new ResumingClient(balancer.url, member ? member.account.token : organizer.token, setup.eventId, undefined, `client ${i}`));
      if (i % 100 === 99) await Promise.all(clients.map((c) => c.ready(30_000)));
    }
    await Promise.all(clients.map((c) => c.ready(30_000)));
    const connectMs = Date.now() - started;
    const onA = balancer.open().get(a.port)!;
    const onB = balancer.open().get(b.port)!;
    expect(onA + onB).toBe(CLIENTS);
    expect(onA).toBeGreaterThan(100);
    expect(onB).toBeGreaterThan(100);

    const traffic = new Traffic(api, setup.eventId, pairs, { workers: 3 });
    running = traffic;
    traffic.start();
    await sleep(1_500);

    const killedAt = Date.now();
    a.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    // Everyone A held comes back (through the balancer, on B) and resubscribes.
    const dropped = () => clients.filter((c) => c.disconnects.some((d) => d.at >= killedAt));
    const resumed = (c: ResumingClient) => c.resumes().filter((s) => s.at >= killedAt);
    await waitUntil(
      () => dropped().length >= onA && dropped().every((c) => resumed(c).length > 0),
      30_000,
      () => `${dropped().filter((c) => resumed(c).length > 0).length} of ${dropped().length} dropped clients resumed (A had ${onA})`,
    );
    const backAt = Math.max(...dropped().map((c) => resumed(c)[0].at));
    expect(dropped()).toHaveLength(onA);
    // Each resumed from where it was: afterSeq = the highest seq it had before the drop.
    for (const c of dropped()) {
      const resume = resumed(c)[0];
      const before = c.received.filter((r) => r.connection < resume.connection).map((r) => r.seq);
      const acked = c.subscribes.filter((s) => s.ok && s.connection < resume.connection).map((s) => s.lastSeq!);
      expect(resume.afterSeq).toBe(Math.max(0, ...before, ...acked));
    }
    expect(balancer.open().get(b.port)).toBe(CLIENTS);
    expect(clients.every((c) => c.socket.connected)).toBe(true);

    await sleep(1_500);
    await traffic.stop();
    const stoppedAt = Date.now();

    const rows = await api.db.query<
      {
        created_at: Date;
        seq: string;
        type: string;
        data: Record<string, unknown>;
        registration_ids: string[];
      }[]
    >('SELECT seq, type, data, registration_ids, created_at FROM event_log WHERE event_id = $1 ORDER BY seq', [setup.eventId]);
    const log = rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data, registrationIds: r.registration_ids }));
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    // Everything it may see after the head it first subscribed at.
    const expected = viewers.map((viewer, i) => log.filter((e) => e.seq > clients[i].subscribes.find((x) => x.ok)!.lastSeq! && canSee(e, viewer)).map((e) => e.seq));
    const complete = () => clients.every((c, i) => c.received.length >= expected[i].length);
    await waitUntil(
      () => complete(),
      15_000,
      () => `${clients.filter((c, i) => c.received.length < expected[i].length).length} clients still short`,
    );
    await sleep(300); // anything extra (a duplicate) would arrive now

    const problems = clients
      .map((c, i) => ({ client: i, ...deliveryProblems(c.received, expected[i]) }))
      .filter((p) => p.missing.length || p.duplicates.length || p.unexpected.length || p.outOfOrder);
    expect({ clients: problems.length, first: problems.slice(0, 3) }).toEqual({ clients: 0, first: [] });

    const writesWhileDead = traffic.acknowledgedBetween(killedAt, stoppedAt);
    const writesDuringFailover = traffic.acknowledgedBetween(killedAt, backAt);
    expect(writesDuringFailover.length).toBeGreaterThan(0);
    expect(traffic.attempts.filter((x) => x.status >= 500 || x.status === 0)).toEqual([]);

    const resumeMs = dropped().map((c) => resumed(c)[0].at - killedAt);
    // Live delivery to the survivor's own clients while the others came back: from the writing transaction's start to arrival.
    const writtenAt = new Map(rows.map((r) => [Number(r.seq), r.created_at.getTime()]));
    const stayed = clients.filter((c) => !dropped().includes(c));
    const lag = (from: number, to: number) =>
      stayed.flatMap((c) => c.received.filter((r) => writtenAt.get(r.seq)! >= from && writtenAt.get(r.seq)! <= to).map((r) => r.at - writtenAt.get(r.seq)!));
    const lagBefore = lag(0, killedAt);
    const lagDuring = lag(killedAt, backAt);
    // Entries a client got again on its new connection up to the resume ack's lastSeq: the replay.
    const replayed = dropped().reduce((sum, c) => {
      const resume = resumed(c)[0];
      return sum + c.received.filter((r) => r.connection === resume.connection && r.seq <= resume.lastSeq!).length;
    }, 0);
    const entriesMissedByDropped = dropped().filter((c) => c.received.some((r) => r.connection === resumed(c)[0].connection && r.seq <= resumed(c)[0].lastSeq!)).length;
    console.log(
      [
        `gateway kill -9: ${CLIENTS} clients connected and subscribed in ${connectMs} ms (${onA} on node A, ${onB} on node B)`,
        `  node A killed; ${dropped().length} clients dropped, ${dropped().filter((c) => resumed(c).length).length} back on node B and resumed; all back ${backAt - killedAt} ms after the kill`,
        `  per-client time to resume: p50 ${percentile(resumeMs, 50)} ms, p95 ${percentile(resumeMs, 95)} ms, max ${Math.max(...resumeMs)} ms`,
        `  writes acknowledged by the API while A was dead: ${writesWhileDead.length} (${writesDuringFailover.length} before every client was back)`,
        `  event log: ${log.length} entries; ${clients.reduce((s, c) => s + c.received.length, 0)} deliveries checked, 0 gaps, 0 duplicates, 0 out of order`,
        `  replayed on resume: ${replayed} entries to ${entriesMissedByDropped} clients that had missed something`,
        `  live delivery to the ${stayed.length} clients already on B: before the kill p50 ${percentile(lagBefore, 50)} ms / max ${Math.max(...lagBefore)} ms; while the others came back p50 ${percentile(lagDuring, 50)} ms / max ${Math.max(...lagDuring)} ms`,
      ].join('\n'),
    );
  }, 150_000);
});
