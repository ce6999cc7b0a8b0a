import { Browser } from 'playwright-core';
import { seedReportMeetings } from '../factories/report-meetings';
import { World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

/**
 * The organizer's report page shows the meeting figures (issue 14, item 4):
 * meetings by mode and place, no-shows by side and the connections that met,
 * in English and in Chinese.
 */
describe('browser: the report page’s meetings', () => {
  let web: WebApp;
  let browser: Browser;
  let tracked: TrackedPage | undefined;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await tracked?.close();
    await browser?.close();
    await web?.close();
  });

  it('shows meetings by mode and venue, the no-show rate per side and the connections that met, in English and Chinese', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    await seedReportMeetings(web, world, organizer, setup);

    tracked = await TrackedPage.open(browser, web.url, 'organizer');
    const { page } = tracked;
    await tracked.login(organizer.email, 'correct horse battery staple');
    await page.goto(`/org/events/${setup.eventId}/report`);

    const rowOf = async (region: string, row: string) => {
      const cells = page.getByRole('region', { name: region }).getByRole('row', { name: row, exact: false }).first();
      await cells.waitFor();
      return (await cells.locator('th, td').allTextContents()).map((c) => c.trim());
    };
    const stat = (label: string) =>
      page
        .locator('.stat')
        .filter({ has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) })
        .first();

    expect(await rowOf('Meetings', 'On site 3')).toEqual(['On site', '3', '2', '0', '1']);
    expect(await rowOf('Meetings', 'Online')).toEqual(['Online', '4', '2', '2', '0']);
    expect(await rowOf('Meetings', 'Lào Cai')).toEqual(['On site · Điểm cầu chính Lào Cai', '1', '1', '0', '1']);
    expect(await rowOf('Meetings', '杭州分会场')).toEqual(['On site · 杭州分会场', '2', '1', '0', '0']);
    expect(await rowOf('No-shows by side', '(VN)')).toEqual(['Vietnam (VN)', '6', '1', '16.7%']);
    expect(await rowOf('No-shows by side', '(CN)')).toEqual(['China (CN)', '6', '2', '33.3%']);
    await stat('Connections that met').getByText('44% of connections made').waitFor();
    expect(await stat('Connections that met').locator('.stat-value').textContent()).toBe('4');
    await tracked.screenshot('organizer-report-meetings-en.png');

    await page.getByRole('button', { name: '中文' }).click();
    expect(await rowOf('会谈', '现场 3')).toEqual(['现场', '3', '2', '0', '1']);
    expect(await rowOf('会谈', '线上')).toEqual(['线上', '4', '2', '2', '0']);
    expect((await rowOf('各方缺席情况', '(CN)')).slice(1)).toEqual(['6', '2', '33.3%']);
    await stat('已会谈的对接').getByText('占达成对接的 44%').waitFor();
    await tracked.screenshot('organizer-report-meetings-zh.png');

    expect(tracked.errors).toEqual([]);
  });

  it('a closed event’s public results page opens without an account, in the link’s language, with no enterprise named', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const pair = await world.acceptedPair(organizer, setup);
    const open = await world.openEvent(organizer);

    const press = await TrackedPage.open(browser, web.url, 'press');
    try {
      // Before it closes there is nothing to publish.
      await press.page.goto(`/results/${setup.eventId}`);
      await press.page.getByRole('heading', { name: 'Results not published yet' }).waitFor();
      await press.expectFailedRequest(404);

      for (const status of ['live', 'closed']) await web.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status }).expect(200);
      await press.page.goto(`/results/${setup.eventId}?lang=zh`);
      await press.page.getByRole('heading', { name: '国际出口贸易促进会' }).waitFor();
      await press.page.getByText('越南 ⇄ 中国').waitFor();
      const made = press.page.locator('.stat').filter({ has: press.page.locator('.stat-label', { hasText: /^达成对接$/ }) });
      expect(await made.locator('.stat-value').textContent()).toBe('1');
      const rooms = press.page.getByRole('region', { name: '洽谈室' });
      await rooms.getByRole('row').nth(1).waitFor();
      const text = await press.page.locator('main').innerText();
      for (const name of ['Bát Xát', 'Bat Xat', 'Silk Road', '丝路']) expect(text).not.toContain(name);
      await press.screenshot('public-results-zh.png');
      await press.page.emulateMedia({ media: 'print' });
      await press.screenshot('public-results-zh-print.png');
      await press.page.emulateMedia({ media: 'screen' });
      await press.page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await press.page.getByText('Việt Nam ⇄ Trung Quốc').waitFor();
      expect(press.errors).toEqual([]);
    } finally {
      await press.close();
    }

    // The organizer reaches it from the report page of the closed event, and not from an open one.
    const desk = await TrackedPage.open(browser, web.url, 'organizer');
    try {
      await desk.login(organizer.email, 'correct horse battery staple');
      await desk.page.goto(`/org/events/${open.eventId}/report`);
      await desk.page.getByRole('heading', { name: 'Download the report' }).waitFor();
      expect(await desk.page.getByRole('link', { name: 'Public results page' }).count()).toBe(0);
      await desk.page.goto(`/org/events/${setup.eventId}/report`);
      await desk.page.getByRole('link', { name: 'Public results page' }).click();
      await desk.page.waitForURL(`**/results/${setup.eventId}?lang=en`);
      await desk.page.getByText('Figures only: no enterprise’s name or contact is published here.').waitFor();
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.close();
    }
    expect(pair.connectionId).toBeTruthy();
  });
});
