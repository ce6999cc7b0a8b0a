import { Database } from '@tradebridge/core';
import { NewNotification, notificationMailId, NotificationWriter } from '@tradebridge/notifications';
import { createTestApp, TestApp } from '../factories/app';
import { World } from '../factories/world';
import type { AppProcess } from '../factories/servers';
import { CaptureSmtp, eventually } from '../factories/smtp';
import { enqueueMails, mailQueueName, outboundMail, startMailWorker } from '../factories/mail';

/**
 * Issue 13: `kill -9` the worker in the middle of a batch: nothing is lost, and
 * only the messages in flight may repeat, with the same Message-ID. The API
 * runs as a real child process (from dist/: build first) against a slow SMTP
 * server; the jobs it held come back after MAIL_EXPIRE_SECONDS and a second
 * process sends them. Whole messages are a job each; notification e-mails go
 * in bundles, whose messages sent are remembered (`mail_sent`), so the second
 * process sends only the rest of each bundle.
 */
describe('fault: the mail worker is killed mid-batch', () => {
  const CONCURRENCY = 5;
  let t: TestApp;
  const smtp = new CaptureSmtp();
  const children: AppProcess[] = [];
  const queue = mailQueueName('kill');

  beforeAll(async () => {
    await smtp.start();
    // This in-process app only queues (its worker is off); the job options (expiry, retries) are the queuer's.
    t = await createTestApp({ MAIL_QUEUE: queue, MAIL_WORKER: 'off', MAIL_EXPIRE_SECONDS: '10', MAIL_RETRY_BACKOFF: 'off', MAIL_RETRY_DELAY_SECONDS: '1' });
  });
  afterAll(async () => {
    for (const child of children) await child.stop(2_000);
    await t.close();
    await smtp.stop();
  });

  const worker = () =>
    startMailWorker(t, smtp.url, queue, {
      MAIL_POLL_SECONDS: '1',
      MAIL_CONCURRENCY: String(CONCURRENCY),
      MAIL_BATCH_SIZE: '20',
      MAIL_EXPIRE_SECONDS: '10',
      MAIL_RETRY_BACKOFF: 'off',
      MAIL_RETRY_DELAY_SECONDS: '1',
    }).then((child) => (children.push(child), child));

  it('loses nothing; repeats are at most the messages in flight, each with its Message-ID', async () => {
    const user = await new World(t).account('kill');
    const mails = Array.from({ length: 60 }, (_, i) => outboundMail(user, { subject: `Kill ${i}`, locale: 'zh' }));
    smtp.delayMs = 150;
    await enqueueMails(t, mails);

    const first = await worker();
    expect(await eventually(() => smtp.messages.length >= 8, 60_000, 10)).toBe(true);
    first.kill('SIGKILL');
    await first.exited;
    const atKill = smtp.messages.length;
    expect(atKill).toBeLessThan(60);

    smtp.delayMs = 0;
    await worker();
    const all = await eventually(() => smtp.byMessageId().size >= 60, 90_000);
    if (!all)
      console.log(
        smtp.byMessageId().size,
        await t.db.query(`SELECT state, count(*)::int, max(retry_count) AS rc, min(started_on) AS s, min(expire_in)::text AS e FROM pgboss.job WHERE name = $1 GROUP BY state`, [queue]),
        await t.db.query(`SELECT * FROM pgboss.version`),
        children[1].output().slice(-2000),
      );
    expect(all).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));

    const counts = smtp.byMessageId();
    for (const mail of mails) expect(counts.get(`<${mail.id}@tradebridge.local>`)).toBeGreaterThanOrEqual(1);
    expect(counts.size).toBe(60);
    const repeats = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
  }, 180_000);

  it('a bundle of notification e-mails: the retry sends only what was not sent, repeats at most those in flight', async () => {
    // The first case's workers stop: the bundles must be taken by the one killed.
    for (const child of children.splice(0)) await child.stop(2_000);
    const user = await new World(t).account('bundle');
    const items: NewNotification[] = Array.from({ length: 60 }, (_, i) => ({
      userId: user.id,
      kind: 'connection.requested',
      eventId: null,
      source: `kill-bundle:${user.id}:${i}`,
      data: { partnerName: { en: `Partner ${i}` }, eventName: { en: 'Kill test' } },
      link: '/events',
    }));
    await t.app.get(Database).transaction((tx) => t.app.get(NotificationWriter).write(tx, items));
    const jobs = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data ? 'notificationIds'`, [queue]);
    expect(jobs[0].n).toBe(Math.ceil(60 / t.config.mail.bundleSize));
    const ids = new Set(items.map((n) => `<${notificationMailId(n)}@tradebridge.local>`));
    const mine = () => new Map([...smtp.byMessageId()].filter(([id]) => ids.has(id)));
    smtp.delayMs = 150;

    const first = await worker();
    expect(await eventually(() => mine().size >= 8, 60_000, 10)).toBe(true);
    first.kill('SIGKILL');
    await first.exited;
    const atKill = mine().size;
    expect(atKill).toBeLessThan(60);
    // The killed worker recorded what it sent: a bundle it held is part-sent, not started over.
    // Only these bundles' marks: the first case's bundles of whole messages may still hold theirs (one left active until it expires).
    const [{ marked }] = await t.db.query<{ marked: number }[]>(
      `SELECT count(*)::int AS marked FROM mail_sent s JOIN pgboss.job j ON j.id = s.job_id WHERE j.name = $1 AND j.data ? 'notificationIds'`,
      [queue],
    );
    expect(marked).toBeGreaterThan(0);
    expect(marked).toBeLessThanOrEqual(atKill);

    smtp.delayMs = 0;
    await worker();
    expect(await eventually(() => mine().size >= 60, 90_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    const counts = mine();
    expect(counts.size).toBe(60);
    const repeats = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
    // Every bundle completed, and its marks of messages sent forgotten (these bundles' marks: the first
    // case's worker, killed while completing a bundle of whole messages, may have left that one's marks behind).
    const settled = async () => {
      const [{ open, marks }] = await t.db.query<{ open: number; marks: number }[]>(
        `SELECT (SELECT count(*)::int FROM pgboss.job WHERE name = $1 AND data ? 'notificationIds' AND state <> 'completed') AS open,
                (SELECT count(*)::int FROM mail_sent s JOIN pgboss.job j ON j.id = s.job_id WHERE j.name = $1 AND j.data ? 'notificationIds') AS marks`,
        [queue],
      );
      return open === 0 && marks === 0;
    };
    // A bundle whose every message went out just before the kill, its completion not yet committed, stays
    // active until it expires (MAIL_EXPIRE_SECONDS 10) and the next maintenance pass hands it back: then
    // its retry finds all of it marked and completes it, sending nothing.
    expect(await eventually(settled, 90_000)).toBe(true);
  }, 300_000);
});
