import ICAL from 'ical.js';
import { createTestApp, TestApp } from '../factories/app';
import { Account, World } from '../factories/world';
import { mailQueueName } from '../factories/mail';

describe('personal calendar feed (webcal)', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp({ MAIL_QUEUE: mailQueueName('feed'), PUBLIC_URL: 'https://trade.example.vn' });
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  const feedPath = (url: string) => new URL(url).pathname;

  it("lists the user's meetings with the invitation's UID and SEQUENCE, cancelled ones CANCELLED; revoked → 404", async () => {
    const setup = await world.openEvent(organizer);
    const pair = await world.acceptedPair(organizer, setup);
    const other = await world.acceptedPair(organizer, setup);
    const book = (connectionId: string, startsAt: string) => t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt });
    const first = await book(pair.connectionId, '2021-01-19T02:00:00Z');
    expect(first.status).toBe(201);
    const othersMeeting = await book(other.connectionId, '2021-01-19T04:00:00Z');
    expect(othersMeeting.status).toBe(201);
    // Moved, then cancelled: SEQUENCE 2 and STATUS:CANCELLED.
    await t.http.patch(`/api/meetings/${first.body.id}`).set(organizer.auth).send({ startsAt: '2021-01-19T03:00:00Z' }).expect(200);
    await t.http.patch(`/api/meetings/${first.body.id}`).set(organizer.auth).send({ status: 'cancelled' }).expect(200);

    expect((await t.http.get('/api/me/calendar-feed').set(pair.vn.account.auth)).body).toEqual({ active: false, createdAt: null });
    const created = await t.http.post('/api/me/calendar-feed').set(pair.vn.account.auth);
    expect(created.status).toBe(200);
    expect(created.body.url).toMatch(/^https:\/\/trade\.example\.vn\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    expect(created.body.webcalUrl).toBe(created.body.url.replace('https:', 'webcal:'));
    expect((await t.http.get('/api/me/calendar-feed').set(pair.vn.account.auth)).body.active).toBe(true);

    const feed = await t.http.get(feedPath(created.body.url));
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0].uid).toBe(`${first.body.id}@tradebridge.local`);
    expect(events[0].sequence).toBe(2);
    expect(events[0].startDate.toJSDate().toISOString()).toBe('2021-01-19T03:00:00.000Z');
    expect(events[0].component.getFirstPropertyValue('status')).toBe('CANCELLED');
    // Another pair's meeting is not in this user's feed.
    expect(feed.text).not.toContain(othersMeeting.body.id);

    // Replacing the URL kills the old one; revoking kills the new one.
    const replaced = await t.http.post('/api/me/calendar-feed').set(pair.vn.account.auth);
    expect((await t.http.get(feedPath(created.body.url))).status).toBe(404);
    expect((await t.http.get(feedPath(replaced.body.url))).status).toBe(200);
    await t.http.delete('/api/me/calendar-feed').set(pair.vn.account.auth).expect(204);
    const revoked = await t.http.get(feedPath(replaced.body.url));
    expect(revoked.status).toBe(404);
    expect(revoked.body.code).toBe('NOT_FOUND');
    expect((await t.http.delete('/api/me/calendar-feed').set(pair.vn.account.auth)).status).toBe(204);
  });

  it('an unknown or malformed token is 404; the routes need a login', async () => {
    expect((await t.http.get('/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
    const malformed = await t.http.get('/calendar/x.ics');
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.fields[0].field).toBe('file');
    expect((await t.http.get('/calendar/%27%3B--.ics')).status).toBe(400);
    expect((await t.http.post('/api/me/calendar-feed')).status).toBe(401);
    expect((await t.http.get('/api/me/calendar-feed')).status).toBe(401);
  });
});
