import { AttendanceService } from '@tradebridge/meetings';
import { Browser } from 'playwright-core';
import { Account, World } from '../factories/world';
import { eventually, framesDecoded, launchChromium, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

const MINUTE = 60_000;

/**
 * A real two-party call in Chromium with fake camera and microphone: each
 * party decodes the other's video over loopback (host candidates, no STUN),
 * and an outsider is refused with the call's own words.
 */
describe('browser: the video call of an online meeting', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp({ MEETING_HELD_MINUTES: '0.05' }), launchChromium({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] })]);
    web.clock.set(new Date());
    world = new World(web);
    organizer = await world.organizer();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  it('connects the two parties, each decoding the other’s video within 10 s, and refuses an outsider', async () => {
    const now = Date.now();
    const setup = await world.openEvent(organizer, { startsAt: new Date(now - 60 * MINUTE).toISOString(), endsAt: new Date(now + 4 * 60 * MINUTE).toISOString() });
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup);
    const startsAt = new Date(now + 2 * MINUTE);
    const meeting = (
      await web.http
        .post(`/api/events/${setup.eventId}/meetings`)
        .set(organizer.auth)
        .send({ connectionId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString() })
        .expect(201)
    ).body as { id: string; mode: string };
    expect(meeting.mode).toBe('online');

    const [vnPage, cnPage] = await Promise.all([TrackedPage.open(browser, web.url, 'vn'), TrackedPage.open(browser, web.url, 'cn')]);
    pages.push(vnPage, cnPage);
    await Promise.all([vnPage.login(vn.account.email, 'correct horse battery staple'), cnPage.login(cn.account.email, 'correct horse battery staple')]);
    const opened = Date.now();
    await Promise.all([vnPage.page.goto(`/meet/${meeting.id}`), cnPage.page.goto(`/meet/${meeting.id}`)]);
    await Promise.all([eventually(async () => (await framesDecoded(vnPage.page)) > 0, 10_000), eventually(async () => (await framesDecoded(cnPage.page)) > 0, 10_000)]);
    const setupMs = Date.now() - opened;
    console.log(`meeting call: both parties decoding video ${setupMs} ms after opening /meet`);
    for (const p of [vnPage, cnPage]) await p.page.locator('[data-testid="call-state"][data-state="connected"]').waitFor();

    // The partner's contact details stay on the page, beside the call.
    await vnPage.page.getByText('trade@silkroad-textiles.cn').waitFor();
    await vnPage.screenshot('meeting-call-en.png');
    await cnPage.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await cnPage.page.getByText('Đã kết nối').waitFor();
    await cnPage.page.locator('figcaption', { hasText: 'Công ty TNHH Nông sản Bát Xát' }).waitFor();
    await cnPage.page.getByRole('button', { name: 'Tắt micro' }).click();
    await cnPage.page.getByRole('button', { name: 'Bật micro' }).waitFor();
    await cnPage.screenshot('meeting-call-vi.png');

    const outsider = await world.account('outsider');
    const outsiderPage = await TrackedPage.open(browser, web.url, 'outsider');
    pages.push(outsiderPage);
    await outsiderPage.login(outsider.email, 'correct horse battery staple');
    await outsiderPage.page.goto(`/meet/${meeting.id}`);
    await outsiderPage.page.locator('[data-testid="call-refusal"][data-code="NOT_A_PARTICIPANT"]').waitFor();
    await outsiderPage.page.getByText('Only the two enterprises of this meeting and the event’s staff can join its call.').waitFor();
    await outsiderPage.expectFailedRequest(404); // GET /api/meetings/:id: not theirs to see
    await outsiderPage.screenshot('meeting-call-outsider-en.png');

    // Both parties have been in the call together past MEETING_HELD_MINUTES (3 s here): the attendance
    // rules make the meeting held (swept by hand: a timer would sweep every spec's meetings), and the page says so.
    await eventually(async () => {
      // The sessions are stamped by the database's clock: the app's follows it here.
      web.clock.set(new Date());
      await web.app.get(AttendanceService).sweep([setup.eventId]);
      return (await web.http.get(`/api/meetings/${meeting.id}`).set(organizer.auth)).body.status === 'held';
    }, 15_000);
    await vnPage.page.reload();
    await vnPage.page.getByText('Partner: attended').waitFor();
    await vnPage.page.getByText('You: attended').waitFor();

    expect([...vnPage.errors, ...cnPage.errors, ...outsiderPage.errors]).toEqual([]);
  });
});
