import { randomUUID } from 'node:crypto';
import { Notifier } from '@tradebridge/notifications';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Announcements: organizers write in up to three languages to everyone, a
 * venue, a room or a side; the approved registrations in the audience are
 * resolved when it is sent, and the notifier tells each member of their
 * enterprises in the language they prefer, else en, vi, zh.
 */
describe('announcements', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let notifier: Notifier;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    // The spec drains the notifier itself (NOTIFIER=off in tests).
    notifier = t.app.get(Notifier);
  });
  afterAll(() => t.close());

  const send = (who: Account, eventId: string, body: unknown) =>
    t.http
      .post(`/api/events/${eventId}/announcements`)
      .set(who.auth)
      .send(body as object);
  const told = async (announcementId: string): Promise<{ userId: string; body: Record<string, string>; link: string }[]> => {
    await notifier.drain();
    return t.db.query(`SELECT user_id AS "userId", data->'body' AS body, link FROM notifications WHERE kind = 'announcement' AND data->>'announcementId' = $1 ORDER BY user_id`, [
      announcementId,
    ]);
  };
  const setLocale = async (account: Account, locale: string) => {
    await t.http.patch('/api/me').set(account.auth).send({ locale }).expect(200);
  };
  /** What the reader sees in the app (GET /api/notifications renders in their language). */
  const inbox = async (account: Account, announcementId: string): Promise<{ title: string; body: string }> => {
    const page = (await t.http.get('/api/notifications').set(account.auth).expect(200)).body as { items: { kind: string; title: string; body: string; data: { announcementId?: string } }[] };
    return page.items.find((n) => n.kind === 'announcement' && n.data.announcementId === announcementId)!;
  };

  interface Scene {
    setup: ConferenceSetup;
    laoCai: Awaited<ReturnType<World['approved']>>;
    hangzhou: Awaited<ReturnType<World['approved']>>;
    online: Awaited<ReturnType<World['approved']>>;
    pending: Account;
  }
  const scene = async (): Promise<Scene> => {
    const setup = await world.openEvent(organizer);
    const laoCai = await world.approved(organizer, setup, 'VN');
    const hangzhou = await world.approved(organizer, setup, 'CN');
    const online = await world.approved(organizer, setup, 'VN', {}, setup.venues.online);
    const waiting = await world.member('CN');
    expect((await world.register(waiting.account, setup.eventId, waiting.enterpriseId, setup.venues.hangzhou)).status).toBe(201);
    for (const [p, room] of [
      [laoCai, setup.rooms.agriculture],
      [hangzhou, setup.rooms.agriculture],
      [online, setup.rooms.industry],
    ] as const) {
      await t.http.patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: room }).expect(200);
    }
    return { setup, laoCai, hangzhou, online, pending: waiting.account };
  };

  it('to everyone: each approved participant’s members, each in their language or the next one written; 201 { id, recipients }, a row and a log entry', async () => {
    const s = await scene();
    await setLocale(s.laoCai.account, 'vi');
    await setLocale(s.hangzhou.account, 'zh');
    await setLocale(s.online.account, 'en');
    const res = await send(organizer, s.setup.eventId, { text: { vi: '  Phiên giao thương bắt đầu lúc 9:00.  ', zh: '贸易洽谈 9:00 开始。' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), registrations: 3, recipients: 3 });

    const log = (await t.http.get(`/api/events/${s.setup.eventId}/log`).set(organizer.auth)).body.items as { type: string; data: { announcement: { id: string; text: unknown } } }[];
    const entry = log.find((e) => e.type === 'announcement.sent')!;
    expect(entry.data.announcement).toMatchObject({ id: res.body.id, text: { vi: 'Phiên giao thương bắt đầu lúc 9:00.', zh: '贸易洽谈 9:00 开始。' } });

    const notes = await told(res.body.id);
    expect(notes.map((n) => n.userId).sort()).toEqual([s.laoCai.account.id, s.hangzhou.account.id, s.online.account.id].sort());
    expect(notes.every((n) => n.link === `/events/${s.setup.eventId}/live`)).toBe(true);
    expect(notes.find((n) => n.userId === s.pending.id)).toBeUndefined();

    // What each reads: the preferred language, else en, vi, zh in that order.
    expect((await inbox(s.laoCai.account, res.body.id)).body).toBe('Phiên giao thương bắt đầu lúc 9:00.');
    expect((await inbox(s.hangzhou.account, res.body.id)).body).toBe('贸易洽谈 9:00 开始。');
    const english = await inbox(s.online.account, res.body.id);
    expect(english.body).toBe('Phiên giao thương bắt đầu lúc 9:00.'); // no en: vi comes next
    expect(english.title).toContain('International Export Trade Conference');

    const listed = await t.http.get(`/api/events/${s.setup.eventId}/announcements`).set(organizer.auth).expect(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0]).toMatchObject({ id: res.body.id, audience: { venueId: null, roomId: null, side: null }, registrations: 3, recipients: 3, createdBy: organizer.id });
  });

  it('language fallback: en first when the preferred one is missing, then whatever was written', async () => {
    const s = await scene();
    await setLocale(s.laoCai.account, 'vi');
    const res = await send(organizer, s.setup.eventId, { text: { en: 'Lunch is served in hall B.', zh: '午餐在B厅供应。' } });
    await told(res.body.id);
    expect((await inbox(s.laoCai.account, res.body.id)).body).toBe('Lunch is served in hall B.');
    const zhOnly = await send(organizer, s.setup.eventId, { text: { zh: '只有中文。' } });
    await told(zhOnly.body.id);
    expect((await inbox(s.laoCai.account, zhOnly.body.id)).body).toBe('只有中文。');
    expect((await inbox(s.laoCai.account, zhOnly.body.id)).title).toContain('Thông báo');
  });

  it('to a venue, a room or a side: only the approved registrations there', async () => {
    const s = await scene();
    const byVenue = await send(organizer, s.setup.eventId, { text: { en: 'Lào Cai only' }, audience: { venueId: s.setup.venues.laoCai } });
    expect(byVenue.body).toMatchObject({ registrations: 1, recipients: 1 });
    expect((await told(byVenue.body.id)).map((n) => n.userId)).toEqual([s.laoCai.account.id]);

    const byRoom = await send(organizer, s.setup.eventId, { text: { en: 'Agriculture room' }, audience: { roomId: s.setup.rooms.agriculture } });
    expect((await told(byRoom.body.id)).map((n) => n.userId).sort()).toEqual([s.laoCai.account.id, s.hangzhou.account.id].sort());

    const bySide = await send(organizer, s.setup.eventId, { text: { en: 'Vietnamese delegation' }, audience: { side: 'vn' } });
    expect(bySide.status).toBe(201);
    expect((await told(bySide.body.id)).map((n) => n.userId).sort()).toEqual([s.laoCai.account.id, s.online.account.id].sort());
    const listed = (await t.http.get(`/api/events/${s.setup.eventId}/announcements`).set(organizer.auth)).body;
    expect(listed.items.map((a: { audience: unknown }) => a.audience)).toEqual([
      { venueId: null, roomId: null, side: 'VN' },
      { venueId: null, roomId: s.setup.rooms.agriculture, side: null },
      { venueId: s.setup.venues.laoCai, roomId: null, side: null },
    ]);
  });

  it('only organizers send; staff list; others are refused, and nothing is written', async () => {
    const s = await scene();
    const moderator = await world.account('moderator');
    await t.http.post(`/api/events/${s.setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
    const before = (await t.http.get(`/api/events/${s.setup.eventId}/log`).set(organizer.auth)).body.total;
    expect((await send(moderator, s.setup.eventId, { text: { en: 'Hi' } })).status).toBe(403);
    expect((await send(s.laoCai.account, s.setup.eventId, { text: { en: 'Hi' } })).status).toBe(403);
    expect((await t.http.post(`/api/events/${s.setup.eventId}/announcements`).send({ text: { en: 'Hi' } })).status).toBe(401);
    expect((await t.http.get(`/api/events/${s.setup.eventId}/announcements`).set(moderator.auth)).status).toBe(200);
    expect((await t.http.get(`/api/events/${s.setup.eventId}/announcements`).set(s.laoCai.account.auth)).status).toBe(403);
    expect((await t.http.get(`/api/events/${s.setup.eventId}/log`).set(organizer.auth)).body.total).toBe(before);
    expect((await t.http.get(`/api/events/${s.setup.eventId}/announcements`).set(organizer.auth)).body.total).toBe(0);
  });

  it('bad input: 400 naming the field; an audience id unknown or of another event: 404 naming it', async () => {
    const s = await scene();
    const other = await world.openEvent(organizer);
    const cases: [unknown, number, string, string][] = [
      [{}, 400, 'VALIDATION_FAILED', 'text'],
      [{ text: {} }, 400, 'VALIDATION_FAILED', 'text'],
      [{ text: { en: '   ' } }, 400, 'VALIDATION_FAILED', 'text.en'],
      [{ text: { en: 'x'.repeat(1001) } }, 400, 'VALIDATION_FAILED', 'text.en'],
      [{ text: { fr: 'Bonjour' } }, 400, 'VALIDATION_FAILED', 'text.fr'],
      [{ text: { en: 'Hi' }, audience: { venueId: 'nope' } }, 400, 'VALIDATION_FAILED', 'audience.venueId'],
      [{ text: { en: 'Hi' }, audience: { venueId: s.setup.venues.laoCai, side: 'VN' } }, 400, 'VALIDATION_FAILED', 'audience.venueId'],
      [{ text: { en: 'Hi' }, audience: { side: 'LA' } }, 400, 'VALIDATION_FAILED', 'audience.side'],
      [{ text: { en: 'Hi' }, audience: { venueId: randomUUID() } }, 404, 'NOT_FOUND', 'audience.venueId'],
      [{ text: { en: 'Hi' }, audience: { venueId: other.venues.laoCai } }, 404, 'NOT_FOUND', 'audience.venueId'],
      [{ text: { en: 'Hi' }, audience: { roomId: other.rooms.agriculture } }, 404, 'NOT_FOUND', 'audience.roomId'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await send(organizer, s.setup.eventId, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    // An event one is not organizer of, as for every organizer route: 403.
    expect((await send(organizer, randomUUID(), { text: { en: 'Hi' } })).status).toBe(403);
    expect((await t.http.get(`/api/events/${s.setup.eventId}/announcements`).set(organizer.auth)).body.total).toBe(0);
  });
});
