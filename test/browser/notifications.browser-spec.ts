import { Browser } from 'playwright-core';
import { World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * The bell: its unread count rises live when the partner answers (through the
 * REST API, in another session), and the notification opens the page it is
 * about. The settings page, saved in Chinese, switches the UI to Chinese.
 */
describe('browser: notifications and settings', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    // The notifier runs as in production: woken by the log, not drained by the spec.
    [web, browser] = await Promise.all([startWebApp({ NOTIFIER: 'on' }), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('counts up live when the partner accepts, and the notification opens the connections page', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const requested = await web.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(cn.account.auth)
      .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id })
      .expect(201);

    const tracked = await TrackedPage.open(browser, web.url, 'requester');
    const { page } = tracked;
    await tracked.login(cn.account.email, 'correct horse battery staple');
    const count = page.getByTestId('bell-count');
    // The approval of its registration is there already.
    await eventually(async () => (await count.count()) === 1 && (await count.textContent()) === '1');

    await web.http.post(`/api/connections/${requested.body.id}/accept`).set(vn.account.auth).expect(200);
    await eventually(async () => (await count.textContent()) === '2');

    await page.getByRole('button', { name: /Notifications/ }).click();
    const item = page.locator('.bell-item a[data-kind="connection.accepted"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('accepted your connection');
    await tracked.screenshot('notifications-bell.png');
    await item.click();
    await page.waitForURL((u) => u.pathname === `/events/${setup.eventId}/connections`);
    await eventually(async () => (await count.textContent()) === '1');
    await tracked.close();
  });

  it('a scheduler run shows one notification per member in Vietnamese, listing the meetings, and opens the meetings page', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const vn = await world.approved(organizer, setup, 'VN');
    await web.http.patch('/api/me').set(vn.account.auth).send({ locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' }).expect(200);
    const partners = [];
    for (let i = 0; i < 3; i++) {
      const cn = await world.approved(organizer, setup, 'CN', { name: { zh: `杭州茶业第${i + 1}公司`, en: `Hangzhou Tea No. ${i + 1}` } });
      const c = await web.http
        .post(`/api/events/${setup.eventId}/connections`)
        .set(cn.account.auth)
        .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id })
        .expect(201);
      await web.http.post(`/api/connections/${c.body.id}/accept`).set(vn.account.auth).expect(200);
      partners.push(cn);
    }
    const run = await web.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200);
    expect(run.body.scheduled).toBe(3);

    const tracked = await TrackedPage.open(browser, web.url, 'digest');
    const { page } = tracked;
    await tracked.login(vn.account.email, 'correct horse battery staple');
    await page.getByRole('button', { name: /Thông báo/ }).waitFor();
    const item = page.locator('.bell-item a[data-kind="meeting.booked"]');
    await eventually(async () => {
      if (!(await page.locator('.bell-panel').count())) await page.getByRole('button', { name: /Thông báo/ }).click();
      return (await item.count()) === 1;
    });
    expect(await item.locator('.bell-title').textContent()).toBe('Đã xếp 3 lịch gặp cho bạn');
    // The body names every partner; the bell shows its first three lines and no more.
    const body = item.locator('.bell-body');
    const text = (await body.textContent()) ?? '';
    for (let i = 1; i <= partners.length; i++) expect(text).toMatch(new RegExp(`Hangzhou Tea No\\. ${i}|杭州茶业第${i}公司`));
    // Clamped: the text runs on past what shows (three 13 px lines, under 70 px).
    const box = await body.evaluate((el) => ({ shown: el.clientHeight, full: el.scrollHeight }));
    expect(box.full).toBeGreaterThan(box.shown);
    expect(box.shown).toBeLessThan(70);
    await tracked.screenshot('notifications-digest-vi.png', { fullPage: false });
    await item.click();
    await page.waitForURL((u) => u.pathname === `/events/${setup.eventId}/meetings`);
    await page.locator('li.meeting').nth(2).waitFor();
    expect(await page.locator('li.meeting').count()).toBe(3);
    expect(tracked.errors).toEqual([]);
    await tracked.close();
  });

  it('saves language, zone and e-mail choices in Chinese, and the UI follows', async () => {
    const member = await world.member('CN');
    const tracked = await TrackedPage.open(browser, web.url, 'settings');
    const { page } = tracked;
    await tracked.login(member.account.email, 'correct horse battery staple');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByLabel('Time zone').fill('Asia/Shanghai');
    await page.getByLabel('Meeting reminder').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('设置已保存。').waitFor();
    await page.getByRole('heading', { name: '设置' }).waitFor();
    expect(await page.getByLabel('洽谈提醒').isChecked()).toBe(false);
    await tracked.screenshot('settings-zh.png');
    const me = (await web.http.get('/api/me').set(member.account.auth).expect(200)).body;
    expect(me).toMatchObject({ locale: 'zh', timezone: 'Asia/Shanghai', emailMuted: ['meeting.reminder'] });

    // A bad zone is refused, naming the field, in Chinese.
    await page.getByLabel('时区').fill('Mars/Olympus');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('时区不存在（例如 Asia/Shanghai）。').first().waitFor();
    await tracked.close();
  });
});
