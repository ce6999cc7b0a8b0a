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
    // Moving first needs another room, and there is none left.
    await rooms.getByText('There is no other room: add one first.').waitFor();

    // The same refusal in Vietnamese.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    const phong = page.getByRole('region', { name: 'Phòng giao thương theo lĩnh vực' });
    await phong.getByRole('alert').filter({ hasText: 'Đang được dùng bởi 1 lượt đăng ký.' }).waitFor();
    await tracked.screenshot('setup-corrections-vi.png');
    expect(tracked.errors).toEqual([]);
  });

  it('deletes a duplicate venue in use by moving its registrations to the other one first, after confirming (in Chinese)', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const duplicate = (
      await web.http
        .post(`/api/events/${setup.eventId}/venues`)
        .set(organizer.auth)
        .send({ name: '杭州分会场（重复）', city: '杭州', country: 'CN', timezone: 'Asia/Shanghai', kind: 'satellite', capacity: 50, tables: 5 })
        .expect(201)
    ).body.id as string;
    const cn = await world.approved(organizer, setup, 'CN', {}, duplicate);

    await tracked?.close();
    tracked = await TrackedPage.open(browser, web.url, 'organizer-move');
    await tracked.login(organizer.email, 'correct horse battery staple');
    const { page } = tracked;
    await page.goto(`/org/events/${setup.eventId}/setup`);
    await page.getByRole('button', { name: '中文' }).click();
    const venues = page.getByRole('region', { name: '会场' });
    await venues.getByRole('row').filter({ hasText: '杭州分会场（重复）' }).getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog', { name: '删除会场 杭州分会场（重复）？' }).getByRole('button', { name: '删除' }).click();
    await tracked.expectFailedRequest(409);

    // The refusal offers the venues of the same kind (on site: not the online one) to move to.
    const move = venues.getByRole('group', { name: '转移并删除' });
    await move.getByText('将该会场的报名和通知转到另一个同类会场，然后删除杭州分会场（重复）：').waitFor();
    const choices = await move.getByLabel('转到').locator('option').allTextContents();
    expect(choices.sort()).toEqual(['Điểm cầu chính Lào Cai', '杭州分会场'].sort());
    await move.getByLabel('转到').selectOption({ label: '杭州分会场' });
    await move.getByRole('button', { name: '转移并删除' }).click();
    const dialog = page.getByRole('dialog', { name: '将杭州分会场（重复）的全部内容转到杭州分会场并删除杭州分会场（重复）？' });
    await dialog.getByText('在该处报名或被安排的企业将转到杭州分会场。').waitFor();
    await tracked.screenshot('setup-move-venue-zh.png');
    await dialog.getByRole('button', { name: '转移并删除' }).click();
    await venues.getByRole('cell', { name: '杭州分会场（重复）' }).waitFor({ state: 'detached' });
    await move.waitFor({ state: 'detached' });

    const moved = await web.http.get(`/api/events/${setup.eventId}/registrations/${cn.registration.id}`).set(organizer.auth);
    expect(moved.body.venueId).toBe(setup.venues.hangzhou);
    expect((await web.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth)).body.items.map((v: { id: string }) => v.id)).not.toContain(duplicate);
    expect(tracked.errors).toEqual([]);
  });
});
