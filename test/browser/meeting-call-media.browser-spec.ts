import { Browser, Page } from 'playwright-core';
import { Account, World } from '../factories/world';
import { eventually, framesDecoded, launchChromium, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';

/** What this page's video sender sends: the track's label (screen:… while sharing) and its state. */
function videoSent(page: Page): Promise<{ label: string; readyState: string } | null> {
  return page.evaluate(() => {
    type Track = { kind: string; label: string; readyState: string };
    type Peer = { getSenders(): { track: Track | null }[] };
    const call = (globalThis as unknown as { tradebridgeCall?: { peers: Map<string, Peer> } }).tradebridgeCall;
    for (const pc of call?.peers.values() ?? []) for (const { track } of pc.getSenders()) if (track?.kind === 'video') return { label: track.label, readyState: track.readyState };
    return null;
  });
}

/** The tracks this page sends, by kind. */
function sending(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Peer = { getSenders(): { track: { kind: string } | null }[] };
    const call = (globalThis as unknown as { tradebridgeCall?: { peers: Map<string, Peer> } }).tradebridgeCall;
    const kinds = new Set<string>();
    for (const pc of call?.peers.values() ?? []) for (const sender of pc.getSenders()) if (sender.track) kinds.add(sender.track.kind);
    return [...kinds].sort();
  });
}

/**
 * When the person refuses the camera (or the camera and the microphone), the
 * call still connects: the page says what is missing, sends what it has, shows
 * the partner's video, and keeps the partner's contact details in view.
 * Chromium runs with its fake camera and microphone; the refusal is the
 * NotAllowedError a browser gives (TrackedPage's refuseMedia).
 */
