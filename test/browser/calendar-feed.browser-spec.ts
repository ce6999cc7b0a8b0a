import { Browser } from 'playwright-core';
import { calendarEvents } from '../factories/ical';
import { mailQueueName } from '../factories/mail';
import { Account, World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

const PASSWORD = 'correct horse battery staple';

/**
 * "Subscribe in your calendar" on the Meetings page: an enterprise member
 * creates the personal feed, the URL it shows (once, PUBLIC_URL's scheme: http here, https in production) is a calendar ical.js reads
 * with the booked meeting in it; revoked through the page, the URL answers 404.
 */
describe('browser: the personal calendar feed on the Meetings page', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  let tracked: TrackedPage | undefined;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp({ MAIL_QUEUE: mailQueueName('feed-ui') }), launchBrowser()]);
    world = new World(web);
    organizer = await world.organizer();
  });
  afterAll(async () => {
    await tracked?.close();
    await browser?.close();
    await web?.close();
  });

  it('creates the feed, which lists the booked meeting (UID, DTSTART); revoking it makes the URL answer 404', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, connectionId } = await world.acceptedPair(organizer, setup);
    const meeting = (await web.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201)).body;

    tracked = await TrackedPage.open(browser, web.url, 'member');
    const { page } = tracked;
    await tracked.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
    await tracked.login(vn.account.email, PASSWORD);
    await page.goto(`/events/${setup.eventId}/meetings`);
    const box = page.getByRole('region', { name: 'Subscribe in your calendar' });
    await box.getByText('You have no calendar link yet.').waitFor();
    await box.getByText('Creating a new link revokes the old one: calendars subscribed to it stop updating.').waitFor();
    await box.getByRole('button', { name: 'Create calendar link' }).click();

    await box.getByText('Copy the link now: it is shown only this once.').waitFor();
    const url = await box.getByRole('textbox', { name: 'Calendar link', exact: true }).inputValue();
    const webcalUrl = await box.getByRole('textbox', { name: 'Subscription link (webcal)', exact: true }).inputValue();
    expect(url).toMatch(new RegExp(`^${web.url.replace(/[.]/g, '\\.')}/calendar/[A-Za-z0-9_-]+\\.ics$`));
    expect(webcalUrl).toBe(url.replace(/^https?:/, 'webcal:'));
    expect(await box.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href')).toBe(webcalUrl);
    await box.getByRole('button', { name: 'Copy: Calendar link' }).click();
    await box.getByRole('button', { name: 'Copy: Calendar link' }).getByText('Copied').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(url);
    await tracked.screenshot('calendar-feed-created-en.png');

    // What a calendar app fetches: a VCALENDAR with the meeting's VEVENT, the invitation's UID.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    const events = calendarEvents(ics);
    expect(events).toHaveLength(1);
    expect(events[0].uid).toBe(`${meeting.id}@tradebridge.local`);
    expect(events[0].start).toBe('2021-01-19T02:00:00.000Z');
    expect(events[0].method).toBe('');

    // Reopened, the page says a link exists but cannot show it again.
    await page.reload();
    await box.getByText(/^Your calendar link is active \(created /).waitFor();
    expect(await box.getByRole('textbox').count()).toBe(0);

    // Revoke asks first; cancelled, nothing changes.
    await box.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke your calendar link?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await fetch(url)).status).toBe(200);
    await box.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await box.getByText('Calendar link revoked.').waitFor();
    await box.getByRole('button', { name: 'Create calendar link' }).waitFor();
    expect((await fetch(url)).status).toBe(404);
    expect((await web.http.get('/api/me/calendar-feed').set(vn.account.auth)).body).toEqual({ active: false, createdAt: null });

    // The box in Vietnamese and Chinese.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('region', { name: 'Đăng ký vào lịch của bạn' }).getByRole('button', { name: 'Tạo liên kết lịch' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('region', { name: '在日历中订阅' }).getByRole('button', { name: '创建日历链接' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    expect(tracked.errors).toEqual([]);
  });
});
