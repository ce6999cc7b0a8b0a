import { ReminderSweeper } from '@tradebridge/reminders';
import { renderMail } from '@tradebridge/notifications';
import { mailOrganizer, meetingUid } from '@tradebridge/mail';
import type { Localized } from '@tradebridge/contracts';
import { createTestApp, TestApp, TestClock } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Reminders against the clock: the app's TestClock is moved and the sweeper
 * run by hand. The events here lie in June 2021 (and requests expire in 30
 * days), away from the instants other specs' clocks stand at, since every API
 * process sweeps the one shared database.
 */
const DAY = '2021-06-15';
const EVENT = { startsAt: `${DAY}T01:00:00.000Z`, endsAt: `${DAY}T10:00:00.000Z` };
const OVERRIDES = { CONNECTION_TTL: '30d' };

interface Row {
  userId: string;
  kind: string;
  source: string;
  link: string;
  data: {
    minutesBefore?: number;
    meeting?: { id: string; startsAt: string; mode: string; venueName: string | null; table: number | null; link: string | null; sequence: number };
    partnerName?: Localized;
    expiresAt?: string;
  };
}

describe('reminders: before meetings and before requests expire', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp(OVERRIDES, new TestClock(`2021-06-13T00:00:00Z`));
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  const at = async (iso: string, app: TestApp = t) => {
    app.clock.set(iso);
    await app.app.get(ReminderSweeper).sweep();
  };
  const reminders = async (meetingId: string): Promise<Row[]> =>
    t.db.query(`SELECT user_id AS "userId", kind, source, link, data FROM notifications WHERE kind = 'meeting.reminder' AND data->'meeting'->>'id' = $1 ORDER BY id`, [meetingId]);
  const book = async (setup: ConferenceSetup, connectionId: string, startsAt: string): Promise<string> => {
    const res = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt });
    if (res.status !== 201) throw new Error(`book failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const event = () => world.openEvent(organizer, EVENT);

  it('both offsets fire once to every member of both parties, on site and online', async () => {
    t.clock.set('2021-06-13T00:00:00Z');
    const setup = await event();
    const onsite = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const online = await world.acceptedPair(organizer, setup);
    const onsiteId = await book(setup, onsite.connectionId, `${DAY}T03:00:00Z`);
    const onlineId = await book(setup, online.connectionId, `${DAY}T04:00:00Z`);

    await at('2021-06-14T02:59:59Z');
    expect(await reminders(onsiteId)).toEqual([]);
    await at('2021-06-14T03:00:00Z');
    await at('2021-06-14T03:00:10Z');
    let sent = await reminders(onsiteId);
    expect(sent.map((r) => [r.userId, r.data.minutesBefore]).sort()).toEqual(
      [
        [onsite.cn.account.id, 1440],
        [onsite.vn.account.id, 1440],
      ].sort(),
    );
    expect(await reminders(onlineId)).toEqual([]);

    await at('2021-06-14T04:00:30Z');
    await at(`${DAY}T02:45:00Z`);
    await at(`${DAY}T02:50:00Z`);
    await at(`${DAY}T03:50:00Z`);
    await at(`${DAY}T03:59:00Z`);

    sent = await reminders(onsiteId);
    expect(sent.map((r) => r.data.minutesBefore).sort()).toEqual([1440, 1440, 15, 15]);
    const toVn = sent.find((r) => r.userId === onsite.vn.account.id && r.data.minutesBefore === 15)!;
    expect(toVn.source).toBe(`reminder:${onsiteId}:15:${DAY}T03:00:00.000Z`);
    expect(toVn.link).toBe(`/events/${setup.eventId}/meetings`);
    expect(toVn.data.meeting).toMatchObject({ id: onsiteId, mode: 'onsite', venueName: 'Điểm cầu chính Lào Cai', link: null, startsAt: `${DAY}T03:00:00.000Z` });
    expect(toVn.data.meeting!.table).toBeGreaterThan(0);
    expect(toVn.data.partnerName).toMatchObject({ zh: '浙江丝路纺织有限公司' });

    const onlineSent = await reminders(onlineId);
    expect(onlineSent.map((r) => r.data.minutesBefore).sort()).toEqual([1440, 1440, 15, 15]);
    const toCn = onlineSent.find((r) => r.userId === online.cn.account.id)!;
    expect(toCn.link).toBe(`/meet/${onlineId}`);
    expect(toCn.data.meeting).toMatchObject({ mode: 'online', venueName: null, table: null });
    expect(toCn.data.meeting!.link).toContain(`/meet/${onlineId}`);

    // The e-mail carries the meeting's invitation: its UID and SEQUENCE, as every other mail of the meeting.
    const mail = renderMail(
      { kind: 'meeting.reminder', source: toCn.source, data: toCn.data },
      { id: online.cn.account.id, email: online.cn.account.email, displayName: 'cn' },
      { locale: 'zh', timezone: 'Asia/Shanghai', publicUrl: t.config.publicUrl, link: toCn.link },
      mailOrganizer(t.config.mail.from),
    );
    const [meeting] = await t.db.query<{ sequence: number }[]>(`SELECT sequence FROM meetings WHERE id = $1`, [onlineId]);
    expect(mail.invitations?.[0]).toMatchObject({ uid: meetingUid(onlineId, t.config.mail.from), sequence: meeting.sequence, method: 'REQUEST' });
    expect(mail.subject).toContain('1 天后开始');
  });

  it('a meeting moved is reminded at its new time only, not at the old', async () => {
    t.clock.set('2021-06-13T00:00:00Z');
    const setup = await event();
    const pair = await world.acceptedPair(organizer, setup);
    const id = await book(setup, pair.connectionId, `${DAY}T03:00:00Z`);

    t.clock.set('2021-06-14T02:00:00Z');
    await t.http
      .patch(`/api/meetings/${id}`)
      .set(organizer.auth)
      .send({ startsAt: `${DAY}T06:00:00Z` })
      .expect(200);
    await at('2021-06-14T03:30:00Z'); // the old time's 24 h reminder would be due now
    expect(await reminders(id)).toEqual([]);
    await at('2021-06-14T06:00:00Z');
    expect(await reminders(id)).toHaveLength(2);
    await at(`${DAY}T02:50:00Z`); // the old time's 15 min one would be due now
    expect(await reminders(id)).toHaveLength(2);
    await at(`${DAY}T05:45:00Z`);
    const sent = await reminders(id);
    expect(sent).toHaveLength(4);
    expect(sent.every((r) => r.data.meeting!.startsAt === `${DAY}T06:00:00.000Z` && r.source.endsWith(`${DAY}T06:00:00.000Z`))).toBe(true);
  });

  it('a meeting moved after its first reminder gets that reminder again for the new time', async () => {
    t.clock.set('2021-06-13T00:00:00Z');
    const setup = await event();
    const pair = await world.acceptedPair(organizer, setup);
    const id = await book(setup, pair.connectionId, `${DAY}T03:00:00Z`);
    await at('2021-06-14T03:00:00Z');
    expect(await reminders(id)).toHaveLength(2);

    t.clock.set('2021-06-14T04:00:00Z');
    await t.http
      .patch(`/api/meetings/${id}`)
      .set(organizer.auth)
      .send({ startsAt: `${DAY}T07:00:00Z` })
      .expect(200);
    await at('2021-06-14T06:59:00Z');
    expect(await reminders(id)).toHaveLength(2);
    await at('2021-06-14T07:00:00Z');
    const sent = await reminders(id);
    expect(sent.map((r) => r.data.meeting!.startsAt)).toEqual([`${DAY}T03:00:00.000Z`, `${DAY}T03:00:00.000Z`, `${DAY}T07:00:00.000Z`, `${DAY}T07:00:00.000Z`]);
  });

  it('a cancelled meeting gets none', async () => {
    t.clock.set('2021-06-13T00:00:00Z');
    const setup = await event();
    const pair = await world.acceptedPair(organizer, setup);
    const id = await book(setup, pair.connectionId, `${DAY}T03:00:00Z`);
    await t.http.patch(`/api/meetings/${id}`).set(organizer.auth).send({ status: 'cancelled' }).expect(200);
    await at('2021-06-14T03:00:00Z');
    await at(`${DAY}T02:45:00Z`);
    expect(await reminders(id)).toEqual([]);
  });

  it('a meeting booked an hour ahead gets no stale 24 h reminder, only the 15 min one', async () => {
    t.clock.set(`${DAY}T02:00:00Z`);
    const setup = await event();
    const pair = await world.acceptedPair(organizer, setup);
    const id = await book(setup, pair.connectionId, `${DAY}T03:00:00Z`);
    await at(`${DAY}T02:00:01Z`);
    expect(await reminders(id)).toEqual([]);
    await at(`${DAY}T02:45:00Z`);
    const sent = await reminders(id);
    expect(sent.map((r) => r.data.minutesBefore)).toEqual([15, 15]);
  });

  it('the offsets an event sets are the ones used', async () => {
    t.clock.set('2021-06-13T00:00:00Z');
    const setup = await event();
    await t.http
      .patch(`/api/events/${setup.eventId}`)
      .set(organizer.auth)
      .send({ reminderMinutes: [120] })
      .expect(200);
    const pair = await world.acceptedPair(organizer, setup);
    const id = await book(setup, pair.connectionId, `${DAY}T05:00:00Z`);
    await at('2021-06-14T05:00:00Z');
    await at(`${DAY}T03:00:00Z`);
    await at(`${DAY}T04:50:00Z`);
    expect((await reminders(id)).map((r) => r.data.minutesBefore)).toEqual([120, 120]);
  });

  it('reminderMinutes: set at creation and by organizers, validated (up to 5 distinct minutes, 1 to 10080)', async () => {
    const created = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send({ ...EVENT, name: { en: 'Offsets' }, timezone: 'Asia/Ho_Chi_Minh', reminderMinutes: [15, 60] });
    expect(created.status).toBe(201);
    expect(created.body.reminderMinutes).toEqual([60, 15]);
    const plain = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send({ ...EVENT, name: { en: 'Default offsets' }, timezone: 'Asia/Ho_Chi_Minh' });
    expect(plain.body.reminderMinutes).toEqual([1440, 15]);
    for (const bad of [[0], [10081], [15, 15], [1, 2, 3, 4, 5, 6], [1.5], null, 'soon']) {
      const res = await t.http.patch(`/api/events/${created.body.id}`).set(organizer.auth).send({ reminderMinutes: bad });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field.replace(/\[\d+\]$/, ''))).toContain('reminderMinutes');
    }
    const none = await t.http.patch(`/api/events/${created.body.id}`).set(organizer.auth).send({ reminderMinutes: [] });
    expect(none.body.reminderMinutes).toEqual([]);
    const stranger = await world.account('stranger');
    expect(
      (
        await t.http
          .patch(`/api/events/${created.body.id}`)
          .set(stranger.auth)
          .send({ reminderMinutes: [5] })
      ).status,
    ).toBe(403);
  });

  it('a restart (a new app on the same database) repeats none and catches up what came due while down', async () => {
    t.clock.set('2021-06-13T00:00:00Z');
    const setup = await event();
    const pair = await world.acceptedPair(organizer, setup);
    const id = await book(setup, pair.connectionId, `${DAY}T03:00:00Z`);
    await at('2021-06-14T03:00:00Z');
    expect(await reminders(id)).toHaveLength(2);

    const restarted = await createTestApp(OVERRIDES, new TestClock('2021-06-14T03:00:05Z'));
    try {
      await at('2021-06-14T03:00:05Z', restarted);
      expect(await reminders(id)).toHaveLength(2);
      // No process ran at 02:45; at 02:55 the 15 min reminder is still before the start, so it goes now.
      await at(`${DAY}T02:55:00Z`, restarted);
      await at(`${DAY}T02:55:00Z`, t);
      expect((await reminders(id)).map((r) => r.data.minutesBefore)).toEqual([1440, 1440, 15, 15]);
      // After the start nothing more.
      await at(`${DAY}T03:01:00Z`, restarted);
      expect(await reminders(id)).toHaveLength(4);
    } finally {
      await restarted.close();
    }
  });

  describe('a request about to expire', () => {
    const expiring = async (connectionId: string): Promise<Row[]> =>
      t.db.query(`SELECT user_id AS "userId", kind, source, link, data FROM notifications WHERE source = $1 ORDER BY id`, [`expiring:${connectionId}`]);
    const expiresAt = async (connectionId: string) => (await t.db.query<{ expires_at: Date }[]>(`SELECT expires_at FROM connections WHERE id = $1`, [connectionId]))[0].expires_at.getTime();

    it('reminds the receiver once, an hour before, and never the requester', async () => {
      const setup = await event();
      const vn = await world.approved(organizer, setup, 'VN');
      const cn = await world.approved(organizer, setup, 'CN');
      const c = await t.http
        .post(`/api/events/${setup.eventId}/connections`)
        .set(cn.account.auth)
        .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id })
        .expect(201);
      const expires = await expiresAt(c.body.id);

      await at(new Date(expires - 61 * 60_000).toISOString());
      expect(await expiring(c.body.id)).toEqual([]);
      await at(new Date(expires - 59 * 60_000).toISOString());
      await at(new Date(expires - 30 * 60_000).toISOString());
      const sent = await expiring(c.body.id);
      expect(sent.map((r) => r.userId)).toEqual([vn.account.id]);
      expect(sent[0]).toMatchObject({ kind: 'connection.expiring', link: `/events/${setup.eventId}/connections`, data: { expiresAt: new Date(expires).toISOString() } });
      expect(sent[0].data.partnerName).toMatchObject({ zh: '浙江丝路纺织有限公司' });
    });

    it('not when it was answered meanwhile', async () => {
      const setup = await event();
      const vn = await world.approved(organizer, setup, 'VN');
      const cn = await world.approved(organizer, setup, 'CN');
      const c = await t.http
        .post(`/api/events/${setup.eventId}/connections`)
        .set(cn.account.auth)
        .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id })
        .expect(201);
      await t.http.post(`/api/connections/${c.body.id}/decline`).set(vn.account.auth).expect(200);
      await at(new Date((await expiresAt(c.body.id)) - 30 * 60_000).toISOString());
      expect(await expiring(c.body.id)).toEqual([]);
    });
  });
});
