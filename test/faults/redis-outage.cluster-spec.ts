import { canSee, LiveViewer } from '@tradebridge/live';
import { createTestApp, TestApp } from '../factories/app';
import { deliveryProblems, ResumingClient } from '../factories/resuming-client';
import { AppProcess, RedisServer, sleep, startAppProcess, startRedis, waitUntil } from '../factories/servers';
import { Member, membersAndPairs, Traffic } from '../factories/traffic';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Redis gone for 10 s under two gateway nodes (built processes, a redis-server
 * of this test's own). The event log does not need Redis, so it keeps flowing
 * on both nodes; clients that switch nodes meanwhile resume by afterSeq;
 * once Redis is back, cross-node delivery (presence computed across nodes and
 * broadcast through the adapter) works again, and every client holds every
 * entry it may see, once and in order.
 */
const OUTAGE_MS = 10_000;

describe('fault: Redis down for 10 s under two gateway nodes', () => {
  let api: TestApp;
  let redis: RedisServer;
  let a: AppProcess;
  let b: AppProcess;
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
    world = new World(api);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    for (const c of clients) c.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await api?.close();
  }, 60_000);

  const health = async (node: AppProcess) => {
    const res = await fetch(`${node.url}/health`);
    return { status: res.status, redis: ((await res.json()) as { checks: { redis: string } }).checks.redis };
  };

  it('keeps the log flowing, resumes cross-node delivery once Redis is back, and leaves no client a missing seq', async () => {
    const { vn, cn, pairs } = await membersAndPairs(world, organizer, setup, 3);
    const room = setup.rooms.agriculture;
    const place = async (m: Member) => api.http.patch(`/api/events/${setup.eventId}/registrations/${m.registration.id}`).set(organizer.auth).send({ roomId: room }).expect(200);
    const probeMember = await world.approved(organizer, setup, 'VN');
    for (const m of [...vn, ...cn, probeMember]) await place(m);

    // Each member on both nodes; staff on both; the probe (a registration present only through it) on B.
    const viewers: LiveViewer[] = [];
    const add = (node: AppProcess, token: string, viewer: LiveViewer, label: string) => {
      const client = new ResumingClient(node.url, token, setup.eventId, 0, label);
      clients.push(client);
      viewers.push(viewer);
      return client;
    };
    const staffOnA = add(a, organizer.token, { staff: true, registrationIds: new Set(), roomIds: new Set() }, 'staff on A');
    const staffOnB = add(b, organizer.token, { staff: true, registrationIds: new Set(), roomIds: new Set() }, 'staff on B');
    const members: ResumingClient[] = [];
    for (const m of [...vn, ...cn]) {
      for (const node of [a, b]) {
        members.push(add(node, m.account.token, { staff: false, registrationIds: new Set([m.registration.id]), roomIds: new Set([room]) }, `member on ${node === a ? 'A' : 'B'}`));
      }
    }
    const probe = add(b, probeMember.account.token, { staff: false, registrationIds: new Set([probeMember.registration.id]), roomIds: new Set([room]) }, 'probe on B');
    await Promise.all(clients.map((c) => c.ready()));
    for (const c of [...members, probe]) expect(await c.join(room)).toMatchObject({ ok: true });

    const seen = (present: boolean, since: number) => () =>
      Promise.resolve(staffOnA.presence.some((p) => p.at >= since && p.roomId === room && p.registrationIds.includes(probeMember.registration.id) === present));
    /** Presence across nodes: the probe leaves and re-joins on B; staff on A must see both within `ms`. */
    const crossNode = async (ms: number) => {
      let since = Date.now();
      await probe.leave(room);
      await waitUntil(seen(false, since), ms, () => 'staff on A did not see the probe leave');
      since = Date.now();
      await probe.join(room);
      await waitUntil(seen(true, since), ms, () => 'staff on A did not see the probe come back');
    };
    // The first round trip after start also waits for the two nodes to find each other over
    // Redis (a cross-node query is capped at 3 s and retried each second): 15 s on a loaded CI machine.
    // Staff on A must first have seen the probe in the room: a leave that follows the join within
    // one recomputation coalesces with it into the snapshot already sent, so nothing is sent, and
    // there would be no leave to see (the warm-up's old flake, about one run in five).
    await waitUntil(seen(true, 0), 15_000, () => 'staff on A never saw the probe in the room');
    await crossNode(15_000);

    const traffic = new Traffic(api, setup.eventId, pairs, { workers: 2, pauseMs: 50 });
    running = traffic;
    traffic.start();
    await sleep(1_000);

    const killedAt = Date.now();
    await redis.stop('SIGKILL');
    const unhealthy = await Promise.all(
      [a, b].map(async (node) => {
        await waitUntil(
          async () => (await health(node)).status === 503,
          5_000,
          () => `${node.url}/health still 200 without Redis`,
        );
        return Date.now() - killedAt;
      }),
    );
    expect(await health(a)).toEqual({ status: 503, redis: 'down' });

    // Half the members switch nodes while Redis is down (as a client with both URLs would), and resume.
    await sleep(2_000);
    const movedAt = Date.now();
    const movers = members.filter((_, i) => i % 2 === 1);
    // Away for a second while writes go on: they come back with a gap to fill.
    for (const c of movers) c.moveTo(a.url, 1_000);
    await waitUntil(
      () => movers.every((c) => c.resumes().some((s) => s.at >= movedAt)),
      8_000,
      () => 'moved clients did not resume on A',
    );
    const resumedMs = Math.max(...movers.map((c) => c.resumes().find((s) => s.at >= movedAt)!.at)) - movedAt - 1_000;
    // Re-joining the room is answered (with this node's share of presence) instead of waiting for Redis.
    await waitUntil(
      () => movers.every((c) => c.rejoins.some((j) => j.at >= movedAt)),
      8_000,
      () => 'moved clients did not re-join',
    );
    const rejoins = movers.flatMap((c) => c.rejoins.filter((j) => j.at >= movedAt));
    expect(rejoins.filter((j) => !j.ok)).toEqual([]);

    await sleep(Math.max(0, killedAt + OUTAGE_MS - Date.now()));
    // The log needs PostgreSQL only: what was written during the outage reached both nodes' staff before Redis came back.
    const writtenDuring = traffic.acknowledgedBetween(killedAt, Date.now() - 1_500).length;
    expect(writtenDuring).toBeGreaterThan(0);
    const seqDuring = Math.max(...staffOnB.received.filter((r) => r.at > killedAt).map((r) => r.seq));
    // Each node tails the log on its own: the newest entry B has may reach A one poll later.
    await waitUntil(
      () => staffOnA.received.some((r) => r.seq === seqDuring),
      5_000,
      () => `staff on A never received seq ${seqDuring}, written while Redis was down`,
    );

    await redis.start();
    const upAt = Date.now();
    const healthyAgain = await Promise.all(
      [a, b].map(async (node) => {
        await waitUntil(
          async () => (await health(node)).status === 200,
          15_000,
          () => `${node.url}/health still 503 after Redis came back`,
        );
        return Date.now() - upAt;
      }),
    );
    // Cross-node delivery resumes: retry the presence round trip until it works.
    let crossNodeMs = 0;
    await waitUntil(
      async () => {
        await crossNode(2_000);
        crossNodeMs = Date.now() - upAt;
        return true;
      },
      20_000,
      () => 'presence from node B never reached node A again',
    );
    await sleep(1_000);
    await traffic.stop();

    const rows = await api.db.query<
      {
        seq: string;
        type: string;
        data: Record<string, unknown>;
        registration_ids: string[];
      }[]
    >('SELECT seq, type, data, registration_ids FROM event_log WHERE event_id = $1 ORDER BY seq', [setup.eventId]);
    const log = rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data, registrationIds: r.registration_ids }));
    const expected = viewers.map((viewer) => log.filter((e) => canSee(e, viewer)).map((e) => e.seq));
    await waitUntil(
      () => clients.every((c, i) => c.received.length >= expected[i].length),
      10_000,
      () => 'clients still short of entries',
    );
    await sleep(300);
    const problems = clients
      .map((c, i) => ({ client: c.label, ...deliveryProblems(c.received, expected[i]) }))
      .filter((p) => p.missing.length || p.duplicates.length || p.unexpected.length || p.outOfOrder);
    expect(problems).toEqual([]);
    expect(traffic.attempts.filter((x) => x.status >= 500 || x.status === 0)).toEqual([]);

    const replayed = movers.reduce((sum, c) => {
      const resume = c.resumes().find((s) => s.at >= movedAt)!;
      return sum + c.received.filter((r) => r.connection === resume.connection && r.seq <= resume.lastSeq!).length;
    }, 0);
    console.log(
      [
        `Redis down ${OUTAGE_MS / 1000} s under two gateway nodes (${clients.length} clients):`,
        `  /health 503 on both nodes ${unhealthy.join(' / ')} ms after Redis died; 200 again ${healthyAgain.join(' / ')} ms after it came back`,
        `  ${writtenDuring} writes acknowledged during the outage; their log entries reached staff on both nodes without Redis`,
        `  ${movers.length} clients switched nodes during the outage and resumed by afterSeq within ${resumedMs} ms (${replayed} entries replayed)`,
        `  cross-node presence working again ${crossNodeMs} ms after Redis came back`,
        `  their room re-joins were answered during the outage in max ${Math.max(...rejoins.map((j) => j.ms))} ms`,
        `  event log: ${log.length} entries; ${clients.reduce((s, c) => s + c.received.length, 0)} deliveries checked: no missing seq, no duplicate, in order`,
      ].join('\n'),
    );
  }, 150_000);
});
