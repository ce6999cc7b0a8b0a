import type { Locale } from '@tradebridge/contracts';
import { Notifier } from '@tradebridge/notifications';
import { createTestApp, REFERENCE_EVE, TestApp } from '../factories/app';
import { CalendarModel, calendarEvents, invitationOf } from '../factories/ical';
import { mailQueueName } from '../factories/mail';
import { CaptureSmtp, CapturedMail, eventually, listUnsubscribeUrl, mailKind, mailTo, parseRaw } from '../factories/smtp';
import { Account, ConferenceSetup, Participant, World } from '../factories/world';

/**
 * Issue 13, end to end: a meeting booked, moved and cancelled through the
 * meetings routes reaches every member of both enterprises by e-mail — through
 * the real notifier, the pg-boss queue and the worker — once per change, in the
 * member's language and zone (and the venue's clock where it differs), with an
 * invitation whose UID stays and whose SEQUENCE grows, so a calendar importing
 * them in order holds one event, cancelled: a reschedule never leaves a duplicate.
 */

interface Reader {
  account: Account;
  locale: Locale;
  timezone: string;
}

/** Per language: a word only that language's meeting e-mails have, and the words for the venue's clock and a table. */
const WORDS: Record<Locale, { meeting: string; venueTime: string; table: string; online: string }> = {
  vi: { meeting: 'Lịch gặp', venueTime: 'giờ tại địa điểm', table: 'bàn', online: 'trực tuyến' },
  zh: { meeting: '洽谈', venueTime: '会场时间', table: '桌', online: '线上' },
  en: { meeting: 'Meeting', venueTime: 'venue time', table: 'table', online: 'online' },
};
const KINDS = ['meeting.booked', 'meeting.moved', 'meeting.cancelled'];
const BOOKED = { startsAt: '2021-01-19T02:00:00.000Z', endsAt: '2021-01-19T02:30:00.000Z' };
const MOVED = { startsAt: '2021-01-19T04:00:00.000Z', endsAt: '2021-01-19T04:30:00.000Z' };
/** Hours on each reader's clock (and on the Lào Cai venue's, GMT+7). */
const CLOCK: Record<string, { booked: string; moved: string }> = {
  'Asia/Ho_Chi_Minh': { booked: '09:00', moved: '11:00' },
  'Asia/Shanghai': { booked: '10:00', moved: '12:00' },
  'Europe/Berlin': { booked: '03:00', moved: '05:00' },
};
const VENUE_ZONE = 'Asia/Ho_Chi_Minh';
const PARTNER = { vn: 'Zhejiang Silk Road Textiles Co., Ltd.', cn: 'Bat Xat Agricultural Products Co., Ltd.' };

