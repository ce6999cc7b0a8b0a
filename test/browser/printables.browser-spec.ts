import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Browser, Download, Locator } from 'playwright-core';
import { Account, World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';

/**
 * The print page as an organizer uses it (in Vietnamese): badges four to an A4 sheet,
 * schedules in each enterprise's own language, a venue's table plan and its check-in
 * list, each a PDF whose QR codes read back; and an enterprise's member (in Chinese)
 * downloading its own schedule and badge from its pages.
 */
describe('browser: printing badges, schedules, table plans and check-in lists', () => {
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

  async function download(tracked: TrackedPage, button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [file]: [Download, void] = await Promise.all([tracked.page.waitForEvent('download'), button.click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  }
  const pdfText = (pdf: Buffer) => execFileSync(process.execPath, [join(__dirname, '..', 'factories', 'pdf-text.mjs')], { input: pdf, encoding: 'utf8' });
  const qrCodes = (pdf: Buffer): (string | null)[][] =>
    JSON.parse(execFileSync(process.execPath, [join(__dirname, '..', 'factories', 'pdf-qr.mjs')], { input: pdf, encoding: 'utf8', maxBuffer: 64 << 20 }));

  it('prints from the organizer’s print page, and a member prints its own from its pages', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    await web.http.patch('/api/me').set(cn.account.auth).send({ locale: 'zh', timezone: 'Asia/Shanghai' }).expect(200);
    await web.http.patch('/api/me').set(vn.account.auth).send({ locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' }).expect(200);
    const meeting = (await web.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201)).body as {
      table: number;
    };

    const desk = await TrackedPage.open(browser, web.url, 'organizer');
    pages.push(desk);
    await desk.login(organizer.email, PASSWORD);
    await desk.page.goto(`/org/events/${setup.eventId}/setup`);
    await desk.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await desk.page.getByRole('link', { name: 'In ấn' }).click();
    await desk.page.getByRole('heading', { name: 'In tài liệu cho điểm cầu' }).waitFor();
    await desk.screenshot('print-page-vi.png');

    // Badges, four to a sheet (the default), in Vietnamese.
    const badges = await download(desk, desk.page.getByRole('button', { name: 'Tải thẻ tham dự (PDF)' }));
    expect(badges.name).toBe(`tradebridge-badges-a4-${setup.eventId}.pdf`);
    expect(qrCodes(badges.bytes)).toEqual([expect.arrayContaining([vn.registration.badgeCode, cn.registration.badgeCode])]);
    expect(pdfText(badges.bytes)).toContain('TRUNG QUỐC');
    await desk.page.getByText(`Đã lưu ${badges.name}`).waitFor();

    // Schedules in each enterprise's language: the CN one in Chinese on Shanghai's clock.
    const schedules = await download(desk, desk.page.getByRole('button', { name: 'Tải lịch gặp (PDF)' }));
    const text = pdfText(schedules.bytes);
    expect(text).toContain('企业洽谈日程: 浙江丝路纺织有限公司');
    expect(text).toContain(`${meeting.table}号桌`);
    expect(text).toContain('Lịch gặp của doanh nghiệp: Công ty TNHH Nông sản Bát Xát');

    // Lào Cai's table plan and signs, then its check-in list (the online venue has no tables: not listed).
    const venueRow = desk.page.locator('li.print-venue').filter({ hasText: 'Điểm cầu chính Lào Cai' });
    expect(await desk.page.locator('li.print-venue').count()).toBe(2);
    const plan = await download(desk, venueRow.getByRole('button', { name: 'Sơ đồ bàn và biển bàn (PDF)' }));
    const signs = qrCodes(plan.bytes);
    expect(signs).toHaveLength(41);
    expect(signs[meeting.table]).toEqual([expect.stringMatching(/^T-/)]);
    expect(pdfText(plan.bytes)).toContain('Sơ đồ bàn gặp: Điểm cầu chính Lào Cai');
    const list = await download(desk, venueRow.getByRole('button', { name: 'Danh sách đón tiếp (PDF)' }));
    expect(pdfText(list.bytes)).toContain('Tổng số 2 doanh nghiệp · đã đến 0');

    // The CN member, in Chinese: its own schedule from the meetings page, its badge from the badge page.
    const buyer = await TrackedPage.open(browser, web.url, 'buyer');
    pages.push(buyer);
    await buyer.login(cn.account.email, PASSWORD);
    await buyer.page.goto(`/events/${setup.eventId}/meetings`);
    await buyer.page.getByRole('button', { name: '中文' }).click();
    const mine = await download(buyer, buyer.page.getByRole('button', { name: '下载我的洽谈日程（PDF）' }));
    const own = pdfText(mine.bytes);
    expect(own).toContain('时间均为 Asia/Shanghai (GMT+8)');
    expect(own).toMatch(/10:00–10:30 Bat Xat Agricultural Products Co., Ltd. \d+号桌/);
    expect(own).not.toContain('Lịch gặp');
    await buyer.page.goto(`/events/${setup.eventId}/badge`);
    const badge = await download(buyer, buyer.page.getByRole('button', { name: '下载我的参会证（PDF）' }));
    expect(qrCodes(badge.bytes)).toEqual([[cn.registration.badgeCode]]);
    await buyer.screenshot('badge-download-zh.png');
    for (const p of pages) expect(p.errors).toEqual([]);
  });
});
