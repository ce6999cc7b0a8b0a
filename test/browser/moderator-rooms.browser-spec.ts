import { Browser } from 'playwright-core';
import { World } from '../factories/world';
import { join } from 'node:path';
import { ARTIFACTS, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/** On the setup page an organizer gives a moderator the rooms it runs, and the staff list shows them, in English and Vietnamese. */
describe('browser: a moderator’s rooms on the setup page', () => {
  let web: WebApp;
  let browser: Browser;
  let desk: TrackedPage | undefined;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await web?.close();
  });

  it('assigns a room to a moderator and shows it', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const moderator = await world.account('hall-moderator');
    await web.http.post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);

    desk = await TrackedPage.open(browser, web.url, 'organizer');
    await desk.login(organizer.email, 'correct horse battery staple');
    const { page } = desk;
    await page.goto(`/org/events/${setup.eventId}/setup`);
    const row = page.locator('li.table-row').filter({ hasText: moderator.email });
    await row.getByText('No room yet: a moderator runs only the rooms given here').waitFor();
    await row.getByRole('button', { name: 'Rooms…' }).click();
    await row.getByLabel('Agriculture & food').check();
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Runs: Agriculture & food').waitFor();
    const staff = (await web.http.get(`/api/events/${setup.eventId}/staff`).set(organizer.auth)).body.items as { userId: string; roomIds: string[] }[];
    expect(staff.find((s) => s.userId === moderator.id)!.roomIds).toEqual([setup.rooms.agriculture]);

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await row.getByText('Điều phối: Nông sản & thực phẩm').waitFor();
    await page.locator('section[aria-labelledby="staff-title"]').screenshot({ path: join(ARTIFACTS, 'setup-moderator-rooms-vi.png') });
    expect(desk.errors).toEqual([]);
  });
});
