import { Browser } from 'playwright-core';
import { World } from '../factories/world';
import { launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(90_000);

/**
 * Conversations across languages (issue 16, item 5): a Vietnamese member sends a
 * phrasebook message from the connections page, and the Chinese partner, whose
 * thread is open, sees it arrive live, in Chinese.
 */
describe('browser: a phrasebook message read in the partner’s language', () => {
  let web: WebApp;
  let browser: Browser;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  it('a Vietnamese member sends “Can you send a sample?” and the Chinese partner reads 能寄样品吗？ live', async () => {
    const world = new World(web);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const request = await web.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(cn.account.auth)
      .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id })
      .expect(201);
    const connectionId = request.body.id as string;

    // The Chinese buyer has the thread open (as a notification's link opens it), in Chinese.
    const buyer = await TrackedPage.open(browser, web.url, 'buyer-zh');
    pages.push(buyer);
    await buyer.login(cn.account.email, 'correct horse battery staple');
    await buyer.page.getByRole('button', { name: '中文' }).click();
    await buyer.page.goto(`/events/${setup.eventId}/connections?thread=${connectionId}`);
    const buyerThread = buyer.page.getByRole('region', { name: /^与.+的对话$/ });
    await buyerThread.getByText('还没有消息。可以先从常用语中选一句。').waitFor();

    // The Vietnamese exporter opens the thread from the pending request and sends a phrase.
    const exporter = await TrackedPage.open(browser, web.url, 'exporter-vi');
    pages.push(exporter);
    await exporter.login(vn.account.email, 'correct horse battery staple');
    await exporter.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await exporter.page.goto(`/events/${setup.eventId}/connections`);
    await exporter.page.getByRole('button', { name: 'Tin nhắn', exact: true }).click();
    const exporterThread = exporter.page.getByRole('region', { name: /^Trao đổi với / });
    await exporterThread.getByLabel('Sổ tay mẫu câu').selectOption({ label: 'Quý công ty có thể gửi hàng mẫu không?' });
    await exporterThread.getByRole('button', { name: 'Gửi mẫu câu' }).click();
    await exporterThread.getByRole('list', { name: 'Tin nhắn' }).getByText('Quý công ty có thể gửi hàng mẫu không?').waitFor();

    // Live, without a reload: the buyer reads it in Chinese, marked as a phrasebook message.
    const arrived = buyerThread.getByRole('listitem').filter({ hasText: '能寄样品吗？' });
    await arrived.waitFor();
    await arrived.getByText('常用语').waitFor();
    expect(await buyerThread.getByText('Quý công ty có thể gửi hàng mẫu không?').count()).toBe(0);

    // The buyer answers in its own words; the exporter reads them as written.
    await buyerThread.getByLabel('自己输入').fill('可以，下周寄出 2 公斤。');
    await buyerThread.getByRole('button', { name: '发送', exact: true }).click();
    await exporterThread.getByText('可以，下周寄出 2 公斤。').waitFor();
    await buyer.screenshot('conversation-zh.png');
    await exporter.screenshot('conversation-vi.png');

    // What the pages showed is what was stored: one phrase by key, one text, both read.
    const thread = await web.http.get(`/api/connections/${connectionId}/messages`).set(vn.account.auth).expect(200);
    expect(thread.body.items.map((m: { phraseKey: string | null; text: string | null }) => m.phraseKey ?? m.text)).toEqual(['samples.request', '可以，下周寄出 2 公斤。']);
    const unread = (await web.http.get(`/api/events/${setup.eventId}/conversations`).set(cn.account.auth)).body.items[0].unread;
    expect(unread).toBe(0);
    expect(buyer.errors).toEqual([]);
    expect(exporter.errors).toEqual([]);
  });
});
