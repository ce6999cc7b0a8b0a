import { Browser } from 'playwright-core';
import { join } from 'node:path';
import { World } from '../factories/world';
import { eventually } from '../factories/smtp';
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
    // The goods' name in the reader's language, from the reference data.
    const hsIn = async (locale: string) =>
      ((await web.http.get('/api/reference/hs').query({ q: '6907', locale })).body.items as { code: string; name: string }[]).find((i) => i.code === '6907')!.name;
    await page.getByText(`· ${await hsIn('en')}`).waitFor();
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
    await page.goto(`/events/${setup.eventId}/enterprises/${kunming.registration.id}`);
    await page.getByText(`· ${await hsIn('vi')}`).waitFor();
    expect(tab.errors).toEqual([]);

    // The organizer opens the directory to the enterprises' own side from the setup page.
    const desk = await TrackedPage.open(browser, web.url, 'organizer');
    try {
      await desk.login(organizer.email, 'correct horse battery staple');
      await desk.page.goto(`/org/events/${setup.eventId}/setup`);
      const own = desk.page.getByRole('region', { name: 'Participant directory' }).getByLabel('Enterprises also see their own side');
      expect(await own.isChecked()).toBe(false);
      await own.click(); // saved at once (no form): the box turns checked when the server answers
      const saved = async () => (await web.http.get(`/api/events/${setup.eventId}/directory/settings`).set(organizer.auth).expect(200)).body.ownSide === true;
      expect(await eventually(saved, 10_000, 100)).toBe(true);
      expect(await eventually(() => own.isChecked(), 5_000, 100)).toBe(true);
      // An enterprise now browses its own side too.
      const sides = (await web.http.get(`/api/events/${setup.eventId}/directory`).set(cn.account.auth).expect(200)).body.sides;
      expect([...sides].sort()).toEqual(['CN', 'VN']);
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});