describe('browser: the call’s media: camera or microphone refused, screen share, device choice', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let organizer: Account;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] })]);
    web.clock.set(new Date());
    world = new World(web);
    organizer = await world.organizer();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await web?.close();
  });

  const onlineMeeting = async () => {
    const now = Date.now();
    const setup = await world.openEvent(organizer, { startsAt: new Date(now - 60 * MINUTE).toISOString(), endsAt: new Date(now + 4 * 60 * MINUTE).toISOString() });
    const pair = await world.acceptedPair(organizer, setup);
    const startsAt = new Date(now + 2 * MINUTE);
    const meeting = (
      await web.http
        .post(`/api/events/${setup.eventId}/meetings`)
        .set(organizer.auth)
        .send({ connectionId: pair.connectionId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString() })
        .expect(201)
    ).body as { id: string; mode: string };
    expect(meeting.mode).toBe('online');
    return { ...pair, meetingId: meeting.id };
  };
  const open = async (account: Account, name: string, refuseMedia: ('camera' | 'microphone')[], meetingId: string) => {
    const tracked = await TrackedPage.open(browser, web.url, name, { refuseMedia });
    pages.push(tracked);
    await tracked.login(account.email, PASSWORD);
    await tracked.page.goto(`/meet/${meetingId}`);
    return tracked;
  };

  it('camera refused: the call goes on with the microphone, the page says so, and the partner’s video still plays', async () => {
    const { vn, cn, meetingId } = await onlineMeeting();
    const [micOnly, full] = await Promise.all([open(vn.account, 'mic only', ['camera'], meetingId), open(cn.account, 'full', [], meetingId)]);
    await micOnly.page.getByText('The camera is unavailable or was refused: you take part with your microphone only.').waitFor();
    for (const p of [micOnly, full]) await p.page.locator('[data-testid="call-state"][data-state="connected"]').waitFor();
    await eventually(async () => (await framesDecoded(micOnly.page)) > 0, 15_000);
    expect(await sending(micOnly.page)).toEqual(['audio']);
    expect(await sending(full.page)).toEqual(['audio', 'video']);
    // The camera button has nothing to turn on; the microphone one works.
    expect(
      await micOnly.page
        .getByRole('button', { name: 'Turn camera on' })
        .or(micOnly.page.getByRole('button', { name: 'Turn camera off' }))
        .isDisabled(),
    ).toBe(true);
    await micOnly.page.getByRole('button', { name: 'Mute microphone' }).click();
    await micOnly.page.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    // The partner's contact details stay on the page as the fallback.
    await micOnly.page.getByText('trade@silkroad-textiles.cn').waitFor();
    await micOnly.screenshot('meeting-call-camera-refused-en.png');
    expect([...micOnly.errors, ...full.errors]).toEqual([]);
  });

  it('camera and microphone refused: the page says the partner cannot see or hear you, and you still see them', async () => {
    const { vn, cn, meetingId } = await onlineMeeting();
    const [nothing, full] = await Promise.all([open(cn.account, 'nothing', ['camera', 'microphone'], meetingId), open(vn.account, 'full', [], meetingId)]);
    await nothing.page.getByRole('button', { name: '中文' }).click();
    await nothing.page.locator('[data-testid="call-media"]').waitFor();
    for (const p of [nothing, full]) await p.page.locator('[data-testid="call-state"][data-state="connected"]').waitFor();
    await eventually(async () => (await framesDecoded(nothing.page)) > 0, 15_000);
    expect(await sending(nothing.page)).toEqual([]);
    expect(await framesDecoded(full.page)).toBe(0);
    await nothing.screenshot('meeting-call-no-media-zh.png');
    await nothing.page.getByRole('button', { name: 'English' }).click();
    await nothing.page.getByText('Camera and microphone are unavailable or were refused: you can see and hear your partner, but they cannot see or hear you.').waitFor();
    expect([...nothing.errors, ...full.errors]).toEqual([]);
  });

  it('screen share replaces the camera for the partner and gives it back; choosing a microphone sends that device', async () => {
    const { vn, cn, meetingId } = await onlineMeeting();
    const [presenter, viewer] = await Promise.all([open(vn.account, 'presenter', [], meetingId), open(cn.account, 'viewer', [], meetingId)]);
    for (const p of [presenter, viewer]) await p.page.locator('[data-testid="call-state"][data-state="connected"]').waitFor();
    await eventually(async () => (await framesDecoded(viewer.page)) > 0, 15_000);
    const camera = (await videoSent(presenter.page))!;
    expect(camera.label).not.toMatch(/^screen:/);

    await presenter.page.getByRole('button', { name: 'Share screen' }).click();
    await presenter.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await eventually(async () => /^screen:/.test((await videoSent(presenter.page))?.label ?? ''), 5_000);
    // The partner keeps decoding: the screen goes out on the same line, with no new negotiation.
    const before = await framesDecoded(viewer.page);
    await eventually(async () => (await framesDecoded(viewer.page)) > before + 10, 10_000);
    expect(await viewer.page.locator('[data-testid="call-state"]').getAttribute('data-state')).toBe('connected');

    await presenter.page.getByRole('button', { name: 'Stop sharing' }).click();
    await presenter.page.getByRole('button', { name: 'Share screen' }).waitFor();
    await eventually(async () => (await videoSent(presenter.page))?.label === camera.label, 5_000);

    // Device choice: the microphone picked in the list is the one sent.
    const mic = presenter.page.getByLabel('Microphone');
    const options = await mic.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(options.length).toBeGreaterThan(0);
    const chosen = options[options.length - 1];
    await mic.selectOption(chosen);
    await eventually(
      () =>
        presenter.page.evaluate((deviceId) => {
          type Track = { kind: string; readyState: string; getSettings(): { deviceId?: string } };
          type Peer = { getSenders(): { track: Track | null }[] };
          const call = (globalThis as unknown as { tradebridgeCall?: { peers: Map<string, Peer> } }).tradebridgeCall;
          for (const pc of call?.peers.values() ?? [])
            for (const { track } of pc.getSenders()) if (track?.kind === 'audio') return track.readyState === 'live' && track.getSettings().deviceId === deviceId;
          return false;
        }, chosen),
      5_000,
    );
    await presenter.screenshot('meeting-call-devices-en.png', { fullPage: false });
    expect([...presenter.errors, ...viewer.errors]).toEqual([]);
  });
});
