import { randomUUID } from 'node:crypto';
import type { NotificationView } from '@tradebridge/contracts';
import { NotificationsService, Notifier } from '@tradebridge/notifications';
import { createTestApp, REFERENCE_EVE, TestApp } from '../factories/app';
import { mailQueueName } from '../factories/mail';
import { Account, ConferenceSetup, Participant, World } from '../factories/world';

/**
 * In-app notifications from the event log: who is told of each change (the
 * other party's members, never the actor's own enterprise), exactly once
 * however often or by how many processes the notifier runs, and each reader's
 * list in their own language and time zone.
 */
describe('notifications', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let notifier: Notifier;

  beforeAll(async () => {
    // Its own queue, no worker: the 20,000 e-mail jobs of the scheduler case must not wait in the default queue for other specs.
    t = await createTestApp({ MAIL_QUEUE: mailQueueName('notifications'), MAIL_WORKER: 'off' });
    world = new World(t);
    organizer = await world.organizer();
    notifier = t.app.get(Notifier);
  });
  afterEach(() => t.clock.set(REFERENCE_EVE));
  afterAll(() => t.close());

  const inbox = async (who: Account, query = ''): Promise<{ items: NotificationView[]; total: number; unread: number }> =>
    (await t.http.get(`/api/notifications${query}`).set(who.auth).expect(200)).body;
  const kinds = async (who: Account) => (await inbox(who)).items.map((n) => n.kind);

  /** A second member of a participant's enterprise. */
  async function colleague(p: Participant): Promise<Account> {
    const account = await world.account('colleague');
    await t.db.query('INSERT INTO enterprise_members (enterprise_id, user_id) VALUES ($1, $2)', [p.enterpriseId, account.id]);
    return account;
  }

  async function pair(setup: ConferenceSetup) {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    return { vn, cn, vn2: await colleague(vn), cn2: await colleague(cn) };
  }

  const request = (setup: ConferenceSetup, from: Participant & { registration: { id: string } }, to: { registration: { id: string } }) =>
    t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(from.account.auth)
      .send({ fromRegistrationId: from.registration.id, toRegistrationId: to.registration.id, message: 'Sầu riêng <b>tươi</b>?' })
      .expect(201)
      .then((r) => r.body as { id: string });

  it('registration decisions go to the members of the registration’s enterprise', async () => {
    const setup = await world.openEvent(organizer);
    const vn = await world.approved(organizer, setup, 'VN');
    const m = await world.member('CN');
    const reg = await world.register(m.account, setup.eventId, m.enterpriseId, setup.venues.hangzhou);
    await t.http.post(`/api/events/${setup.eventId}/registrations/${reg.body.id}/reject`).set(organizer.auth).send({}).expect(200);
    await notifier.drain();
    expect(await kinds(vn.account)).toEqual(['registration.approved']);
    expect(await kinds(m.account)).toEqual(['registration.rejected']);
    expect(await kinds(organizer)).toEqual([]);
    const [approved] = (await inbox(vn.account)).items;
    expect(approved).toMatchObject({ eventId: setup.eventId, link: '/events', readAt: null });
    expect(approved.title).toBe('Registration approved');

    const assigned = await t.http.post(`/api/events/${setup.eventId}/room-assignments`).set(organizer.auth).send({});
    expect(assigned.status).toBeLessThan(300);
    await notifier.drain();
    const rooms = (await inbox(vn.account)).items.filter((n) => n.kind === 'registration.room_assigned');
    expect(rooms).toHaveLength(1);
    expect(rooms[0].title).toMatch(/^Room assigned: /);
  });

  it('a request tells the receiver, an answer the requester; never the enterprise that acted', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, vn2, cn2 } = await pair(setup);
    await notifier.drain();
    const before = { vn: (await inbox(vn.account)).total, cn: (await inbox(cn.account)).total };

    const c = await request(setup, cn, vn);
    await notifier.drain();
    for (const member of [vn.account, vn2]) {
      const [latest] = (await inbox(member)).items;
      expect(latest).toMatchObject({ kind: 'connection.requested', link: `/events/${setup.eventId}/connections`, data: { connectionId: c.id } });
      expect(latest.title).toBe('Zhejiang Silk Road Textiles Co., Ltd. wants to connect');
      expect(latest.body).toContain('Sầu riêng <b>tươi</b>?');
    }
    expect((await inbox(cn.account)).total).toBe(before.cn);
    // Members are read when the entry is processed: the colleague added later hears of the approval too, not of its own request.
    expect((await inbox(cn2)).items.map((n) => n.kind)).toEqual(['registration.approved']);

    await t.http.post(`/api/connections/${c.id}/accept`).set(vn.account.auth).expect(200);
    await notifier.drain();
    for (const member of [cn.account, cn2]) expect((await inbox(member)).items[0]).toMatchObject({ kind: 'connection.accepted' });
    expect((await inbox(vn.account)).items[0].kind).toBe('connection.requested');
    expect((await inbox(vn.account)).total).toBe(before.vn + 1);
  });

  it('declined tells the requester, withdrawn the receiver, expired both', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn } = await pair(setup);
    const cnB = await world.approved(organizer, setup, 'CN');
    const cnC = await world.approved(organizer, setup, 'CN');

    const declined = await request(setup, vn, cn);
    await t.http.post(`/api/connections/${declined.id}/decline`).set(cn.account.auth).expect(200);
    const withdrawn = await request(setup, vn, cnB);
    await t.http.post(`/api/connections/${withdrawn.id}/withdraw`).set(vn.account.auth).expect(200);
    const expired = await request(setup, vn, cnC);
    await t.db.query(`UPDATE connections SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    const late = await t.http.post(`/api/connections/${expired.id}/accept`).set(cnC.account.auth);
    expect(late.body.code).toBe('CONNECTION_EXPIRED');
    await notifier.drain();

    const of = async (who: Account) => (await inbox(who)).items.filter((n) => n.kind.startsWith('connection.')).map((n) => `${n.kind}:${String(n.data.connectionId)}`);
    expect((await of(vn.account)).sort()).toEqual([`connection.declined:${declined.id}`, `connection.expired:${expired.id}`].sort());
    expect(await of(cn.account)).toEqual([`connection.requested:${declined.id}`]);
    expect((await of(cnB.account)).sort()).toEqual([`connection.requested:${withdrawn.id}`, `connection.withdrawn:${withdrawn.id}`].sort());
    expect((await of(cnC.account)).sort()).toEqual([`connection.requested:${expired.id}`, `connection.expired:${expired.id}`].sort());
  });

  it('meetings: booked and moved and cancelled tell both parties (with the invitation sequence); attendance tells no one', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn } = await world.acceptedPair(organizer, setup);
    await notifier.drain();
    const count = async (who: Account) => (await inbox(who)).items.filter((n) => n.kind.startsWith('meeting.')).length;

    const booked = await t.http
      .post(`/api/events/${setup.eventId}/meetings`)
      .set(organizer.auth)
      .send({ connectionId: (await t.http.get(`/api/events/${setup.eventId}/connections`).set(organizer.auth)).body.items[0].id, startsAt: '2021-01-19T02:00:00Z' });
    expect(booked.status).toBe(201);
    expect(booked.body.sequence).toBe(0);
    await notifier.drain();
    for (const who of [vn.account, cn.account]) {
      const [n] = (await inbox(who)).items;
      expect(n).toMatchObject({ kind: 'meeting.booked', link: `/events/${setup.eventId}/meetings`, data: { meeting: { id: booked.body.id, sequence: 0 } } });
    }
    expect((await inbox(vn.account)).items[0].title).toBe('Meeting booked with Zhejiang Silk Road Textiles Co., Ltd.');
    expect((await inbox(cn.account)).items[0].title).toBe('Meeting booked with Bat Xat Agricultural Products Co., Ltd.');

    await t.http.patch(`/api/meetings/${booked.body.id}`).set(vn.account.auth).send({ attendance: 'attended' }).expect(200);
    await notifier.drain();
    expect(await count(vn.account)).toBe(1);
    expect(await count(cn.account)).toBe(1);

    const moved = await t.http.patch(`/api/meetings/${booked.body.id}`).set(organizer.auth).send({ startsAt: '2021-01-19T03:00:00Z' });
    expect(moved.status).toBe(200);
    await notifier.drain();
    expect((await inbox(cn.account)).items[0]).toMatchObject({ kind: 'meeting.moved', data: { meeting: { startsAt: '2021-01-19T03:00:00.000Z' } } });
    const movedSequence = (await inbox(cn.account)).items[0].data.meeting as { sequence: number };
    expect(movedSequence.sequence).toBeGreaterThan(0);

    await t.http.patch(`/api/meetings/${booked.body.id}`).set(organizer.auth).send({ status: 'cancelled' }).expect(200);
    await notifier.drain();
    const [cancelled] = (await inbox(vn.account)).items;
    expect(cancelled.kind).toBe('meeting.cancelled');
    expect((cancelled.data.meeting as { sequence: number }).sequence).toBeGreaterThan(movedSequence.sequence);
  });

  it('an outcome tells the partner only', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup);
    await notifier.drain();
    const recorded = await t.http
      .post(`/api/connections/${connectionId}/outcomes`)
      .set(vn.account.auth)
      .send({ kind: 'mou_signed', value: { amount: '50000.00', currency: 'USD' } });
    expect(recorded.status).toBe(201);
    await notifier.drain();
    expect((await inbox(cn.account)).items[0]).toMatchObject({ kind: 'outcome.recorded', title: 'Bat Xat Agricultural Products Co., Ltd. recorded an outcome' });
    expect((await inbox(cn.account)).items[0].body).toContain('50000.00 USD');
    expect(await kinds(vn.account)).not.toContain('outcome.recorded');
  });

  it('is written once: draining twice, and two notifiers draining together, add nothing', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn } = await pair(setup);
    const other = await createTestApp();
    try {
      for (let i = 0; i < 5; i++) {
        const extra = await world.approved(organizer, setup, 'CN');
        await request(setup, vn, extra);
      }
      await request(setup, cn, vn);
      await Promise.all([notifier.drain(), other.app.get(Notifier).drain(), notifier.drain(), other.app.get(Notifier).drain()]);
      await notifier.drain();
      const [{ n, distinct }] = await t.db.query<{ n: number; distinct: number }[]>(
        `SELECT count(*)::int AS n, count(DISTINCT (user_id, source))::int AS distinct FROM notifications WHERE event_id = $1`,
        [setup.eventId],
      );
      expect(n).toBe(distinct);
      // 2+1+5 approvals (vn, cn with their colleagues: 2 each; 5 extra) … counted from the log instead of by hand:
      expect((await inbox(vn.account)).items.map((i) => i.kind)).toEqual(['connection.requested', 'registration.approved']);
      const [{ cursor }] = await t.db.query<{ cursor: string }[]>(`SELECT last_seq AS cursor FROM notifier_cursors WHERE event_id = $1`, [setup.eventId]);
      const [{ head }] = await t.db.query<{ head: string }[]>(`SELECT last_seq AS head FROM event_log_heads WHERE event_id = $1`, [setup.eventId]);
      expect(Number(cursor)).toBe(Number(head));
      const ids = (await inbox(vn.account)).items.map((i) => i.id);
      await Promise.all([notifier.drain(), other.app.get(Notifier).drain()]);
      expect((await inbox(vn.account)).items.map((i) => i.id)).toEqual(ids);
    } finally {
      await other.close();
    }
  });

  it('reads, pages, keeps to its owner and re-renders in the reader’s language and zone', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn } = await world.acceptedPair(organizer, setup);
    for (let i = 0; i < 3; i++) {
      const extra = await world.approved(organizer, setup, 'CN');
      await request(setup, extra, vn);
    }
    await notifier.drain();
    const all = await inbox(vn.account);
    expect(all.total).toBe(5); // approved + 4 requests
    expect(all.unread).toBe(5);
    expect(all.items.map((n) => n.id)).toEqual([...all.items.map((n) => n.id)].sort((a, b) => b - a));
    const page = await inbox(vn.account, '?limit=2&offset=1');
    expect(page.items.map((n) => n.id)).toEqual(all.items.slice(1, 3).map((n) => n.id));
    expect(page.total).toBe(5);

    const read = await t.http.post(`/api/notifications/${all.items[0].id}/read`).set(vn.account.auth);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await inbox(vn.account, '?unread=true')).total).toBe(4);
    expect((await t.http.post(`/api/notifications/${all.items[1].id}/read`).set(cn.account.auth)).status).toBe(404);
    expect((await t.http.post(`/api/notifications/0/read`).set(vn.account.auth)).status).toBe(400);
    expect((await t.http.post(`/api/notifications/abc/read`).set(vn.account.auth)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.get(`/api/notifications?unread=maybe`).set(vn.account.auth)).status).toBe(400);
    expect((await t.http.post(`/api/notifications/read`).set(vn.account.auth).expect(200)).body).toEqual({ marked: 4 });
    expect((await inbox(vn.account)).unread).toBe(0);

    // The reader changes language and zone: the same notifications read anew.
    const meeting = await t.http
      .post(`/api/events/${setup.eventId}/meetings`)
      .set(organizer.auth)
      .send({
        connectionId: (await t.http.get(`/api/events/${setup.eventId}/connections?status=accepted`).set(organizer.auth)).body.items.find(
          (c: { fromRegistrationId: string }) => c.fromRegistrationId === cn.registration.id,
        ).id,
        startsAt: '2021-01-19T02:00:00Z',
      });
    expect(meeting.status).toBe(201);
    await notifier.drain();
    expect((await inbox(cn.account)).items[0].body).toContain('02:00');
    const me = await t.http.patch('/api/me').set(cn.account.auth).send({ locale: 'zh', timezone: 'Asia/Shanghai' });
    expect(me.body).toMatchObject({ locale: 'zh', timezone: 'Asia/Shanghai' });
    const [zh] = (await inbox(cn.account)).items;
    expect(zh.title).toBe('已安排与 Bat Xat Agricultural Products Co., Ltd. 的洽谈');
    expect(zh.body).toContain('10:00');
    const vi = await t.http.patch('/api/me').set(cn.account.auth).send({ locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' });
    expect(vi.status).toBe(200);
    const [inVi] = (await inbox(cn.account)).items;
    expect(inVi.title).toBe('Lịch gặp với Công ty TNHH Nông sản Bát Xát');
    expect(inVi.body).toContain('09:00');
  });

  it('a scheduler run of 10,000 meetings becomes one notification per member listing their meetings, in one pass', async () => {
    const setup = await world.openEvent(organizer);
    const n = 100; // 100 × 100 pairs: each VN enterprise meets each CN one, in 100 one-hour rounds
    const [{ id: organizerId }] = await t.db.query<{ id: string }[]>('SELECT id FROM users WHERE id = $1', [organizer.id]);
    const tag = randomUUID().slice(0, 8);
    await t.db.query(
      `WITH u AS (
         INSERT INTO users (email, password_hash, display_name)
         SELECT 'bulk' || s || '.' || $2 || '@example.test', 'x', 'bulk ' || s FROM generate_series(1, $3 * 2) s RETURNING id, display_name),
       e AS (
         INSERT INTO enterprises (name, country, region, created_by)
         SELECT jsonb_build_object('en', u.display_name), CASE WHEN split_part(u.display_name, ' ', 2)::int <= $3 THEN 'VN' ELSE 'CN' END,
                CASE WHEN split_part(u.display_name, ' ', 2)::int <= $3 THEN 'VN-02' ELSE 'CN-ZJ' END, u.id FROM u RETURNING id, created_by, country),
       m AS (INSERT INTO enterprise_members (enterprise_id, user_id) SELECT id, created_by FROM e)
       INSERT INTO registrations (event_id, enterprise_id, venue_id, attendance, side, status, badge_code, created_by)
       SELECT $1, e.id, $4, 'online', e.country, 'approved', 'BULK-' || $2 || '-' || row_number() OVER (), $5 FROM e`,
      [setup.eventId, tag, n, setup.venues.online, organizerId],
    );
    await t.db.query(
      `WITH vn AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM registrations WHERE event_id = $1 AND side = 'VN' AND badge_code LIKE 'BULK-%'),
            cn AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS j FROM registrations WHERE event_id = $1 AND side = 'CN' AND badge_code LIKE 'BULK-%'),
            c AS (
              INSERT INTO connections (event_id, from_registration_id, from_side, to_registration_id, to_side, status, channel, created_by, responded_at)
              SELECT $1, cn.id, 'CN', vn.id, 'VN', 'accepted', 'online', $2, now() FROM vn CROSS JOIN cn
              RETURNING id, from_registration_id, to_registration_id)
       INSERT INTO meetings (event_id, connection_id, period, mode, link, source, created_by)
       SELECT $1, c.id, tstzrange(t0, t0 + interval '30 minutes', '[)'), 'online', 'https://example.test/meet/' || c.id, 'scheduler', $2
         FROM c JOIN vn ON vn.id = c.to_registration_id JOIN cn ON cn.id = c.from_registration_id,
              LATERAL (SELECT timestamptz '2021-01-19T01:00:00Z' + ((vn.i + cn.j) % $3) * interval '1 hour' AS t0) slot`,
      [setup.eventId, organizerId, n],
    );
    const meetingIds = (await t.db.query<{ id: string }[]>(`SELECT id FROM meetings WHERE event_id = $1`, [setup.eventId])).map((r) => r.id);
    expect(meetingIds).toHaveLength(n * n);
    await t.db.query(
      `WITH head AS (INSERT INTO event_log_heads (event_id, last_seq) VALUES ($1, 1) ON CONFLICT (event_id) DO UPDATE SET last_seq = event_log_heads.last_seq + 1 RETURNING last_seq)
       INSERT INTO event_log (event_id, seq, type, data, actor_user_id) SELECT $1, last_seq, 'meetings.scheduled', $2::jsonb, $3 FROM head`,
      [setup.eventId, JSON.stringify({ scheduled: n * n, meetingIds }), organizerId],
    );
    await notifier.drain();
    const [{ total, users }] = await t.db.query<{ total: number; users: number }[]>(
      `SELECT count(*)::int AS total, count(DISTINCT user_id)::int AS users FROM notifications WHERE event_id = $1 AND kind = 'meeting.booked'`,
      [setup.eventId],
    );
    // The run is one change: one notification per member, its data only the meetings' ids (the facts are read with it).
    expect(total).toBe(2 * n);
    expect(users).toBe(2 * n);
    const sizes = await t.db.query<{ meetings: number; bytes: number }[]>(
      `SELECT jsonb_array_length(data->'meetingIds')::int AS meetings, pg_column_size(data)::int AS bytes FROM notifications WHERE event_id = $1 AND kind = 'meeting.booked'`,
      [setup.eventId],
    );
    expect(new Set(sizes.map((r) => r.meetings))).toEqual(new Set([n]));
    // Every meeting of the run is in exactly two notifications (its two parties'), and in no other.
    const [{ told }] = await t.db
      .query<{ told: number }[]>(
        `SELECT count(*)::int AS told FROM (SELECT jsonb_array_elements_text(data->'meetingIds') AS id FROM notifications WHERE event_id = $1 AND kind = 'meeting.booked') x
        GROUP BY id HAVING count(*) <> 2`,
        [setup.eventId],
      )
      .then((rows) => [{ told: rows.length }]);
    expect(told).toBe(0);
    expect(
      new Set(
        (await t.db.query<{ id: string }[]>(`SELECT DISTINCT jsonb_array_elements_text(data->'meetingIds') AS id FROM notifications WHERE event_id = $1`, [setup.eventId])).map((r) => r.id),
      ),
    ).toEqual(new Set(meetingIds));
    // Their e-mails are queued in bundles of MAIL_BUNDLE: each notification in exactly one job.
    const bundled = await t.db.query<{ jobs: number; refs: number; distinct: number }[]>(
      `WITH mine AS (SELECT id FROM notifications WHERE event_id = $2 AND kind = 'meeting.booked'),
            refs AS (SELECT j.id AS job, r::bigint AS nid FROM pgboss.job j, jsonb_array_elements_text(j.data->'notificationIds') r WHERE j.name = $1)
       SELECT count(DISTINCT job)::int AS jobs, count(*)::int AS refs, count(DISTINCT nid)::int AS distinct FROM refs WHERE nid IN (SELECT id FROM mine)`,
      [t.config.mail.queue, setup.eventId],
    );
    expect(bundled[0]).toEqual({ jobs: Math.ceil((2 * n) / t.config.mail.bundleSize), refs: 2 * n, distinct: 2 * n });
    // Read by one member: the n meetings, earliest first, each with the partner named and its time in the reader's zone.
    const [reader] = await t.db.query<{ userId: string; email: string }[]>(
      `SELECT u.id AS "userId", u.email FROM notifications x JOIN users u ON u.id = x.user_id
        WHERE x.event_id = $1 AND x.kind = 'meeting.booked' AND u.display_name = 'bulk 1'`,
      [setup.eventId],
    );
    const page = await t.app.get(NotificationsService).list({ ...reader, roles: [] }, { unread: true, limit: 5, offset: 0 });
    const [digest] = page.items.filter((i) => i.eventId === setup.eventId);
    expect(digest.title).toBe(`${n} meetings booked for you`);
    const listed = digest.data.meetings as { id: string; startsAt: string; partnerName: { en: string } }[];
    expect(listed).toHaveLength(n);
    expect(listed.map((m) => m.startsAt)).toEqual([...listed.map((m) => m.startsAt)].sort());
    expect(new Set(listed.map((m) => m.partnerName.en))).toEqual(new Set(Array.from({ length: n }, (_, i) => `bulk ${n + i + 1}`)));
    expect(digest.body).toContain('bulk 101');
    expect(digest.body).toContain('Jan 2021, 08:00 UTC');
  }, 120_000);
});
