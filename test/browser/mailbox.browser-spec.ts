import { Browser } from 'playwright-core';
import { enqueueMails, mailQueueName, outboundMail, queueStates } from '../factories/mail';
import { Account, World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new horse battery';

/**
 * Forgot password without an SMTP server: the reset e-mail lands in the
 * built-in mailbox, an admin finds it at /admin/mailbox by its recipient and
 * reads it (text, sandboxed HTML, raw source), and its link sets a new password
 * that logs in. The mailbox is the whole test database's: other specs' mail is
 * in it too, as other users' is in production, hence the recipient filter.
 */
describe('browser: password reset through the built-in mailbox', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let admin: Account;
  const pages: TrackedPage[] = [];
  const queue = mailQueueName('mailbox-ui');
  /** Waits for the worker to have delivered; a failure says where the queue's jobs are. */
  const delivered = (check: () => Promise<boolean>) =>
    eventually(check, 30_000).catch(async (error: Error) => {
      const newest = await web.db.query<unknown[]>(`SELECT id, to_address, kind, created_at FROM mailbox ORDER BY id DESC LIMIT 5`);
      throw new Error(`${error.message}\n${await queueStates(web.db, queue)}\nnewest in the mailbox: ${JSON.stringify(newest)}`);
    });

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp({ MAIL_QUEUE: queue, MAIL_POLL_SECONDS: '1' }), launchBrowser()]);
    world = new World(web);
    admin = await world.admin();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  it('the admin reads the reset e-mail in the mailbox; its link sets a new password that logs in', async () => {
    const user = await world.account('forgetful');

    // The user asks for a link on the forgot-password page, signed out.
    const visitor = await TrackedPage.open(browser, web.url, 'visitor');
    pages.push(visitor);
    await visitor.page.goto('/login');
    await visitor.page.getByRole('link', { name: 'Forgot password?' }).click();
    await visitor.page.waitForURL((u) => u.pathname === '/forgot-password');
    await visitor.page.getByLabel('E-mail').fill(user.email);
    await visitor.page.getByRole('button', { name: 'Send the link' }).click();
    await visitor.page.getByText('If an account has this e-mail, a link is on its way.', { exact: false }).waitFor();

    // The admin opens the mailbox from the header and waits for the message.
    const office = await TrackedPage.open(browser, web.url, 'admin');
    pages.push(office);
    const { page } = office;
    await office.login(admin.email, PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/mailbox');
    await page.getByRole('heading', { name: 'Built-in mailbox' }).waitFor();
    // Other mail is in the mailbox too: the admin looks for this user's.
    await page.getByLabel('To (contains)').fill(user.email.toUpperCase());
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page.getByRole('row').filter({ hasText: user.email });
    await delivered(async () => {
      if ((await row.count()) > 0) return true;
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByRole('status').filter({ hasText: ' of ' }).or(page.getByText('No e-mail to an address containing')).first().waitFor();
      return (await row.count()) > 0;
    });
    await row.getByRole('cell', { name: 'Password reset' }).waitFor();
    await row.getByRole('link', { name: 'Reset your TradeBridge password' }).click();
    await page.waitForURL((u) => /^\/admin\/mailbox\/\d+$/.test(u.pathname));

    const text = await page.getByTestId('mail-text').innerText();
    const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
    expect(link).toBeDefined();
    expect(new URL(link!).origin).toBe(web.url);
    // The HTML is shown in a frame that may run nothing: empty sandbox, the message as srcdoc.
    const frame = page.locator('iframe.mail-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain(link!.replace(/&/g, '&amp;'));
    expect(await page.frameLocator('iframe.mail-html').getByRole('link').first().getAttribute('href')).toBe(link);
    await page.getByText('Raw source').click();
    const raw = await page.getByTestId('mail-raw').innerText();
    expect(raw).toContain(`To: ${user.email}`);
    expect(raw).toMatch(/^X-TradeBridge-Kind: password-reset$/im); // nodemailer writes it X-Tradebridge-Kind

    // The mailbox in Vietnamese: looked at in the screenshot.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Nội dung văn bản' }).waitFor();
    await office.screenshot('mailbox-message-vi.png');
    await page.getByRole('link', { name: 'Tất cả e-mail' }).click();
    await page.getByRole('heading', { name: 'Hộp thư tích hợp' }).waitFor();
    await page.getByRole('columnheader', { name: 'Người nhận' }).waitFor();
    await page.getByLabel('Người nhận (chứa)').fill(user.email);
    await page.getByRole('button', { name: 'Hiển thị' }).click();
    await page.getByRole('row').filter({ hasText: user.email }).getByRole('cell', { name: 'Đặt lại mật khẩu' }).waitFor();
    await office.screenshot('mailbox-vi.png');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '内置邮件箱' }).waitFor();
    await page.getByRole('button', { name: '显示' }).waitFor();
    await office.screenshot('mailbox-zh.png');
    await page.getByRole('button', { name: 'English' }).click();

    // The user follows the link, sets a new password and logs in with it; the old one no longer works.
    await visitor.page.goto(link!);
    await visitor.page.getByLabel('New password').fill(NEW_PASSWORD);
    await visitor.page.getByRole('button', { name: 'Save the new password' }).click();
    await visitor.page.getByText('Your password is changed. Log in with it.').waitFor();
    // The link works once: used again, the page says so and the form stays for another try.
    await visitor.page.goto(link!);
    await visitor.page.getByLabel('New password').fill('yet another horse battery');
    await visitor.page.getByRole('button', { name: 'Save the new password' }).click();
    await visitor.page.getByText('This reset link is no longer valid: it was used, has expired or never existed. Ask for a new one.').waitFor();
    expect(await visitor.page.getByRole('button', { name: 'Save the new password' }).isEnabled()).toBe(true);
    await visitor.expectFailedRequest(400);
    await visitor.login(user.email, NEW_PASSWORD);
    await visitor.page.getByRole('navigation', { name: 'Main' }).waitFor();
    // A member sees no mailbox link, and the API refuses it the mailbox.
    expect(await visitor.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).count()).toBe(0);
    expect((await web.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(401);

    expect(office.errors).toEqual([]);
    expect(visitor.errors).toEqual([]);
  });

  it('pages through the mailbox 25 messages at a time', async () => {
    const reader = await world.account('reader');
    await enqueueMails(
      web,
      Array.from({ length: 30 }, (_, i) => outboundMail(reader, { subject: `Bulk message ${i + 1}`, locale: 'en' })),
    );
    const total = 30;
    await delivered(async () => (await web.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM mailbox WHERE to_address = $1', [reader.email]))[0].n >= total);

    const office = await TrackedPage.open(browser, web.url, 'admin-pages');
    pages.push(office);
    const { page } = office;
    await office.login(admin.email, PASSWORD);
    await page.goto('/admin/mailbox');
    await page.getByLabel('To (contains)').fill(reader.email);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(`1–25 of ${total}`, { exact: true }).waitFor();
    expect(await page.getByRole('row').count()).toBe(26); // the header and 25
    await page.getByRole('row').filter({ hasText: 'Bulk message' }).first().getByRole('cell', { name: 'A connection request to you' }).waitFor();
    expect(await page.getByRole('button', { name: 'Newer' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByText(`26–${total} of ${total}`, { exact: true }).waitFor();
    expect(await page.getByRole('row').count()).toBe(total - 25 + 1);
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Newer' }).click();
    await page.getByText(`1–25 of ${total}`, { exact: true }).waitFor();
    // An address nobody was written to: said so, with the filter still there to change.
    await page.getByLabel('To (contains)').fill('nobody-at-all@nowhere.example');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No e-mail to an address containing “nobody-at-all@nowhere.example”').waitFor();
    expect(office.errors).toEqual([]);
  });

  it('the link at the foot of a notification e-mail unsubscribes its reader from that kind, after a confirmation', async () => {
    const reader = await world.account('leaver');
    await enqueueMails(web, [outboundMail(reader, { subject: 'A request for you', locale: 'en' })]);
    await delivered(async () => (await web.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM mailbox WHERE to_address = $1', [reader.email]))[0].n >= 1);
    const [{ text }] = await web.db.query<{ text: string }[]>('SELECT text_body AS text FROM mailbox WHERE to_address = $1', [reader.email]);
    const link = /Unsubscribe from this kind of e-mail: (\S+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    expect(new URL(link!).origin).toBe(web.url);

    // Opening the link changes nothing (a mail filter may fetch it); the button does. A browser in Vietnamese.
    const visitor = await TrackedPage.open(browser, web.url, 'leaver', { locale: 'vi-VN' });
    pages.push(visitor);
    await visitor.page.goto(link!);
    await visitor.page.getByRole('heading', { name: 'Hủy nhận e-mail' }).waitFor();
    const muted = async () => (await web.db.query<{ m: string[] }[]>('SELECT email_muted AS m FROM users WHERE id = $1', [reader.id]))[0].m;
    expect(await muted()).toEqual([]);
    await visitor.page.getByRole('button', { name: 'Hủy nhận', exact: true }).click();
    await visitor.page.getByText('Xong: bạn sẽ không nhận e-mail cho “Yêu cầu kết nối gửi tới bạn” nữa.').waitFor();
    await visitor.page.getByRole('link', { name: 'Cài đặt' }).waitFor();
    await visitor.screenshot('unsubscribed.png');
    expect(await muted()).toEqual(['connection.requested']);
    expect(visitor.errors).toEqual([]);
  });
});
