import { Browser } from 'playwright-core';
import { COLUMN_TEXT, IMPORT_COLUMNS, type ImportColumn } from '@tradebridge/imports';
import { Account, World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(180_000);

const PASSWORD = 'correct horse battery staple';

/**
 * The import page as an organizer uses it, in Vietnamese: a CSV of 600 enterprises, two
 * rows of which are wrong, is checked (every refusal with its row, column and reason, and
 * nothing written), then imported after confirming, with the job's progress bar in the
 * page, until it says how many were created.
 */
describe('browser: importing participants from a spreadsheet', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
    organizer = await world.organizer();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  it('checks a CSV, shows each refusal, imports the rest after confirming, with progress', async () => {
    const setup = await world.openEvent(organizer);
    await web.http.patch(`/api/events/${setup.eventId}/venues/${setup.venues.online}`).set(organizer.auth).send({ capacity: 5000 }).expect(200);
    const run = Date.now().toString(36);
    const row = (i: number): Partial<Record<ImportColumn, string>> => ({
      name_vi: `HTX Nông sản Bát Xát ${run}-${i}`,
      country: 'VN',
      region: i === 7 ? 'Không có tỉnh này' : 'Lào Cai',
      offers: '081060: Sầu riêng tươi',
      contact_person: 'Nguyễn Thị Hoa',
      contact_email: i === 12 ? 'not-an-email' : `hoa.${run}.${i}@batxat-agri.vn`,
      contact_phone: '+84 214 3840 123',
      venue: 'Trực tuyến / Online',
      attendance: 'trực tuyến',
    });
    const quote = (s: string) => (/[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const csv = [IMPORT_COLUMNS.map((c) => COLUMN_TEXT[c].vi.header), ...Array.from({ length: 600 }, (_, i) => IMPORT_COLUMNS.map((c) => quote(row(i)[c] ?? '')))]
      .map((cells) => cells.join(','))
      .join('\r\n');

    const desk = await TrackedPage.open(browser, web.url, 'organizer');
    pages.push(desk);
    await desk.login(organizer.email, PASSWORD);
    await desk.page.goto(`/org/events/${setup.eventId}/setup`);
    await desk.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await desk.page.getByRole('link', { name: 'Nhập danh sách' }).click();
    await desk.page.getByRole('heading', { name: 'Mẫu danh sách đại biểu' }).waitFor();
    await desk.page.getByLabel('Tệp XLSX hoặc CSV').setInputFiles({ name: 'dai-bieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await desk.page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await desk.page.getByRole('heading', { name: 'Kết quả nếu nhập' }).waitFor();
    // Rows 9 and 14 of the sheet (the header is row 1) are refused, each naming its column.
    const refusals = desk.page.locator('tr.row-warning');
    await refusals.first().waitFor();
    expect(await refusals.count()).toBe(2);
    expect(await refusals.nth(0).locator('td').nth(0).textContent()).toBe('9');
    expect(await refusals.nth(0).locator('td').nth(1).textContent()).toBe(COLUMN_TEXT.region.vi.header);
    expect(await refusals.nth(1).locator('td').nth(0).textContent()).toBe('14');
    expect(await refusals.nth(1).locator('td').nth(1).textContent()).toBe(COLUMN_TEXT.contact_email.vi.header);
    const count = async () => (await web.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [setup.eventId]))[0].n;
    expect(await count()).toBe(0); // a check writes nothing
    await desk.screenshot('import-checked-vi.png');

    // Importing asks first, then follows the job to the end.
    await desk.page.getByRole('button', { name: 'Nhập 598 dòng' }).click();
    const dialog = desk.page.getByRole('dialog', { name: 'Nhập 598 dòng?' });
    await dialog.getByRole('button', { name: 'Nhập 598 dòng' }).click();
    await desk.page.getByRole('progressbar', { name: /Đã ghi \d+\/600 dòng/ }).waitFor();
    await desk.page.getByText('Hoàn tất: tạo mới 598 doanh nghiệp, cập nhật 0.').waitFor({ timeout: 120_000 });
    expect(await count()).toBe(598);
    await desk.screenshot('import-done-vi.png');
    for (const p of pages) expect(p.errors).toEqual([]);
  });
});