/** The whole journey against one app; `messages` reads what has arrived so far (SMTP server or mailbox). */
function meetingMailSuite(name: string, start: () => Promise<{ t: TestApp; messages: () => Promise<CapturedMail[]>; close: () => Promise<void> }>) {
  describe(name, () => {
    let t: TestApp;
    let world: World;
    let organizer: Account;
    let messages: () => Promise<CapturedMail[]>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ t, messages, close } = await start());
      world = new World(t);
      organizer = await world.organizer();
    });
    afterEach(() => t.clock.set(REFERENCE_EVE));
    afterAll(() => close());

    const settings = (who: Account, locale: Locale, timezone: string) => t.http.patch('/api/me').set(who.auth).send({ locale, timezone }).expect(200);
    async function reader(account: Account, locale: Locale, timezone: string): Promise<Reader> {
      await settings(account, locale, timezone);
      return { account, locale, timezone };
    }
    async function colleague(p: Participant, locale: Locale, timezone: string): Promise<Reader> {
      const account = await world.account('berlin');
      await t.db.query('INSERT INTO enterprise_members (enterprise_id, user_id) VALUES ($1, $2)', [p.enterpriseId, account.id]);
      return reader(account, locale, timezone);
    }

    /** Everyone's meeting e-mails about one meeting (by the invitation's UID), in arrival order. */
    async function meetingMails(readers: Reader[], meetingId: string): Promise<CapturedMail[]> {
      const emails = new Set(readers.map((r) => r.account.email.toLowerCase()));
      return (await messages()).filter((m) => emails.has(mailTo(m)) && KINDS.includes(mailKind(m)) && invitationOf(m)?.uid.startsWith(`${meetingId}@`));
    }
    async function arrived(eventId: string, readers: Reader[], meetingId: string, count: number): Promise<CapturedMail[]> {
      // Only this spec's event: other specs' unprocessed logs (their notifiers are off) are not its business.
      await t.app.get(Notifier).drain([eventId]);
      expect(await eventually(async () => (await meetingMails(readers, meetingId)).length >= count, 30_000, 200)).toBe(true);
      return meetingMails(readers, meetingId);
    }

    /** Books, moves and cancels one meeting through the API, waiting for each change's e-mails; returns every reader's three. */
    async function journey(setup: ConferenceSetup, connectionId: string, readers: Reader[]) {
      const booked = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt: BOOKED.startsAt }).expect(201);
      const meeting = booked.body as { id: string; table: number | null; link: string | null; mode: string };
      await arrived(setup.eventId, readers, meeting.id, readers.length);
      await t.http.patch(`/api/meetings/${meeting.id}`).set(organizer.auth).send({ startsAt: MOVED.startsAt }).expect(200);
      await arrived(setup.eventId, readers, meeting.id, readers.length * 2);
      await t.http.patch(`/api/meetings/${meeting.id}`).set(organizer.auth).send({ status: 'cancelled' }).expect(200);
      await arrived(setup.eventId, readers, meeting.id, readers.length * 3);
      // A few more polls of the worker: nothing arrives twice, late.
      await new Promise((r) => setTimeout(r, 2500));
      const all = await meetingMails(readers, meeting.id);
      expect(all).toHaveLength(readers.length * 3);
      expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);
      const byReader = new Map(readers.map((r) => [r, all.filter((m) => mailTo(m) === r.account.email.toLowerCase())]));
      return { meeting, byReader, all };
    }

    it('on site at Lào Cai: each member gets booked, moved, cancelled in their language and zone, one calendar event that ends cancelled', async () => {
      const setup = await world.openEvent(organizer);
      const pair = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
      const vi = await reader(pair.vn.account, 'vi', 'Asia/Ho_Chi_Minh');
      const zh = await reader(pair.cn.account, 'zh', 'Asia/Shanghai');
      const en = await colleague(pair.cn, 'en', 'Europe/Berlin');
      const readers = [vi, zh, en];

      const { meeting, byReader } = await journey(setup, pair.connectionId, readers);
      expect(meeting.mode).toBe('onsite');
      expect(meeting.table).toEqual(expect.any(Number));
      const uids = new Set<string>();
      for (const r of readers) {
        const mails = byReader.get(r)!;
        expect(mails.map(mailKind)).toEqual(KINDS);
        const words = WORDS[r.locale];
        const clock = CLOCK[r.timezone];
        const venueDiffers = r.timezone !== VENUE_ZONE;
        for (const [i, m] of mails.entries()) {
          const when = i === 0 ? 'booked' : 'moved';
          const text = m.parsed.text ?? '';
          expect(m.parsed.headers.get('content-language')).toBe(r.locale);
          expect(`${m.parsed.subject} ${text}`).toContain(words.meeting);
          expect(m.parsed.subject).toContain(r === vi ? PARTNER.vn : PARTNER.cn);
          expect(text).toContain(clock[when]);
          if (venueDiffers) expect(text).toContain(`${words.venueTime}: `);
          if (venueDiffers) expect(text.split(`${words.venueTime}: `)[1]).toContain(CLOCK[VENUE_ZONE][when]);
          else expect(text).not.toContain(words.venueTime);
          expect(text).toContain(`${t.config.publicUrl}/events/${setup.eventId}/meetings`);
          expect(m.parsed.html || '').toContain(`href="${t.config.publicUrl}/events/${setup.eventId}/meetings"`);
          expect(listUnsubscribeUrl(m)).toMatch(/\/api\/unsubscribe\?token=/);
        }
        expect(mails[0].parsed.subject).not.toBe(mails[1].parsed.subject);

        const invitations = mails.map((m) => invitationOf(m)!);
        expect(invitations.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
        expect(new Set(invitations.map((i) => i.uid)).size).toBe(1);
        uids.add(invitations[0].uid);
        expect(invitations[1].sequence).toBeGreaterThan(invitations[0].sequence);
        expect(invitations[2].sequence).toBeGreaterThan(invitations[1].sequence);
        expect(invitations[0]).toMatchObject({ start: BOOKED.startsAt, end: BOOKED.endsAt });
        expect(invitations[1]).toMatchObject({ start: MOVED.startsAt, end: MOVED.endsAt });
        expect(invitations[2]).toMatchObject({ start: MOVED.startsAt, end: MOVED.endsAt, status: 'CANCELLED' });
        for (const inv of invitations) {
          expect(inv.location).toBe(`Điểm cầu chính Lào Cai, ${words.table} ${meeting.table}`);
          expect(inv.summary).toContain(r === vi ? PARTNER.vn : PARTNER.cn);
          expect(inv.attendees).toEqual([`mailto:${r.account.email.toLowerCase()}`]);
        }

        // A calendar importing them in order, or the cancel first: one event, cancelled.
        for (const order of [invitations, [invitations[2], invitations[0], invitations[1]]]) {
          const calendar = new CalendarModel();
          for (const inv of order) calendar.import(inv);
          expect([...calendar.events.values()]).toEqual([expect.objectContaining({ status: 'cancelled', start: MOVED.startsAt })]);
        }
      }
      // One event for everyone: the invitation's UID is the meeting's, whoever reads it.
      expect(uids.size).toBe(1);
      expect([...uids][0]).toMatch(new RegExp(`^${meeting.id}@`));

      // A calendar that has the invitations and subscribes to the personal feed too still holds one event, cancelled.
      const feed = await t.http.post('/api/me/calendar-feed').set(vi.account.auth).expect(200);
      const ics = await t.http.get(new URL(feed.body.url as string).pathname).expect(200);
      const calendar = new CalendarModel();
      for (const m of byReader.get(vi)!) calendar.import(invitationOf(m)!);
      const fromFeed = calendarEvents(ics.text);
      for (const event of fromFeed) calendar.import(event);
      expect([...calendar.events.keys()]).toEqual([...uids]);
      expect([...calendar.events.values()].map((e) => e.status)).toEqual(['cancelled']);
      // The feed words the event as the invitations do: a calendar holding both never flips between two texts.
      const moved = invitationOf(byReader.get(vi)![1])!;
      expect(fromFeed).toHaveLength(1);
      expect(fromFeed[0]).toMatchObject({ uid: moved.uid, summary: moved.summary, location: moved.location, url: moved.url });
    }, 120_000);

    it('online (Lào Cai and Hangzhou): the invitation gives the call’s link as LOCATION and URL', async () => {
      const setup = await world.openEvent(organizer);
      const pair = await world.acceptedPair(organizer, setup);
      const readers = [await reader(pair.vn.account, 'vi', 'Asia/Ho_Chi_Minh'), await reader(pair.cn.account, 'zh', 'Asia/Shanghai')];
      const { meeting, byReader } = await journey(setup, pair.connectionId, readers);
      expect(meeting.mode).toBe('online');
      expect(meeting.link).toMatch(/^https?:\/\//);
      for (const r of readers) {
        const invitations = byReader.get(r)!.map((m) => invitationOf(m)!);
        expect(invitations.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
        for (const inv of invitations.slice(0, 2)) {
          expect(inv.location).toBe(`${WORDS[r.locale].online}: ${meeting.link}`);
          expect(inv.url).toBe(meeting.link);
        }
        expect(byReader.get(r)![0].parsed.text).toContain(meeting.link!);
        const calendar = new CalendarModel();
        for (const inv of invitations) calendar.import(inv);
        expect([...calendar.events.values()].map((e) => e.status)).toEqual(['cancelled']);
        // The personal feed gives the same place and link.
        const feed = await t.http.post('/api/me/calendar-feed').set(r.account.auth).expect(200);
        const [fromFeed] = calendarEvents((await t.http.get(new URL(feed.body.url as string).pathname).expect(200)).text);
        expect(fromFeed).toMatchObject({ uid: invitations[1].uid, summary: invitations[1].summary, location: invitations[1].location, url: meeting.link });
      }
    }, 120_000);
  });
}

