import { Browser } from 'playwright-core';
import { REFERENCE_EVE } from '../factories/app';
import { Account, World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

const PASSWORD = 'correct horse battery staple';

/**
 * The scheduler page says which slots a run leaves out (already begun or
 * within the lead time), and each party marks only its own attendance on its
 * meetings page and sees the partner's, in English, Vietnamese and Chinese.
 */
describe('browser: meetings against the clock, and each side’s attendance', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
    organizer = await world.organizer();
  });
  afterEach(() => web.clock.set(REFERENCE_EVE));
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the preview of a run during the event says how many slots are left out and from when meetings start', async () => {
    const setup = await world.openEvent(organizer); // 01:00–10:00 UTC = 08:00–17:00 in Lào Cai (the event's zone)
    await world.acceptedPair(organizer, setup);
    await web.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    web.clock.set('2021-01-19T03:05:00Z'); // 10:05 in Lào Cai

    const tracked = await TrackedPage.open(browser, web.url, 'organizer');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(organizer.email, PASSWORD);
    await page.goto(`/org/events/${setup.eventId}/schedule`);
    await page.getByRole('button', { name: 'Preview (no changes)' }).click();
    await page.getByText(/^5 of the event’s slots are not used: they have already begun or start within the next 10 minutes\. Meetings are booked from .*10:15/).waitFor();
    await tracked.screenshot('schedule-excluded-en.png');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByText(/^5 khung giờ của sự kiện không được dùng vì đã bắt đầu hoặc sẽ bắt đầu trong vòng 10 phút tới\. Lịch gặp được xếp từ .*10:15/).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText(/^活动中有 5 个时段未被使用：它们已经开始，或将在 10 分钟内开始。会谈从 .*10:15.* 起安排。$/).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    expect(tracked.errors).toEqual([]);
  });

  it('each party marks its own attendance and sees the partner’s; the meeting is held once both attended', async () => {
    const setup = await world.openEvent(organizer);
    const { cn, vn, connectionId } = await world.acceptedPair(organizer, setup);
    const meeting = (await web.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201)).body;

    const tracked = await TrackedPage.open(browser, web.url, 'buyer');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(cn.account.email, PASSWORD);
    await page.goto(`/events/${setup.eventId}/meetings`);
    const card = page.locator('li.meeting');
    await card.getByText('You: not recorded yet').waitFor();
    await card.getByText('Partner: not recorded yet').waitFor();
    await card.getByRole('button', { name: 'I attended' }).click();
    await card.getByText('You: attended').waitFor();
    await card.getByText('Scheduled', { exact: true }).waitFor();

    // The partner records its own on the meeting's page; the buyer's page then shows it held, with nothing left to mark.
    const partner = await TrackedPage.open(browser, web.url, 'grower');
    pages.push(partner);
    await partner.login(vn.account.email, PASSWORD);
    await partner.page.goto(`/meet/${meeting.id}`);
    await partner.page.getByText('Partner: attended').waitFor();
    await partner.page.getByText('You: not recorded yet').waitFor();
    await partner.page.getByRole('button', { name: 'I attended' }).click();
    await partner.page.getByText('You: attended').waitFor();
    expect((await web.http.get(`/api/meetings/${meeting.id}`).set(organizer.auth)).body).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    expect(partner.errors).toEqual([]);
    await page.reload();
    await card.getByText('Partner: attended').waitFor();
    await card.getByText('Held', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'I was absent' }).count()).toBe(0);
    await tracked.screenshot('meetings-attendance-en.png');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await card.getByText('Bạn: đã tham dự').waitFor();
    await card.getByText('Đối tác: đã tham dự').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await card.getByText('我方：已到场').waitFor();
    await card.getByText('对方：已到场').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    expect(tracked.errors).toEqual([]);
  });
  it('at the table, a party checks in with the partner’s badge code and the meeting is held, in Vietnamese', async () => {
    const MINUTE = 60_000;
    const now = Date.now();
    web.clock.set(new Date(now));
    const setup = await world.openEvent(organizer, { startsAt: new Date(now - 60 * MINUTE).toISOString(), endsAt: new Date(now + 4 * 60 * MINUTE).toISOString() });
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const startsAt = new Date(now + 2 * MINUTE);
    await web.http
      .post(`/api/events/${setup.eventId}/meetings`)
      .set(organizer.auth)
      .send({ connectionId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString() })
      .expect(201);
    await web.http.patch('/api/me').set(vn.account.auth).send({ locale: 'vi' }).expect(200);

    const tracked = await TrackedPage.open(browser, web.url, 'table');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(vn.account.email, PASSWORD);
    await page.goto(`/events/${setup.eventId}/meetings`);
    const card = page.locator('li.meeting');
    await card.getByRole('button', { name: 'Xác nhận có mặt tại bàn' }).click();
    // Nothing typed: the field says so, and nothing is sent.
    await card.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await card.locator('.field-error').first().waitFor();
    // Typed as people do: lower case, no dashes.
    await card.getByLabel('Mã thẻ đối tác hoặc mã bàn').fill(cn.registration.badgeCode.replaceAll('-', '').toLowerCase());
    await tracked.screenshot('meetings-check-in-vi.png');
    await card.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await card.getByText('Đã gặp', { exact: true }).waitFor();
    await card.getByText('Bạn: đã tham dự').waitFor();
    await card.getByText('Đối tác: đã tham dự').waitFor();
    expect(await card.getByRole('button', { name: 'Xác nhận có mặt tại bàn' }).count()).toBe(0);
    await tracked.screenshot('meetings-checked-in-vi.png');
    expect(tracked.errors).toEqual([]);
  });
  it('the organizer sees the standby list after a no-show and books the waiting pair with one confirmed click', async () => {
    const MINUTE = 60_000;
    const now = Date.now();
    web.clock.set(new Date(now));
    const setup = await world.openEvent(organizer, { startsAt: new Date(now - 60 * MINUTE).toISOString(), endsAt: new Date(now + 4 * 60 * MINUTE).toISOString() });
    const missed = await world.acceptedPair(organizer, setup);
    const startsAt = new Date(now + 2 * MINUTE);
    const meeting = (
      await web.http
        .post(`/api/events/${setup.eventId}/meetings`)
        .set(organizer.auth)
        .send({ connectionId: missed.connectionId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString() })
        .expect(201)
    ).body as { id: string };
    await web.http.patch(`/api/meetings/${meeting.id}`).set(organizer.auth).send({ status: 'no_show' }).expect(200);
    await world.acceptedPair(organizer, setup);

    const tracked = await TrackedPage.open(browser, web.url, 'standby');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(organizer.email, PASSWORD);
    await page.goto(`/org/events/${setup.eventId}/schedule`);
    const standby = page.getByRole('region', { name: 'Standby: freed slots' });
    await standby.getByText('Freed meetings').waitFor();
    const stat = (label: string) => standby.locator('.stat', { hasText: label }).locator('.stat-value');
    await eventually(async () => (await stat('Freed meetings').textContent()) === '1' && (await stat('Pairs waiting').textContent()) === '1');
    expect(await stat('A run would book').textContent()).toBe('1');
    await tracked.screenshot('standby-en.png');
    await standby.getByRole('button', { name: 'Offer the freed slots' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Book the meetings' }).click();
    await standby.getByText('1 meeting(s) booked from the standby list.').waitFor();
    await eventually(async () => (await stat('Pairs waiting').textContent()) === '0');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('region', { name: 'Danh sách chờ: khung giờ trống' }).getByText('Cặp đang chờ').waitFor();
    await tracked.screenshot('standby-vi.png');
    await page.getByRole('button', { name: 'English' }).click();
    expect(tracked.errors).toEqual([]);
  });
});
