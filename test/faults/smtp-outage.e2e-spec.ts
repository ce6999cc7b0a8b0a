import { createTestApp, TestApp } from '../factories/app';
import { World } from '../factories/world';
import { CaptureSmtp, eventually } from '../factories/smtp';
import { enqueueMails, mailQueueName, outboundMail } from '../factories/mail';

/**
 * Issue 13: an SMTP server down for a while delays e-mail and loses none.
 * 200 mails are queued, the server stops for 30 s after the first few arrive,
 * then comes back on the same port: every mail arrives, none twice (by
 * Message-ID). Retries are 2 s apart without backoff here, so the wait after
 * the return is bounded.
 */
describe('fault: the SMTP server is down for 30 s while mail is queued', () => {
  let t: TestApp;
  const smtp = new CaptureSmtp();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_QUEUE: mailQueueName('outage'),
      MAIL_POLL_SECONDS: '1',
      MAIL_RETRY_BACKOFF: 'off',
      MAIL_RETRY_DELAY_SECONDS: '2',
      MAIL_RETRY_LIMIT: '100',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers every mail exactly once after the server returns', async () => {
    const world = new World(t);
    const user = await world.account('outage');
    const mails = Array.from({ length: 200 }, (_, i) => outboundMail(user, { subject: `Outage ${i}`, locale: 'en' }));
    smtp.delayMs = 20; // so the outage lands mid-queue
    await enqueueMails(t, mails);
    expect(await eventually(() => smtp.messages.length >= 5, 20_000, 10)).toBe(true);
    await smtp.stop();
    const before = smtp.messages.length;
    expect(before).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 30_000));
    smtp.delayMs = 0;
    await smtp.start(smtp.port);

    expect(await eventually(() => new Set(smtp.messages.map((m) => m.messageId)).size >= 200, 60_000)).toBe(true);
    // A little longer: nothing more arrives (no duplicate sent late).
    await new Promise((r) => setTimeout(r, 3000));
    const counts = smtp.byMessageId();
    expect(counts.size).toBe(200);
    for (const mail of mails) expect(counts.get(`<${mail.id}@tradebridge.local>`)).toBe(1);
  }, 150_000);
});
