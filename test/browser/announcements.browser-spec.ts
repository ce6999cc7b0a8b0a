import { Browser } from 'playwright-core';
import { World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * The organizer's Announcements page: write in two languages, pick a venue,
 * confirm, and see it in the list; and the reminder offsets on the setup page.
 */
describe('browser: announcements and reminder offsets', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('composes in two languages for one venue, asks first, sends, and lists it', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    await world.approved(organizer, setup, 'VN');
    await world.approved(organizer, setup, 'CN');
    const tracked = await TrackedPage.open(browser, web.url, 'organizer');
    const { page } = tracked;
    await tracked.login(organizer.email, 'correct horse battery staple');
    await page.goto(`/org/events/${setup.eventId}/announcements`);

    await page.getByLabel('Message in Vietnamese').fill('Phiên giao thương bắt đầu lúc 9:00 tại hội trường chính.');
    await page.getByLabel('Message in English').fill('Matchmaking starts at 9:00 in the main hall.');
    await page.getByLabel('Who receives it').selectOption('venue');
    await page.getByLabel('Those at a venue').selectOption(setup.venues.laoCai);
    await page.getByRole('button', { name: 'Send announcement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send this announcement?' });
    await dialog.getByText('Điểm cầu chính Lào Cai', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await web.http.get(`/api/events/${setup.eventId}/announcements`).set(organizer.auth)).body.total).toBe(0);

    await page.getByRole('button', { name: 'Send announcement' }).click();
    await dialog.getByRole('button', { name: 'Send announcement' }).click();
    await page.getByText('Sent to 1 participants (1 people).').waitFor();
    await page.getByText('Matchmaking starts at 9:00 in the main hall.').waitFor();
    await tracked.screenshot('announcements.png');
    const listed = (await web.http.get(`/api/events/${setup.eventId}/announcements`).set(organizer.auth)).body;
    expect(listed.items[0]).toMatchObject({
      text: { vi: 'Phiên giao thương bắt đầu lúc 9:00 tại hội trường chính.', en: 'Matchmaking starts at 9:00 in the main hall.' },
      audience: { venueId: setup.venues.laoCai, roomId: null, side: null },
      registrations: 1,
    });
    expect(tracked.errors).toEqual([]);
  });

  it('sets the reminder offsets on the setup page, refusing what the API would', async () => {
    const organizer = await world.organizer();
    const { eventId } = await world.openEvent(organizer);
    const tracked = await TrackedPage.open(browser, web.url, 'organizer-reminders');
    const { page } = tracked;
    await tracked.login(organizer.email, 'correct horse battery staple');
    await page.goto(`/org/events/${eventId}/setup`);
    const field = page.getByLabel('Reminders before each meeting (minutes)');
    await field.fill('15, 15');
    await field.press('Enter');
    await page.getByText('Give up to 5 different whole numbers of minutes', { exact: false }).waitFor();
    await field.fill('60, 10');
    await field.press('Enter');
    await eventually(async () => JSON.stringify((await web.http.get(`/api/events/${eventId}`).set(organizer.auth)).body.reminderMinutes) === '[60,10]');
    await page.getByText('1 h, 10 min', { exact: false }).waitFor();
    expect(tracked.errors).toEqual([]);
  });
});
