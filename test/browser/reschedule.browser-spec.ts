import { Browser } from 'playwright-core';
import { REFERENCE_EVE } from '../factories/app';
import { Account, World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';

/** A meeting's range as the page shows it in every language, "10:00–10:30 GMT+8", as a pattern. */
function range(from: string, to: string, offset: string): string {
  return `${from}–${to} GMT\\+${offset}`;
}

/** Tomorrow (UTC), so the browser's clock and the server's both see the event's slots ahead. */
function tomorrow(): string {
  return new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Moving a meeting from the meetings page: one party proposes one of the
 * event's slots, the partner sees the current and the proposed time (its own
 * zone and the proposer's) and accepts after a confirmation, and both pages show
 * the meeting at the new time without a reload; a clash the server refuses
 * (SLOT_TAKEN) is explained, and proposals are declined and withdrawn.
 */
describe('browser: proposing another time for a meeting', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp({ NOTIFIER: 'on' }), launchBrowser()]);
    world = new World(web);
    organizer = await world.organizer();
  });
  afterEach(async () => {
    web.clock.set(REFERENCE_EVE);
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  /** An event tomorrow 01:00–10:00 UTC (08:00–17:00 in Lào Cai, 09:00–18:00 in Hangzhou), 30-minute slots, a meeting at 02:00 UTC. */
  async function bookedMeeting() {
    web.clock.set(new Date());
    const day = tomorrow();
    const setup = await world.openEvent(organizer, { startsAt: `${day}T01:00:00.000Z`, endsAt: `${day}T10:00:00.000Z` });
    const pair = await world.acceptedPair(organizer, setup); // VN in Lào Cai, CN in Hangzhou
    const meeting = (
      await web.http
        .post(`/api/events/${setup.eventId}/meetings`)
        .set(organizer.auth)
        .send({ connectionId: pair.connectionId, startsAt: `${day}T02:00:00Z` })
        .expect(201)
    ).body as { id: string };
    return { day, setup, meeting, ...pair };
  }

  async function open(name: string, email: string, path: string): Promise<TrackedPage> {
    const tracked = await TrackedPage.open(browser, web.url, name);
    pages.push(tracked);
    await tracked.login(email, PASSWORD);
    await tracked.page.goto(path);
    return tracked;
  }

  it('the buyer proposes a slot in Chinese, the grower sees both times in Vietnamese and accepts, and both see the meeting moved', async () => {
    const { day, setup, meeting, vn, cn } = await bookedMeeting();
    await web.http.patch('/api/me').set(vn.account.auth).send({ locale: 'vi' }).expect(200);
    await web.http.patch('/api/me').set(cn.account.auth).send({ locale: 'zh' }).expect(200);
    const meetingsPath = `/events/${setup.eventId}/meetings`;

    // The grower's page is open before anything is proposed: the proposal arrives live.
    const grower = await open('grower', vn.account.email, meetingsPath);
    const growerCard = grower.page.locator('li.meeting');
    await growerCard.getByText(new RegExp(range('09:00', '09:30', '7'))).waitFor();
    await growerCard.getByRole('button', { name: 'Đề xuất giờ khác' }).waitFor();

    const buyer = await open('buyer', cn.account.email, meetingsPath);
    const buyerCard = buyer.page.locator('li.meeting');
    await buyerCard
      .getByText(new RegExp(range('10:00', '10:30', '8')))
      .first()
      .waitFor();
    await buyerCard.getByRole('button', { name: '提议改期' }).click();
    // Sending nothing says what is missing, and nothing is sent.
    await buyerCard.getByRole('button', { name: '发送提议' }).click();
    await buyerCard.locator('.field-error').waitFor();
    // The slots are the event's grid in the buyer's zone (Hangzhou): 12:00 there is 11:00 in Lào Cai.
    const select = buyerCard.getByLabel('新时间');
    expect(await select.locator('option', { hasText: '10:00–10:30' }).count()).toBe(0); // the time it already has
    await select.selectOption(`${day}T04:00:00.000Z`);
    await buyerCard.getByText(new RegExp(range('12:00', '12:30', '8'))).waitFor();
    await buyerCard.getByText(new RegExp(`对方时间.*${range('11:00', '11:30', '7')}`)).waitFor();
    await buyer.screenshot('reschedule-propose-zh.png');
    await buyerCard.getByRole('button', { name: '发送提议' }).click();
    await buyerCard.getByText('正在等待Bat Xat Agricultural Products Co., Ltd.答复。在此之前，会谈时间保持不变。').waitFor();
    await buyerCard.getByRole('button', { name: '撤回提议' }).waitFor();
    await buyer.screenshot('reschedule-waiting-zh.png');

    // The grower sees who proposes, the current and the proposed time (its own, and the buyer's).
    const proposal = growerCard.getByRole('group', { name: 'Đổi giờ gặp' });
    await proposal.getByText('Zhejiang Silk Road Textiles Co., Ltd. đề xuất đổi sang giờ khác').waitFor();
    await proposal.getByText(new RegExp(`Giờ hiện tại: .*${range('09:00', '09:30', '7')}`)).waitFor();
    await proposal.getByText(new RegExp(`Giờ đề xuất: .*${range('11:00', '11:30', '7')}.*${range('12:00', '12:30', '8')}`)).waitFor();
    expect(await growerCard.getByRole('button', { name: 'Đề xuất giờ khác' }).count()).toBe(0);
    await grower.screenshot('reschedule-answer-vi.png');

    // Accepting asks first; cancelling leaves everything as it was.
    await proposal.getByRole('button', { name: 'Chấp nhận giờ mới' }).click();
    const dialog = grower.page.getByRole('dialog', { name: 'Chuyển cuộc gặp sang giờ được đề xuất?' });
    await dialog.waitFor();
    await grower.screenshot('reschedule-confirm-vi.png', { fullPage: false });
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    expect((await web.http.get(`/api/meetings/${meeting.id}`).set(organizer.auth)).body.startsAt).toBe(`${day}T02:00:00.000Z`);
    await proposal.getByRole('button', { name: 'Chấp nhận giờ mới' }).click();
    await dialog.getByRole('button', { name: 'Chấp nhận giờ mới' }).click();
    await growerCard.getByText('Cuộc gặp đã được chuyển sang giờ mới.').waitFor();
    await growerCard.locator('.meeting-time', { hasText: new RegExp(range('11:00', '11:30', '7')) }).waitFor();
    expect((await web.http.get(`/api/meetings/${meeting.id}`).set(organizer.auth)).body).toMatchObject({ startsAt: `${day}T04:00:00.000Z`, status: 'scheduled' });

    // The buyer's page follows without a reload: the new time, nothing pending.
    await buyerCard.locator('.meeting-time', { hasText: new RegExp(range('12:00', '12:30', '8')) }).waitFor();
    await eventually(async () => (await buyerCard.getByRole('button', { name: '撤回提议' }).count()) === 0);
    await buyerCard.getByRole('button', { name: '提议改期' }).waitFor();
    await grower.screenshot('reschedule-moved-vi.png');
    expect(grower.errors).toEqual([]);
    expect(buyer.errors).toEqual([]);
  });

  it('a clash is refused with a clear SLOT_TAKEN message; the partner declines, and the proposer withdraws the next one', async () => {
    const { day, setup, meeting, vn, cn } = await bookedMeeting();
    // The buyer meets someone else at 05:00 UTC: a move onto it cannot be accepted.
    const other = await world.approved(organizer, setup, 'VN');
    const c = await web.http.post(`/api/events/${setup.eventId}/connections`).set(cn.account.auth).send({ fromRegistrationId: cn.registration.id, toRegistrationId: other.registration.id });
    await web.http.post(`/api/connections/${c.body.id}/accept`).set(other.account.auth).expect(200);
    await web.http
      .post(`/api/events/${setup.eventId}/meetings`)
      .set(organizer.auth)
      .send({ connectionId: c.body.id, startsAt: `${day}T05:00:00Z` })
      .expect(201);
    const meetingsPath = `/events/${setup.eventId}/meetings`;

    const grower = await open('grower', vn.account.email, meetingsPath);
    const growerCard = grower.page.locator('li.meeting');
    await growerCard.getByRole('button', { name: 'Propose another time' }).click();
    await growerCard.getByLabel('New time').selectOption(`${day}T05:00:00.000Z`); // 12:00 in Lào Cai
    await growerCard.getByRole('button', { name: 'Send the proposal' }).click();
    await growerCard.getByText('Waiting for Zhejiang Silk Road Textiles Co., Ltd. to answer. Until then the meeting keeps its time.').waitFor();

    // The buyer's own other meeting is not offered to it: its slot is marked and disabled.
    const buyer = await open('buyer', cn.account.email, `${meetingsPath}?meeting=${meeting.id}`);
    const buyerCard = buyer.page.locator(`li#meeting-${meeting.id}`);
    const proposal = buyerCard.getByRole('group', { name: 'Another time' });
    await proposal.getByText('Bat Xat Agricultural Products Co., Ltd. proposes another time').waitFor();
    await proposal.getByText(new RegExp(`Proposed: .*${range('13:00', '13:30', '8')}.*${range('12:00', '12:30', '7')}`)).waitFor();
    await proposal.getByRole('button', { name: 'Accept the new time' }).click();
    await buyer.page.getByRole('dialog').getByRole('button', { name: 'Accept the new time' }).click();
    await buyer.expectFailedRequest(409);
    await proposal
      .getByRole('alert')
      .getByText('That time is not free: you, your partner or the table already has a meeting then. The meeting keeps its current time; you can decline this proposal.')
      .waitFor();
    await buyer.screenshot('reschedule-slot-taken-en.png');
    await buyer.page.getByRole('button', { name: '中文' }).click();
    await buyerCard.getByText('该时间已不再空闲：您、对方或洽谈桌在该时段已有其他会谈。会谈保持当前时间；您可以拒绝此提议。').waitFor();
    await buyer.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await buyerCard.getByText(/Giờ đó không còn trống/).waitFor();
    await buyer.page.getByRole('button', { name: 'English' }).click();
    expect((await web.http.get(`/api/meetings/${meeting.id}`).set(organizer.auth)).body.startsAt).toBe(`${day}T02:00:00.000Z`);

    await proposal.getByRole('button', { name: 'Decline' }).click();
    await buyerCard.getByText('Proposal declined: the meeting keeps its time.').waitFor();
    // The grower learns it live, and may propose again.
    await growerCard.getByText(new RegExp(`Zhejiang Silk Road Textiles Co\\., Ltd\\. declined your proposal: .*${range('12:00', '12:30', '7')}`)).waitFor();
    await growerCard.getByRole('button', { name: 'Propose another time' }).click();
    const select = growerCard.getByLabel('New time');
    await select.selectOption(`${day}T06:00:00.000Z`);
    await growerCard.getByRole('button', { name: 'Send the proposal' }).click();
    await growerCard.getByRole('button', { name: 'Withdraw the proposal' }).click();
    await growerCard.getByText('Proposal withdrawn: the meeting keeps its time.').waitFor();
    await growerCard.getByRole('button', { name: 'Propose another time' }).waitFor();
    // The buyer's page no longer offers to accept it.
    await eventually(async () => (await proposal.getByRole('button', { name: 'Accept the new time' }).count()) === 0);
    const list = (await web.http.get(`/api/meetings/${meeting.id}/reschedules`).set(vn.account.auth).expect(200)).body as { items: { status: string }[] };
    expect(list.items.map((p) => p.status)).toEqual(['withdrawn', 'declined']);

    // On the buyer's meetings page, a slot it is already booked in is shown as busy and cannot be chosen.
    await proposal.getByRole('button', { name: 'Propose another time' }).click();
    const busy = buyerCard.getByLabel('New time').locator('option', { hasText: 'you have another meeting' });
    expect(await busy.count()).toBe(1);
    expect(await busy.getAttribute('value')).toBe(`${day}T05:00:00.000Z`);
    expect(await busy.isDisabled()).toBe(true);
    expect(grower.errors).toEqual([]);
    expect(buyer.errors).toEqual([]);
  });

  it('the partner’s notification opens the meetings page on that meeting', async () => {
    const { day, setup, meeting, vn, cn } = await bookedMeeting();
    const grower = await open('grower', vn.account.email, '/events');
    const { page } = grower;
    const count = page.getByTestId('bell-count');
    await eventually(async () => (await count.count()) === 1);
    const before = Number(await count.textContent());

    await web.http
      .post(`/api/meetings/${meeting.id}/reschedule`)
      .set(cn.account.auth)
      .send({ startsAt: `${day}T03:00:00Z` })
      .expect(201);
    await eventually(async () => Number(await count.textContent()) === before + 1);
    await page.getByRole('button', { name: /Notifications/ }).click();
    const item = page.locator('.bell-item a[data-kind="meeting.reschedule_proposed"]');
    await item.waitFor();
    expect(await item.getAttribute('href')).toBe(`/events/${setup.eventId}/meetings?meeting=${meeting.id}`);
    await item.click();
    await page.waitForURL((u) => u.pathname === `/events/${setup.eventId}/meetings` && u.searchParams.get('meeting') === meeting.id);
    const card = page.locator(`li#meeting-${meeting.id}`);
    await card.getByRole('button', { name: 'Accept the new time' }).waitFor();
    await eventually(() => page.evaluate<string>("document.activeElement?.id ?? ''").then((id) => id === `meeting-${meeting.id}`));
    expect(grower.errors).toEqual([]);
  });
});
