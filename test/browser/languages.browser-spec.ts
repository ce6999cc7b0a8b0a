import { Browser } from 'playwright-core';
import { eventBody, World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * The language switcher: labels, reference data (HS names, regions) fetched in
 * the chosen language, the choice kept across a reload.
 */
describe('browser: languages', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let tracked: TrackedPage;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('switches to Chinese and back to Vietnamese, labels and HS names alike, and remembers the choice', async () => {
    const member = await world.member('VN'); // a Lào Cai exporter of durian (081060), needing harvesters (8433)
    await world.openEvent(await world.organizer());
    tracked = await TrackedPage.open(browser, web.url, 'member');
    const { page } = tracked;
    await tracked.login(member.account.email, 'correct horse battery staple');
    await page.getByRole('link', { name: 'Company profile' }).click();
    // The pickers by position (their group's name changes with the language): two offers, then the need.
    const pickers = page.locator('.hs-picker input');
    const offer = pickers.nth(0);
    await eventually(async () => (await offer.inputValue()) === '081060 — Durians, fresh');

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('group', { name: '供应产品' }).waitFor();
    await page.getByRole('link', { name: '企业资料' }).waitFor();
    await page.getByRole('button', { name: '保存资料' }).waitFor();
    await eventually(async () => (await offer.inputValue()) === '081060 — 鲜榴莲');
    const region = page.getByLabel('省份 / 地区');
    await eventually(async () => (await region.locator('option:checked').textContent()) === '老街省');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hans');
    // Chinese, and the stars of the OCOP rating, are drawn in Noto Sans SC served by the app (a CJK
    // font of the device's own would do too): the bundled Chromium has none, so it would show boxes.
    await eventually(async () => (await page.getByLabel('OCOP 星级').locator('option:checked').textContent()) === '★★★★ 4 星');
    await page.evaluate('document.fonts.ready');
    const faces = `[...document.fonts].map((f) => f.family.replace(/"/g, '') + ': ' + f.status).filter((f) => f.startsWith('TB '))`;
    expect(await page.evaluate(faces)).toEqual(['TB Noto Sans SC: loaded', 'TB Symbols: loaded']);
    expect(await page.evaluate(`document.fonts.check('16px "TB Noto Sans SC"', '企业资料') && document.fonts.check('16px "TB Symbols"', '★')`)).toBe(true);
    await tracked.screenshot('enterprise-profile-zh.png');
    // The events page in Chinese: the event's name, its dates (→) and sides (⇄).
    await page.getByRole('link', { name: '活动' }).click();
    await page
      .getByRole('heading', { name: (eventBody().name as { zh: string }).zh })
      .first()
      .waitFor();
    await tracked.screenshot('events-zh.png');
    await page.getByRole('link', { name: '企业资料' }).click();

    // A reload keeps Chinese, reference data included.
    await page.reload();
    await page.getByRole('group', { name: '采购需求' }).waitFor();
    const need = pickers.nth(2);
    await eventually(async () => (await need.inputValue()).startsWith('8433 — ') && /[\u4e00-\u9fff]/.test(await need.inputValue()));
    expect(await page.evaluate("localStorage.getItem('tradebridge.locale')")).toBe('zh');

    // The HS picker searches in any language and answers in the chosen one.
    const picker = pickers.nth(1);
    await picker.click();
    await picker.fill('dragon fruit');
    await page
      .getByRole('option')
      .filter({ hasText: '081090' })
      .filter({ hasText: /火龙果/ })
      .waitFor();
    await picker.press('Escape');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('group', { name: 'Hàng cung cấp' }).waitFor();
    await page.getByRole('link', { name: 'Hồ sơ doanh nghiệp' }).waitFor();
    await eventually(async () => (await offer.inputValue()) === '081060 — Quả sầu riêng, tươi');
    await page.reload();
    await page.getByRole('button', { name: 'Lưu hồ sơ' }).waitFor();

    expect(tracked.errors).toEqual([]);
  });
});
