import ICAL from 'ical.js';
import { createTestApp, TestApp } from '../factories/app';
import type { AppProcess } from '../factories/servers';
import { World } from '../factories/world';
import { CaptureSmtp, eventually } from '../factories/smtp';
import { enqueueMails, mailQueueName, outboundMail, startMailWorker } from '../factories/mail';
import { MailQueue, type MeetingInvitation } from '@tradebridge/mail';
import { notificationMailId } from '@tradebridge/notifications';

const invitation: MeetingInvitation = {
  uid: '6f1c2a9e-0000-4000-8000-00000000abcd@tradebridge.local',
  sequence: 2,
  method: 'REQUEST',
  startsAt: '2021-01-19T02:00:00.000Z',
  endsAt: '2021-01-19T02:30:00.000Z',
  timezone: 'Asia/Ho_Chi_Minh',
  summary: 'Gặp Zhejiang Silk',
  description: 'Bàn 3, điểm cầu Lào Cai',
  location: 'Lào Cai, bàn 3',
  url: null,
  organizer: { name: 'TradeBridge', email: 'no-reply@tradebridge.local' },
  attendees: [
    { name: 'An', email: 'an@example.test' },
    { name: 'Li', email: 'li@example.test' },
  ],
};

describe('e-mail over SMTP: the outbox, the worker, the message', () => {
  let t: TestApp;
  let world: World;
  const smtp = new CaptureSmtp();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_QUEUE: mailQueueName('smtp'), MAIL_POLL_SECONDS: '1' });
    world = new World(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends what a committed transaction queued, and nothing of a rolled-back one', async () => {
    const user = await world.account('an');
    const dropped = outboundMail(user, { subject: 'rolled back' });
    await enqueueMails(t, [dropped], true);
    // Two meetings (a scheduler run's e-mail lists each member's meetings): one invitation part each.
    const second: MeetingInvitation = {
      ...invitation,
      uid: '6f1c2a9e-0000-4000-8000-00000000abce@tradebridge.local',
      sequence: 0,
      startsAt: '2021-01-19T03:00:00.000Z',
      endsAt: '2021-01-19T03:30:00.000Z',
    };
    const mail = outboundMail(user, { kind: 'meeting.booked', subject: 'Đã đặt lịch gặp', invitations: [invitation, second] });
    await enqueueMails(t, [mail]);

    expect(await eventually(() => smtp.messages.some((m) => m.parsed.subject === mail.subject), 20_000)).toBe(true);
    const [sent] = smtp.messages.filter((m) => m.parsed.subject === mail.subject);
    expect(sent.messageId).toBe(`<${mail.id}@tradebridge.local>`);
    // The text as queued, then the link to the page that confirms unsubscribing (the same token as the one-click URL).
    const text = sent.parsed.text ?? '';
    expect(text.startsWith(mail.text.trimEnd())).toBe(true);
    const page = /Ngừng nhận loại e-mail này: (\S+)/.exec(text)?.[1];
    expect(page).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\?token=/);
    expect(sent.parsed.html).toContain(mail.html);
    expect(sent.parsed.headers.get('content-language')).toBe('vi');
    expect(sent.parsed.to && 'text' in sent.parsed.to ? sent.parsed.to.text : '').toBe(user.email);

    const listUnsubscribe = sent.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const oneClick = /<(https?:[^>]+)>/.exec(listUnsubscribe.replace(/\r?\n\s+/g, ' '))?.[1];
    expect(oneClick).toMatch(/^http:\/\/localhost:\d+\/api\/unsubscribe\?token=/);
    expect(new URL(page!).searchParams.get('token')).toBe(new URL(oneClick!).searchParams.get('token'));
    expect(sent.parsed.html).toContain(`href="${page!.replace(/&/g, '&amp;')}"`);
    expect(sent.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // The invitations: a text/calendar part each, with METHOD, UID, SEQUENCE, the instant, the place and the attendees.
    const parts = sent.parsed.attachments.filter((a) => a.contentType === 'text/calendar');
    const events = parts.map((part) => {
      const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
      return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    });
    expect(events.map((e) => [e.uid, e.sequence, e.startDate.toJSDate().toISOString()])).toEqual([
      [invitation.uid, 2, invitation.startsAt],
      [second.uid, 0, second.startsAt],
    ]);
    const [event] = events;
    expect(event.location).toBe(invitation.location);
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:an@example.test', 'mailto:li@example.test']);

    // Another poll or two: the rolled-back mail never comes.
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.messages.some((m) => m.parsed.subject === dropped.subject)).toBe(false);

    // RFC 8058 one-click: a POST to the List-Unsubscribe URL mutes the kind.
    const path = new URL(oneClick!).pathname + new URL(oneClick!).search;
    const res = await t.http.post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'meeting.booked', emailMuted: ['meeting.booked'] });
    const [{ email_muted }] = await t.db.query<{ email_muted: string[] }[]>('SELECT email_muted FROM users WHERE id = $1', [user.id]);
    expect(email_muted).toEqual(['meeting.booked']);
  });

  it('sends a CANCEL for a cancelled meeting, a password reset without List-Unsubscribe', async () => {
    const user = await world.account('li');
    const cancel = outboundMail(user, { kind: 'meeting.cancelled', subject: 'Cancelled', locale: 'en', invitations: [{ ...invitation, method: 'CANCEL', sequence: 3 }] });
    const reset = outboundMail(user, { kind: 'password-reset', subject: 'Reset', locale: 'zh', unsubscribe: false });
    await enqueueMails(t, [cancel, reset]);
    expect(await eventually(() => smtp.messages.filter((m) => [cancel.subject, reset.subject].includes(m.parsed.subject ?? '')).length === 2, 20_000)).toBe(true);
    const cancelled = smtp.messages.find((m) => m.parsed.subject === cancel.subject)!;
    const ics = cancelled.parsed.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
    expect(ics).toMatch(/METHOD:CANCEL/);
    expect(ics).toMatch(/SEQUENCE:3/);
    const resetMail = smtp.messages.find((m) => m.parsed.subject === reset.subject)!;
    expect(resetMail.parsed.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
    expect(resetMail.parsed.headers.get('content-language')).toBe('zh');
  });

  it('still sends a notification job queued one by one before bundles (an upgrade with mail in the queue)', async () => {
    const user = await world.account('legacy');
    const source = `legacy:${user.id}`;
    const [{ id }] = await t.db.query<{ id: number }[]>(
      `INSERT INTO notifications (user_id, kind, event_id, source, data, link) VALUES ($1, 'connection.requested', NULL, $2, $3, '/events') RETURNING id::int AS id`,
      [user.id, source, JSON.stringify({ partnerName: { en: 'Legacy Partner' }, eventName: { en: 'Upgrade' } })],
    );
    const messageId = notificationMailId({ userId: user.id, source });
    const queue = t.app.get(MailQueue);
    await queue.boss.insert([{ id: messageId, name: queue.name, data: { notificationId: id }, ...queue.jobOptions() }]);
    expect(await eventually(() => smtp.messages.some((m) => m.messageId === `<${messageId}@tradebridge.local>`), 20_000)).toBe(true);
    expect(smtp.messages.find((m) => m.messageId === `<${messageId}@tradebridge.local>`)!.parsed.subject).toContain('Legacy Partner');
  });

  it('deletes a user’s notifications with the user (a trigger, not a foreign key)', async () => {
    const user = await world.account('leaving');
    await t.db.query(`INSERT INTO notifications (user_id, kind, event_id, source, data, link) VALUES ($1, 'announcement', NULL, 'leaving', '{}', '/events')`, [user.id]);
    await t.db.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    expect(await t.db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  it('refuses a forged or malformed unsubscribe token (400 UNSUBSCRIBE_TOKEN_INVALID naming the field)', async () => {
    for (const token of ['nonsense', 'YWJj.ZGVm', '']) {
      const res = await t.http.post('/api/unsubscribe').send({ token });
      expect(res.status).toBe(400);
      expect(['UNSUBSCRIBE_TOKEN_INVALID', 'VALIDATION_FAILED']).toContain(res.body.code);
    }
    const missing = await t.http.post('/api/unsubscribe').send({});
    expect(missing.status).toBe(400);
    expect(missing.body.details.fields[0].field).toBe('token');
  });
});

describe('e-mail without SMTP_URL: the built-in mailbox', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp({ MAIL_QUEUE: mailQueueName('mailbox'), MAIL_POLL_SECONDS: '1' });
    world = new World(t);
  });
  afterAll(() => t.close());

  it('keeps the raw message in the mailbox, shown to admins only', async () => {
    const user = await world.account('hoa');
    const mail = outboundMail(user, { subject: `Hộp thư ${user.id}` });
    await enqueueMails(t, [mail]);
    const admin = await world.admin();
    // The whole database's mail is in the mailbox: this user's is found by its recipient, in any case.
    const mine = `/api/admin/mailbox?to=${encodeURIComponent(user.email.toUpperCase())}`;
    const found = await eventually(async () => {
      const res = await t.http.get(mine).set(admin.auth);
      return (res.body.items as { subject: string }[]).some((m) => m.subject === mail.subject);
    }, 20_000);
    expect(found).toBe(true);
    const list = await t.http.get(mine).set(admin.auth).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items).toHaveLength(1);
    const item = list.body.items[0] as { id: string; subject: string; to: string };
    expect(item).toMatchObject({ subject: mail.subject, to: user.email });
    // A filter is a plain substring: pattern characters match only themselves.
    expect((await t.http.get('/api/admin/mailbox?to=%25').set(admin.auth).expect(200)).body).toEqual({ items: [], total: 0 });
    const tooLong = await t.http.get(`/api/admin/mailbox?to=${'a'.repeat(321)}`).set(admin.auth);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    expect(tooLong.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['to']);
    const one = await t.http.get(`/api/admin/mailbox/${item.id}`).set(admin.auth).expect(200);
    expect(one.body).toMatchObject({ to: user.email, kind: 'connection.requested', messageId: `<${mail.id}@tradebridge.local>` });
    // Text and HTML as sent: the queued ones with the unsubscribe link at their foot.
    expect(one.body.text).toMatch(new RegExp(`^${mail.text.trimEnd()}\\nNgừng nhận loại e-mail này: http\\S+/unsubscribe\\?token=\\S+\\n$`));
    expect(one.body.html.startsWith(mail.html)).toBe(true);
    expect(one.body.html).toContain('/unsubscribe?token=');
    expect(one.body.raw).toContain(`Message-ID: <${mail.id}@tradebridge.local>`);
    expect(one.body.raw).toMatch(/List-Unsubscribe:\s+<http/);

    expect((await t.http.get('/api/admin/mailbox').set(user.auth)).status).toBe(403);
    expect((await t.http.get(`/api/admin/mailbox/${item.id}`).set(user.auth)).status).toBe(403);
    expect((await t.http.get('/api/admin/mailbox')).status).toBe(401);
    const missing = await t.http.get('/api/admin/mailbox/999999999').set(admin.auth);
    expect(missing.status).toBe(404);
    expect((await t.http.get('/api/admin/mailbox/abc').set(admin.auth)).status).toBe(400);
  });
});

