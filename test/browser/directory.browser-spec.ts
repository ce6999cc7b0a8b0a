import { Browser } from 'playwright-core';
import { join } from 'node:path';
import { World } from '../factories/world';
import { ARTIFACTS, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * An enterprise finds a participant in the directory (search, any language),
 * opens its profile, saves it as a favourite and asks to connect, and reaches
 * its partner's profile from a meeting; the profile reads in Vietnamese.
 */
describe('browser: the participant directory and an enterprise profile', () => {
  let web: WebApp;
  let browser: Browser;
  let tab: TrackedPage | undefined;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await web?.close();
  });

  it('searches, opens a profile from the directory and from a meeting, and saves a favourite', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup);
    const kunming = await world.approved(organizer, setup, 'CN', {
      name: { zh: '昆明陶瓷砖厂', en: 'Kunming Ceramic Tiles' },
      region: 'CN-YN',
      offers: [{ hsCode: '6907', description: 'Ceramic tiles' }],
      contact: { email: 'sales@kunming-tiles.cn', phone: '+86 871 6000 0000', person: '李明' },
    });
    await web.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt: '2021-01-19T03:00:00.000Z' }).expect(201);

    tab = await TrackedPage.open(browser, web.url, 'enterprise');
    await tab.login(vn.account.email, 'correct horse battery staple');
    const { page } = tab;
    await page.goto(`/events/${setup.eventId}/directory`);
    const list = page.locator('ul.directory-list');
    await list.getByRole('link', { name: 'Kunming Ceramic Tiles' }).waitFor();
    await page.getByLabel('Search by name').fill('陶瓷');
    await list.locator('li').first().waitFor();
    await page.waitForFunction(
      () => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('ul.directory-list li').length === 1,
    );
    await list.getByRole('link', { name: 'Kunming Ceramic Tiles' }).click();

    await page.waitForURL(`**/events/${setup.eventId}/enterprises/${kunming.registration.id}`);
    await page.getByRole('heading', { name: 'Kunming Ceramic Tiles' }).waitFor();
    await page.getByText('HS 6907').waitFor();
    // Not a partner: no contact details.
    expect(await page.getByText('sales@kunming-tiles.cn').count()).toBe(0);
    await page.getByRole('button', { name: 'Save Kunming Ceramic Tiles to favourites' }).click();
    await page.getByRole('button', { name: 'Remove Kunming Ceramic Tiles from favourites' }).waitFor();
    await page.getByRole('button', { name: 'Send a connection request' }).click();
    await page.getByText('Request sent.').waitFor();
    const favourites = await web.http.get(`/api/events/${setup.eventId}/directory`).query({ favourites: 'true' }).set(vn.account.auth);
    expect(favourites.body.items.map((i: { registrationId: string }) => i.registrationId)).toEqual([kunming.registration.id]);

    await page.goto(`/events/${setup.eventId}/meetings`);
    const partnerName = (await web.http.get(`/api/events/${setup.eventId}/directory/${cn.registration.id}`).set(vn.account.auth)).body.enterprise.name.en as string;
    await page.getByRole('link', { name: partnerName }).first().click();
    await page.waitForURL(`**/events/${setup.eventId}/enterprises/${cn.registration.id}`);
    // An accepted partner: its contact details show.
    await page.getByText('trade@silkroad-textiles.cn').waitFor();
    await page.getByText('Your connection with this enterprise: Connected.').waitFor();

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('link', { name: 'Danh bạ doanh nghiệp tham dự' }).waitFor();
    await page.getByText('Chào bán').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'enterprise-profile-vi.png'), fullPage: true });
    expect(tab.errors).toEqual([]);
  });
});
