import { Browser } from 'playwright-core';
import { Account, ConferenceSetup, World } from '../factories/world';
import { eventually, launchBrowser, PHONE, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

const PASSWORD = 'correct horse battery staple';

/**
 * Registrations at scale: the organizer finds an enterprise by typing its name without
 * diacritics (the server searches), filters and pages; the check-in desk, on a phone,
 * checks a typed badge in, says so when the same badge comes again, and refuses a badge
 * of another event.
 */
describe('browser: registrations search and the check-in desk', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  let setup: ConferenceSetup;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  it('searches by a name typed without diacritics, filters, and pages on the server', async () => {
    // Only a Vietnamese name, so "bat xat" can only match it through the folding of its diacritics.
    await world.approved(organizer, setup, 'VN', { name: { vi: 'Hợp tác xã Nông sản Bát Xát' } });
    await world.approved(organizer, setup, 'CN', { name: { zh: '昆明陶瓷砖厂', en: 'Kunming Ceramic Tiles' } });
    for (let i = 1; i <= 52; i++) {
      const m = await world.member('VN', { name: { vi: `Công ty Thanh long Lào Cai số ${i}` } });
      await world.register(m.account, setup.eventId, m.enterpriseId, setup.venues.laoCai);
    }

    const tracked = await TrackedPage.open(browser, web.url, 'organizer');
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(organizer.email, PASSWORD);
    await page.goto(`/org/events/${setup.eventId}/registrations`);
    const pager = page.getByRole('navigation', { name: 'Pages' });
    await pager.getByText('1–50 of 54').waitFor();
    await pager.getByRole('button', { name: 'Next' }).click();
    await pager.getByText('51–54 of 54').waitFor();

    const filters = page.getByRole('search', { name: 'Filters' });
    await filters.getByLabel('Search').fill('bat xat');
    await pager.getByText('1–1 of 1').waitFor();
    await page.getByRole('row').filter({ hasText: 'Hợp tác xã Nông sản Bát Xát' }).waitFor();
    expect(await page.locator('table.regs-table tbody tr').count()).toBe(1);
    await tracked.screenshot('registrations-search.png');

    await filters.getByLabel('Search').fill('');
    await filters.getByLabel('Side').selectOption('CN');
    await pager.getByText('1–1 of 1').waitFor();
    await page.getByRole('row').filter({ hasText: 'Kunming Ceramic Tiles' }).waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: /^Pending approval/ }).click();
    await pager.getByText('1–50 of 52').waitFor();
  });

  it('checks a typed badge in at phone size, then says it is already checked in, and refuses another event’s', async () => {
    const cn = await world.approved(organizer, setup, 'CN', { name: { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles' } });
    const other = await world.openEvent(organizer);
    const stranger = await world.approved(organizer, other, 'VN');

    const tracked = await TrackedPage.open(browser, web.url, 'desk', { viewport: PHONE });
    pages.push(tracked);
    const { page } = tracked;
    await tracked.login(organizer.email, PASSWORD);
    await page.goto(`/org/events/${setup.eventId}/check-in`);
    const desk = page.getByRole('form', { name: 'Check-in desk' });
    const result = page.getByRole('status', { name: 'Check-in result' });
    await page.getByText('0 of 3 approved enterprises checked in').waitFor();
    // The tab strip scrolls sideways on a phone: the current page's tab is in view.
    const tab = await page.getByRole('link', { name: 'Check-in desk' }).boundingBox();
    expect(tab!.x).toBeGreaterThanOrEqual(0);
    expect(tab!.x + tab!.width).toBeLessThanOrEqual(PHONE.width);

    // Typed as people type it: lower case, no dashes.
    await desk.getByLabel('Badge code').fill(cn.registration.badgeCode.replace(/-/g, '').toLowerCase());
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await result.getByText('Checked in', { exact: true }).waitFor();
    await result.getByText('Zhejiang Silk Road Textiles').waitFor();
    await result.getByText('杭州分会场', { exact: false }).waitFor();
    await page.getByText('1 of 3 approved enterprises checked in').waitFor();
    expect(await desk.getByLabel('Badge code').inputValue()).toBe('');
    // The answer fits the phone's width: nothing scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await tracked.screenshot('check-in-desk-phone.png');

    await desk.getByLabel('Badge code').fill(cn.registration.badgeCode);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await result.getByText('Already checked in', { exact: true }).waitFor();
    await result.getByText('Zhejiang Silk Road Textiles').waitFor();
    await result.getByText(/^Checked in at /).waitFor();
    await tracked.screenshot('check-in-desk-phone-again.png');

    await desk.getByLabel('Badge code').fill(stranger.registration.badgeCode);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await result.getByText('Not a badge of this event', { exact: true }).waitFor();
    await tracked.screenshot('check-in-desk-phone-wrong-event.png');

    const checked = await web.http.get(`/api/events/${setup.eventId}/registrations`).query({ checkedIn: 'true' }).set(organizer.auth);
    expect(checked.body.items.map((r: { id: string }) => r.id)).toEqual([cn.registration.id]);
    await eventually(async () => (await web.http.get(`/api/events/${other.eventId}/registrations`).query({ checkedIn: 'true' }).set(organizer.auth)).body.total === 0);
  });
});