describe('e-mail: an idle worker is woken by the enqueue, from another process', () => {
  const smtp = new CaptureSmtp();
  let t: TestApp;
  let worker: AppProcess | undefined;
  const queue = mailQueueName('wake');

  beforeAll(async () => {
    await smtp.start();
    // This process only queues; the worker is another API process that polls once an hour.
    t = await createTestApp({ MAIL_QUEUE: queue, MAIL_WORKER: 'off' });
    worker = await startMailWorker(t, smtp.url, queue, { MAIL_POLL_SECONDS: '3600' });
  });
  afterAll(async () => {
    await worker?.stop(5_000);
    await t.close();
    await smtp.stop();
  });

  it('sends what was queued without waiting for its next poll (the commit’s NOTIFY wakes it)', async () => {
    const user = await new World(t).account('wake');
    // Past the worker's first fetch, which found nothing: from now on only a wake-up brings it back before the hour.
    await new Promise((r) => setTimeout(r, 1_500));
    const mails = [outboundMail(user, { subject: 'Woken 1' }), outboundMail(user, { subject: 'Woken 2' })];
    await enqueueMails(t, mails);
    const arrived = await eventually(() => mails.every((m) => smtp.messages.some((s) => s.parsed.subject === m.subject)), 30_000);
    if (!arrived) console.log(worker!.output().slice(-2000));
    expect(arrived).toBe(true);
  });
});
