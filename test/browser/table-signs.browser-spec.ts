import { Browser } from 'playwright-core';
import { Account, World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

/**
 * The organizer opens a venue's table signs from the setup page (a QR code per
 * table, in each language, ready to print), and at the slot each party checks in
 * on its meetings page with its table's code: one side is there, then both, held.
 */
describe('browser: table QR signs and checking in at the table', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    // The page decides from the browser's clock when check-in is open, so the app's clock follows the real one.
    web.clock.set(new Date());
    world = new World(web);
    organizer = await world.organizer();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  it('prints one sign per table, and both parties scanning their table make the meeting held', async () => {
    const now = Date.now();
    const setup = await world.openEvent(organizer, { startsAt: new Date(now - 60 * MINUTE).toISOString(), endsAt: new Date(now + 4 * 60 * MINUTE).toISOString() });
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const startsAt = new Date(Math.ceil((now + 2 * MINUTE) / MINUTE) * MINUTE);
    const meeting = (
      await web.http
        .post(`/api/events/${setup.eventId}/meetings`)
        .set(organizer.auth)
        .send({ connectionId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString() })
        .expect(201)
    ).body as { id: string; mode: string; table: number };
    expect(meeting.mode).toBe('onsite');

    const desk = await TrackedPage.open(browser, web.url, 'organizer');
    pages.push(desk);
    await desk.login(organizer.email, PASSWORD);
    await desk.page.goto(`/org/events/${setup.eventId}/setup`);
    const laoCaiRow = desk.page.getByRole('row').filter({ hasText: 'Điểm cầu chính Lào Cai' });
    await laoCaiRow.getByRole('link', { name: 'Table signs' }).click();
    await desk.page.getByRole('heading', { name: 'Table signs · Điểm cầu chính Lào Cai' }).waitFor();
    const signs = desk.page.locator('li.table-sign');
    await signs.nth(39).waitFor();
    expect(await signs.count()).toBe(40);
    const sign = signs.nth(meeting.table - 1);
    await sign.getByText(`Table ${meeting.table}`, { exact: true }).waitFor();
    const code = (await sign.locator('canvas.qr').getAttribute('data-code'))!;
    expect(code).toMatch(/^T-([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
    await sign.getByText(code, { exact: true }).waitFor();
    // The QR canvas is drawn (not blank): it holds dark modules.
    type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const dark = await sign.locator('canvas.qr').evaluate((element) => {
      const c = element as unknown as Canvas;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 100) n++;
      return n;
    });
    expect(dark).toBeGreaterThan(1000);
    await desk.page.getByRole('button', { name: 'Print the signs' }).waitFor();
    await desk.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await desk.page.getByRole('heading', { name: 'Biển số bàn · Điểm cầu chính Lào Cai' }).waitFor();
    await desk.screenshot('table-signs-vi.png', { fullPage: false });
    await desk.page.getByRole('button', { name: '中文' }).click();
    await sign.getByText(`${meeting.table} 号桌`).waitFor();
    await desk.page.emulateMedia({ media: 'print' });
    await desk.screenshot('table-signs-zh-print.png', { fullPage: false });
    await desk.page.emulateMedia({ media: 'screen' });
    await desk.page.getByRole('button', { name: 'English' }).click();

    // The Vietnamese party checks in at its table by typing the sign's code.
    const grower = await TrackedPage.open(browser, web.url, 'grower');
    pages.push(grower);
    await grower.login(vn.account.email, PASSWORD);
    await grower.page.goto(`/events/${setup.eventId}/meetings`);
    const card = grower.page.locator('li.meeting');
    await card.getByRole('button', { name: 'Check in at the table' }).click();
    await card.getByLabel('Partner’s badge or table code').fill(code.toLowerCase());
    await card
      .getByRole('button', { name: /^Check in/ })
      .last()
      .click();
    await card.getByText('You: attended').waitFor();
    await card.getByText('Scheduled', { exact: true }).waitFor();

    // The partner scans the same table: the meeting is held.
    const buyer = await TrackedPage.open(browser, web.url, 'buyer');
    pages.push(buyer);
    await buyer.login(cn.account.email, PASSWORD);
    await buyer.page.goto(`/events/${setup.eventId}/meetings`);
    const other = buyer.page.locator('li.meeting');
    await other.getByRole('button', { name: 'Check in at the table' }).click();
    await other.getByLabel('Partner’s badge or table code').fill(code);
    await other
      .getByRole('button', { name: /^Check in/ })
      .last()
      .click();
    await other.getByText('Held', { exact: true }).waitFor();
    const scans = await web.db.query<{ kind: string }[]>(`SELECT kind FROM meeting_scans WHERE meeting_id = $1`, [meeting.id]);
    expect(scans.map((s) => s.kind)).toEqual(['table', 'table']);
    for (const p of pages) expect(p.errors).toEqual([]);
  });
});
