import { Notifier } from '@tradebridge/notifications';
import { createTestApp, TestApp } from '../factories/app';
import { invitationsOf } from '../factories/ical';
import { mailQueueName } from '../factories/mail';
import { CaptureSmtp, eventually, mailKind, mailTo } from '../factories/smtp';
import { World } from '../factories/world';

const SIDE = 6; // 6 VN × 6 CN enterprises, every pair connected: 36 meetings
const OUTAGE_MS = 30_000;

/**
 * Issue 13's fault test: "Stop the SMTP server for 30 s during a scheduler
 * run: every e-mail arrives after it returns, none twice." A run books 36
 * meetings; the server stops once the first e-mails arrive and comes back on
 * the same port 30 s later. Every member of both parties' enterprises gets one
 * e-mail about the run, carrying an invitation for each of their meetings: every
 * invitation the database says is due arrives, in exactly one e-mail, and no
 * Message-ID twice. The e-mails go in bundles of 4 (MAIL_BUNDLE), so the
 * outage cuts bundles part-sent: their retries send only the rest.
 * Retries are 2 s apart (no backoff) so the wait after the return is short.
 */
describe('fault: the SMTP server is down for 30 s during a scheduler run', () => {
  let t: TestApp;
  const smtp = new CaptureSmtp();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_QUEUE: mailQueueName('scheduler-outage'),
      MAIL_POLL_SECONDS: '1',
      MAIL_RETRY_BACKOFF: 'off',
      MAIL_RETRY_DELAY_SECONDS: '2',
      MAIL_RETRY_LIMIT: '100',
      MAIL_BUNDLE: '4',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers every invitation of the run exactly once after the server returns', async () => {
    const world = new World(t);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const vn = [];
    const cn = [];
    for (let i = 0; i < SIDE; i++) {
      const v = await world.approved(organizer, setup, 'VN');
      // Two members on the VN side: each is told.
      const colleague = await world.account('colleague');
      await t.db.query('INSERT INTO enterprise_members (enterprise_id, user_id) VALUES ($1, $2)', [v.enterpriseId, colleague.id]);
      vn.push(v);
      cn.push(await world.approved(organizer, setup, 'CN'));
    }
    for (const c of cn) {
      for (const v of vn) {
        const requested = await t.http
          .post(`/api/events/${setup.eventId}/connections`)
          .set(c.account.auth)
          .send({ fromRegistrationId: c.registration.id, toRegistrationId: v.registration.id })
          .expect(201);
        await t.http.post(`/api/connections/${requested.body.id}/accept`).set(v.account.auth).expect(200);
      }
    }
    // The setup's own e-mails (approvals, requests) out of the way first.
    await t.app.get(Notifier).drain([setup.eventId]);

    smtp.delayMs = 250; // so the outage lands mid-run
    const run = await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200);
    expect(run.body.scheduled).toBe(SIDE * SIDE);
    const booked = () => smtp.messages.filter((m) => mailKind(m) === 'meeting.booked');
    await t.app.get(Notifier).drain([setup.eventId]);
    expect(await eventually(() => booked().length >= 2, 30_000, 10)).toBe(true);
    await smtp.stop();

    // Due, from the database: every meeting of the run × every member of both parties' enterprises.
    const due = await t.db.query<{ email: string; meetingId: string }[]>(
      `SELECT lower(u.email) AS email, m.id AS "meetingId"
         FROM meetings m JOIN connections c ON c.id = m.connection_id
         JOIN registrations r ON r.id IN (c.from_registration_id, c.to_registration_id)
         JOIN enterprise_members em ON em.enterprise_id = r.enterprise_id JOIN users u ON u.id = em.user_id
        WHERE m.event_id = $1`,
      [setup.eventId],
    );
    expect(due).toHaveLength(SIDE * SIDE * 3);
    const recipients = new Set(due.map((d) => d.email));
    expect(recipients.size).toBe(SIDE * 3);
    const before = booked().length;
    expect(before).toBeLessThan(recipients.size);

    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    smtp.delayMs = 0;
    await smtp.start(smtp.port);
    const returned = Date.now();

    const key = (email: string, meetingId: string) => `${email}|${meetingId}`;
    const invitations = () => booked().flatMap((m) => invitationsOf(m).map((i) => key(mailTo(m), i.uid.split('@')[0])));
    const all = await eventually(() => new Set(invitations()).size >= due.length, 120_000, 250);
    console.log(`scheduler SMTP outage: ${before} of ${recipients.size} e-mails before the outage, the rest ${Date.now() - returned} ms after the server returned`);
    expect(all).toBe(true);
    // A little longer: nothing more arrives (no duplicate sent late).
    await new Promise((r) => setTimeout(r, 3000));
    expect(booked()).toHaveLength(recipients.size);
    expect(new Set(booked().map(mailTo))).toEqual(recipients);
    expect(invitations().sort()).toEqual(due.map((d) => key(d.email, d.meetingId)).sort());
    const counts = smtp.byMessageId();
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  }, 300_000);
});
