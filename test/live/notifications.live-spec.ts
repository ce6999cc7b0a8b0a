import type { NotificationView } from '@tradebridge/contracts';
import { Notifier } from '@tradebridge/notifications';
import { Account, ConferenceSetup, World } from '../factories/world';
import { ack, closeAllSockets, connect, createLiveTestApp, eventually, record, sleep, startGateway } from '../factories/live';

/**
 * `notification` on /live: each user's own, live from the notifier (running in
 * the API process here, woken by the log's NOTIFY), and replayed after
 * `afterId` on `notifications.subscribe`, so a reconnect loses none and
 * duplicates none.
 */
describe('live notifications', () => {
  let live: Awaited<ReturnType<typeof createLiveTestApp>>;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    live = await createLiveTestApp({ NOTIFIER: 'on', NOTIFIER_POLL_MS: '200' });
    world = new World(live.api);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => live.close());

  const url = () => live.gateway.url;
  const http = () => live.api.http;
  const drain = () => live.api.app.get(Notifier).drain();
  const requestFrom = (from: { account: Account; registration: { id: string } }, to: { registration: { id: string } }) =>
    http()
      .post(`/api/events/${setup.eventId}/connections`)
      .set(from.account.auth)
      .send({ fromRegistrationId: from.registration.id, toRegistrationId: to.registration.id })
      .expect(201)
      .then((r) => r.body as { id: string });

  it('sends the receiver its notification live, and only to the owner’s sockets', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    await drain();
    const mine = [await connect(url(), vn.account.token), await connect(url(), vn.account.token)];
    const theirs = await connect(url(), cn.account.token);
    const got = mine.map((s) => record<NotificationView>(s, 'notification'));
    const other = record<NotificationView>(theirs, 'notification');

    const c = await requestFrom(cn, vn);
    for (const list of got) {
      const n = await eventually(list, (x) => x.kind === 'connection.requested');
      expect(n).toMatchObject({ link: `/events/${setup.eventId}/connections`, data: { connectionId: c.id }, readAt: null });
      expect(n.title).toContain('wants to connect');
    }
    await sleep(300);
    expect(other).toEqual([]);
    expect(got.map((l) => l.length)).toEqual([1, 1]);
  });

  it('replays what was written while the socket was away, after afterId, with no duplicates', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    await drain();
    const first = await connect(url(), vn.account.token);
    const seen = record<NotificationView>(first, 'notification');
    const subscribed = await ack<{ lastId: number }>(first, 'notifications.subscribe', {});
    expect(subscribed.ok).toBe(true);
    const before = subscribed.ok ? subscribed.data.lastId : -1;

    const a = await world.approved(organizer, setup, 'CN');
    await requestFrom(a, vn);
    const live1 = await eventually(seen, (n) => n.kind === 'connection.requested');
    first.close();

    // While away: two more requests.
    const b = await world.approved(organizer, setup, 'CN');
    const c = await world.approved(organizer, setup, 'CN');
    const rb = await requestFrom(b, vn);
    const rc = await requestFrom(c, vn);
    await drain();

    const again = await connect(url(), vn.account.token);
    const replayed = record<NotificationView>(again, 'notification');
    const resumed = await ack<{ lastId: number }>(again, 'notifications.subscribe', { afterId: live1.id });
    expect(resumed.ok).toBe(true);
    await eventually(replayed, (n) => n.data.connectionId === rc.id);
    expect(replayed.map((n) => n.data.connectionId)).toEqual([rb.id, rc.id]);
    expect(replayed.every((n) => n.id > live1.id && n.id > before)).toBe(true);
    if (resumed.ok) expect(resumed.data.lastId).toBe(replayed[replayed.length - 1].id);

    // Then live again, once each.
    const d = await world.approved(organizer, setup, 'CN');
    const rd = await requestFrom(d, vn);
    await eventually(replayed, (n) => n.data.connectionId === rd.id);
    await sleep(300);
    const ids = replayed.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('reaches the user on every gateway node, each node listening itself (no Redis)', async () => {
    const second = await startGateway();
    try {
      const vn = await world.approved(organizer, setup, 'VN');
      await drain();
      const here = await connect(url(), vn.account.token);
      const there = await connect(second.url, vn.account.token);
      const [a, b] = [record<NotificationView>(here, 'notification'), record<NotificationView>(there, 'notification')];
      const cn = await world.approved(organizer, setup, 'CN');
      const c = await requestFrom(cn, vn);
      const [onFirst, onSecond] = await Promise.all([eventually(a, (n) => n.data.connectionId === c.id), eventually(b, (n) => n.data.connectionId === c.id)]);
      expect(onSecond.id).toBe(onFirst.id);
      await sleep(300);
      expect([a.length, b.length]).toEqual([1, 1]);
    } finally {
      await second.stop();
    }
  });

  it('refuses a malformed afterId with an error acknowledgement', async () => {
    const s = await connect(url(), organizer.token);
    expect(await ack(s, 'notifications.subscribe', { afterId: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(s, 'notifications.subscribe', { afterId: 0 })).toMatchObject({ ok: true, data: { lastId: 0 } });
  });
});
