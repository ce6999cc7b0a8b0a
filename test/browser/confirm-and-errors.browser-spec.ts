import { Browser } from 'playwright-core';
import { uniqueEmail, World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * An irreversible action asks first, naming its consequence (closing the event
 * here; the journeys confirm going live, the scheduler, rooms and declining),
 * and every error reaches a Vietnamese or Chinese user in their language: the
 * field's rule beside the field, the code's text in the banner.
 */
describe('browser: confirmations and localized errors', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('asks before closing the event: Cancel and Escape leave it live, Confirm closes it', async () => {
    const organizer = await world.organizer();
    const { eventId } = await world.openEvent(organizer);
    await web.http.patch(`/api/events/${eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    const tracked = await TrackedPage.open(browser, web.url, 'organizer');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(organizer.email, 'correct horse battery staple');
    await page.goto(`/org/events/${eventId}/setup`);
    const statusOf = async () => (await web.http.get(`/api/events/${eventId}`).set(organizer.auth)).body.status as string;

    const closeButton = page.getByRole('region', { name: 'Event status' }).getByRole('button', { name: 'Close the event' });
    await closeButton.click();
    const dialog = page.getByRole('dialog', { name: 'Close the event?' });
    await dialog.getByText('Rooms close; no more connections, meetings or registrations can be made.', { exact: false }).waitFor();
    await dialog.getByText('This cannot be undone.', { exact: false }).waitFor();
    // Cancel has the focus: Enter alone never closes the event.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    await tracked.screenshot('confirm-close-event.png', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await statusOf()).toBe('live');

    await closeButton.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await statusOf()).toBe('live');

    // In Vietnamese, the same question; confirming closes the event.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('region', { name: 'Trạng thái sự kiện' }).getByRole('button', { name: 'Kết thúc sự kiện' }).click();
    const vietnamese = page.getByRole('dialog', { name: 'Kết thúc sự kiện?' });
    await vietnamese.getByText('Không thể hoàn tác.', { exact: false }).waitFor();
    await tracked.screenshot('confirm-close-event-vi.png', { fullPage: false });
    await vietnamese.getByRole('button', { name: 'Kết thúc sự kiện' }).click();
    await page.getByText('Sự kiện đã kết thúc. Báo cáo đã sẵn sàng.').waitFor();
    expect(await statusOf()).toBe('closed');
    expect(tracked.errors).toEqual([]);
  });

  it('asks before declining a connection request: Cancel keeps it waiting, Confirm declines it', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const [seller, buyer] = await Promise.all([world.approved(organizer, setup, 'VN'), world.approved(organizer, setup, 'CN')]);
    await web.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    const asked = await web.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: seller.registration.id });
    expect(asked.status).toBe(201);
    const tracked = await TrackedPage.open(browser, web.url, 'seller');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(seller.account.email, 'correct horse battery staple');
    await page.goto(`/events/${setup.eventId}/connections`);
    const statusOf = async () => (await web.http.get(`/api/connections/${asked.body.id}`).set(seller.account.auth)).body.status as string;

    const decline = page.getByRole('button', { name: /^Decline the request from / });
    await decline.click();
    const dialog = page.getByRole('dialog', { name: /^Decline the request from .+\?$/ });
    await dialog.getByText('neither of you can ask again at this event', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await statusOf()).toBe('requested');

    await decline.click();
    await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
    await eventually(async () => (await statusOf()) === 'declined');
    expect(tracked.errors).toEqual([]);
  });

  it.each([
    { locale: 'vi-VN', tooLong: 'Tối đa 120 ký tự', fix: 'Một số trường cần được sửa.', taken: 'Đã có tài khoản dùng e-mail này.' },
    { locale: 'zh-CN', tooLong: '最多 120 个字符', fix: '部分字段需要修改。', taken: '该邮箱已注册。' },
  ])('shows a validation error and a domain error in $locale, not the server’s English', async ({ locale, tooLong, fix, taken }) => {
    const existing = await world.account();
    const tracked = await TrackedPage.open(browser, web.url, `signup-${locale}`, { locale });
    pages.push(tracked);
    const { page } = tracked;
    await page.goto('/signup');
    const form = page.locator('form');
    await form.locator('input[autocomplete="name"]').fill('N'.repeat(121));
    await form.locator('input[type="email"]').fill(uniqueEmail('signup'));
    await form.locator('input[type="password"]').fill('correct horse battery staple');
    await form.locator('button[type="submit"]').click();

    // The server's rule (maxLength 120) beside the field, in the page's language.
    await form.locator('.field-error').getByText(tooLong, { exact: true }).waitFor();
    await page.getByRole('alert').getByText(fix, { exact: true }).waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/shorter than|must be/);
    await tracked.expectFailedRequest(400);
    await tracked.screenshot(`error-validation-${locale}.png`, { fullPage: false });

    // A domain error (409 EMAIL_TAKEN) in the banner.
    await form.locator('input[autocomplete="name"]').fill('Nguyễn Thị Hoa');
    await form.locator('input[type="email"]').fill(existing.email);
    await form.locator('button[type="submit"]').click();
    await page.getByRole('alert').getByText(taken, { exact: true }).waitFor();
    await tracked.expectFailedRequest(409);
    expect(await page.locator('body').textContent()).not.toMatch(/already registered|already exists/);
    await tracked.screenshot(`error-domain-${locale}.png`, { fullPage: false });
    await eventually(() => tracked.errors.length === 0, 2_000);
  });
});