const smtp = new CaptureSmtp();
meetingMailSuite('meeting e-mail over SMTP', async () => {
  await smtp.start();
  const t = await createTestApp({ SMTP_URL: smtp.url, MAIL_QUEUE: mailQueueName('meeting'), MAIL_POLL_SECONDS: '1' });
  return {
    t,
    messages: () => Promise.resolve(smtp.messages),
    close: async () => {
      await t.close();
      await smtp.stop();
    },
  };
});

meetingMailSuite('meeting e-mail into the built-in mailbox (no SMTP_URL), read through the admin mailbox API', async () => {
  const t = await createTestApp({ MAIL_QUEUE: mailQueueName('meeting-box'), MAIL_POLL_SECONDS: '1' });
  const admin = await new World(t).admin();
  const parsed = new Map<string, CapturedMail>();
  return {
    t,
    // The newest 100 of the shared mailbox, each message read (and parsed) once through GET /api/admin/mailbox/:id.
    messages: async () => {
      const list = await t.http.get('/api/admin/mailbox?limit=100').set(admin.auth).expect(200);
      const items = (list.body.items as { id: string }[]).slice().reverse();
      for (const item of items) {
        if (parsed.has(item.id)) continue;
        const one = await t.http.get(`/api/admin/mailbox/${item.id}`).set(admin.auth).expect(200);
        parsed.set(item.id, await parseRaw(one.body.raw as string));
      }
      return [...parsed.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, m]) => m);
    },
    close: () => t.close(),
  };
});
