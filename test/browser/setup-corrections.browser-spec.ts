import { Browser } from 'playwright-core';
import { World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * Setup that can be corrected (issue 15.1), on the setup page: an organizer edits
 * a venue, deletes an unused room after confirming, and is told (in the page's
 * language) what still uses a room or venue it cannot delete.
 */
describe('browser: correcting the setup', () => {
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

  it('edits a venue, deletes an unused room after confirming, and shows the refusal for a used one', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const vn = await world.approved(organizer, setup, 'VN');
    await web.http.patch(`/api/events/${setup.eventId}/registrations/${vn.registration.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);

    tracked = await TrackedPage.open(browser, web.url, 'organizer');
    await tracked.login(organizer.email, 'correct horse battery staple');
    const { page } = tracked;
    await page.goto(`/org/events/${setup.eventId}/setup`);

    // ---- edit a venue
    const venues = page.getByRole('region', { name: 'Venues (bridge points)' });
    await venues.getByRole('row').filter({ hasText: '杭州分会场' }).getByRole('button', { name: 'Edit' }).click();
    await venues.getByRole('heading', { name: 'Edit venue 杭州分会场' }).waitFor();
    await venues.getByLabel('Venue name').fill('杭州分会场（滨江）');
    await venues.getByLabel('Meeting tables').fill('25');
    await venues.getByRole('button', { name: 'Save', exact: true }).click();
    await venues.getByRole('cell', { name: '杭州分会场（滨江）' }).waitFor();
    await venues.getByRole('heading', { name: 'Add a venue' }).waitFor();
    const hangzhou = (await web.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth)).body.items.find((v: { id: string }) => v.id === setup.venues.hangzhou);
    expect(hangzhou).toMatchObject({ name: '杭州分会场（滨江）', tables: 25 });

    // ---- a used venue cannot go: the refusal names what uses it
    await venues.getByRole('row').filter({ hasText: 'Điểm cầu chính Lào Cai' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete the venue Điểm cầu chính Lào Cai?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await venues.getByRole('alert').filter({ hasText: 'Used by 1 registration(s).' }).waitFor();
    await tracked.expectFailedRequest(409);

    // ---- rooms: the unused one goes after confirming, the used one stays with the reason
    const rooms = page.getByRole('region', { name: 'Sector trade rooms' });
    await rooms.getByRole('listitem').filter({ hasText: 'Textiles & industry' }).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the room Textiles & industry?' });
    await dialog.getByText('The room, its presentation queue').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await rooms.getByText('Textiles & industry', { exact: true }).waitFor({ state: 'detached' });
    expect((await web.http.get(`/api/events/${setup.eventId}/rooms`).set(organizer.auth)).body.items.map((r: { id: string }) => r.id)).toEqual([setup.rooms.agriculture]);

    await rooms.getByRole('listitem').filter({ hasText: 'Agriculture & food' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await rooms.getByRole('alert').filter({ hasText: 'Used by 1 registration(s).' }).waitFor();
    await tracked.expectFailedRequest(409);
    await rooms.getByText('Agriculture & food').first().waitFor();

    // The same refusal in Vietnamese.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    const phong = page.getByRole('region', { name: 'Phòng giao thương theo lĩnh vực' });
    await phong.getByRole('alert').filter({ hasText: 'Đang được dùng bởi 1 lượt đăng ký.' }).waitFor();
    await tracked.screenshot('setup-corrections-vi.png');
    expect(tracked.errors).toEqual([]);
  });
});
