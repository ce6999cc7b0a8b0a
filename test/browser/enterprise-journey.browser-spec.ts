import jsQR from 'jsqr';
import { Browser } from 'playwright-core';
import { ConferenceSetup, World } from '../factories/world';
import { DESKTOP, eventually, launchBrowser, PHONE, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';

/**
 * Two enterprises, one per side, from signing up to an accepted connection,
 * each in its own browser context; then what follows: contact details, an
 * outcome, a meeting in both time zones, the badge and a badge scan.
 */
describe('browser: an enterprise from sign-up to an accepted connection', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    for (const p of pages) await p.page.screenshot({ path: `${__dirname}/artifacts/last-${p.name}.png`, fullPage: true }).catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  async function open(name: string): Promise<TrackedPage> {
    const tracked = await TrackedPage.open(browser, web.url, name);
    pages.push(tracked);
    return tracked;
  }

  /** Signs up through the form; the app then asks for the company profile. */
  async function signUp(tracked: TrackedPage, displayName: string, email: string): Promise<void> {
    const { page } = tracked;
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Your name').fill(displayName);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/profile');
  }

  /** Picks an HS code by typing words in any language into the picker. */
  async function pickHs(tracked: TrackedPage, group: string, index: number, search: string, code: string): Promise<void> {
    const picker = tracked.page.getByRole('group', { name: group }).getByRole('combobox', { name: 'HS code' }).nth(index);
    await picker.click();
    await picker.fill(search);
    const option = tracked.page.getByRole('option').filter({ hasText: code }).first();
    await option.click();
    await eventually(async () => (await picker.inputValue()).startsWith(`${code} — `));
  }

  async function registerAt(tracked: TrackedPage, eventName: string, venue: RegExp): Promise<void> {
    const { page } = tracked;
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    const card = page.getByRole('article').filter({ hasText: eventName });
    await card.getByRole('button', { name: 'Register for this event' }).click();
    const option = card.getByLabel('Venue').locator('option').filter({ hasText: venue });
    await eventually(async () => (await option.count()) === 1);
    await card.getByLabel('Venue').selectOption({ label: (await option.textContent())! });
    await card.getByRole('button', { name: 'Register', exact: true }).click();
    await card.getByText('Pending approval').waitFor();
  }

  it('signs up two enterprises, matches them live, and connects them', async () => {
    const organizer = await world.organizer();
    const setup: ConferenceSetup = await world.openEvent(organizer);
    // Other browser tests share the database: this event gets a name of its own.
    const eventName = `International Export Trade Conference, Lào Cai ${Date.now()}`;
    await web.http
      .patch(`/api/events/${setup.eventId}`)
      .set(organizer.auth)
      .send({ name: { vi: 'Hội nghị Xúc tiến Thương mại Xuất khẩu Quốc tế', zh: '国际出口贸易促进会', en: eventName } })
      .expect(200);

    // ---- the Vietnamese grower: sign up, profile with HS picker in Vietnamese, OCOP, growing-area code
    const grower = await open('grower');
    const growerEmail = `grower.${Date.now()}@example.test`;
    await signUp(grower, 'Nguyễn Thị Hoa', growerEmail);
    let page = grower.page;
    await page.getByLabel('Name in Vietnamese').fill('Hợp tác xã Nông sản Bát Xát');
    await page.getByLabel('Name in English').fill('Bat Xat Farmers Cooperative');
    await page.getByLabel('Province / region').selectOption('VN-02');
    await pickHs(grower, 'What you offer', 0, 'sầu riêng', '081060');
    await page.getByRole('group', { name: 'What you offer' }).getByLabel('Description').first().fill('Sầu riêng Ri6 tươi, 200 tấn/năm');
    await pickHs(grower, 'What you need', 0, 'harvesting', '8433');
    await page.getByRole('button', { name: '+ Add a certification' }).click();
    await page.getByRole('group', { name: 'Certifications' }).getByLabel('Code').fill('VN-LCOR-0102');
    await page.getByRole('button', { name: '+ Add a certification' }).click();
    await page.getByRole('group', { name: 'Certifications' }).getByLabel('Kind').nth(1).selectOption('ocop');
    await page.getByRole('group', { name: 'Certifications' }).getByLabel('OCOP stars').selectOption('4');
    await page.getByLabel('Contact person').fill('Nguyễn Thị Hoa');
    await page.getByLabel('E-mail').fill('export@batxat-coop.vn');
    await page.getByLabel('Phone').fill('+84 214 3840 123');
    await grower.screenshot('enterprise-profile.png');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Bat Xat Farmers Cooperative' }).waitFor();
    await registerAt(grower, eventName, /Lào Cai/);

    // ---- the Chinese buyer: its profile found through Chinese words in the picker
    const buyer = await open('buyer');
    await signUp(buyer, '王芳', `buyer.${Date.now()}@example.test`);
    page = buyer.page;
    await page.getByLabel('Name in Chinese').fill('杭州鲜果进出口有限公司');
    await page.getByLabel('Name in English').fill('Hangzhou Fresh Fruit Trading Co.');
    await page.getByLabel('Country').selectOption('CN');
    await page.getByLabel('Province / region').selectOption('CN-ZJ');
    await pickHs(buyer, 'What you offer', 0, '5407', '5407');
    await pickHs(buyer, 'What you need', 0, '榴莲', '081060');
    await page.getByLabel('Contact person').fill('王芳');
    await page.getByLabel('E-mail').fill('wangfang@hz-fruit.cn');
    await page.getByLabel('Phone').fill('+86 571 8888 1234');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await registerAt(buyer, eventName, /杭州|Hangzhou/);
    await buyer.screenshot('enterprise-events.png');

    // ---- the organizers approve, place both in rooms and go live (their pages have tests of their own)
    const regs = await web.http.get(`/api/events/${setup.eventId}/registrations`).set(organizer.auth);
    expect(regs.body.items).toHaveLength(2);
    for (const r of regs.body.items) await web.http.post(`/api/events/${setup.eventId}/registrations/${r.id}/approve`).set(organizer.auth).expect(200);
    // Both in the agriculture room (the organizer's override; automatic assignment has its own test).
    for (const r of regs.body.items) {
      await web.http.patch(`/api/events/${setup.eventId}/registrations/${r.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    }
    // A third enterprise the grower will meet on site (registered before the event goes live).
    // At Lào Cai too: a badge connects parties checked in at the same venue.
    const walkIn = await world.approved(organizer, setup, 'CN', { name: { zh: '天津钢构有限公司', en: 'Tianjin Steel Frames Ltd.' } }, setup.venues.laoCai);
    await web.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);

    // ---- both open the live room: the buyer first, so the request must arrive live
    await buyer.page.goto(`/events/${setup.eventId}/live`);
    await buyer.page.getByText('Live', { exact: true }).waitFor();
    await buyer.page.getByRole('button', { name: /Raise hand/ }).click();
    await buyer.page.getByRole('button', { name: 'In the queue — number 1' }).waitFor();

    page = grower.page;
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.getByRole('article').filter({ hasText: eventName }).getByRole('link', { name: 'Live room' }).click();
    await page.getByText('Live', { exact: true }).waitFor();
    // Presence by side and the buyer in the queue, seen from the other browser.
    await page.getByRole('region', { name: 'Who is here' }).getByText('Hangzhou Fresh Fruit Trading Co.').waitFor();
    await page.getByRole('region', { name: 'Now presenting' }).getByText('Hangzhou Fresh Fruit Trading Co.').waitFor();
    // The buyer is recommended, with its reasons in English.
    const recommendation = page.getByRole('region', { name: 'Recommended partners' }).getByRole('listitem').filter({ hasText: 'Hangzhou Fresh Fruit Trading Co.' });
    await recommendation.getByText(/needs HS 081060/).waitFor();
    await grower.screenshot('enterprise-live-room.png');
    await page.setViewportSize(PHONE);
    await grower.screenshot('enterprise-live-room-phone.png');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Request a connection with Hangzhou Fresh Fruit Trading Co.' }).click();
    await page.getByLabel('Message').fill('Chúng tôi có sầu riêng Ri6 — we can ship weekly from Lào Cai.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('region', { name: 'Incoming requests' }).getByText('Sent, waiting for an answer').waitFor();

    // The request arrives in the buyer's open page, named, with its message; the buyer accepts.
    const incoming = buyer.page.getByRole('region', { name: 'Incoming requests' });
    await incoming.getByText('Bat Xat Farmers Cooperative').waitFor();
    await incoming.getByText(/we can ship weekly/).waitFor();
    await buyer.screenshot('enterprise-live-room-incoming.png');
    await buyer.page.getByRole('button', { name: 'Accept the request from Bat Xat Farmers Cooperative' }).click();
    await incoming.getByText('No requests waiting for you.').waitFor();

    // The grower learns it live, and the pair is in the database as accepted.
    await page.getByText('Hangzhou Fresh Fruit Trading Co. accepted your request.').first().waitFor();
    await page.getByRole('link', { name: 'Connections made so far: 1' }).waitFor();
    const connections = await web.http.get(`/api/events/${setup.eventId}/connections`).set(organizer.auth);
    expect(connections.body.items.map((c: { status: string; channel: string }) => [c.status, c.channel])).toEqual([['accepted', 'online']]);

    // ---- my connections: the partner's private contact, now unlocked; record an MOU
    await page.getByRole('link', { name: 'Connections made so far: 1' }).click();
    await page.waitForURL('**/connections');
    const connection = page.getByRole('listitem').filter({ hasText: 'Hangzhou Fresh Fruit Trading Co.' });
    await connection.getByRole('link', { name: 'wangfang@hz-fruit.cn' }).waitFor();
    await connection.getByRole('button', { name: '+ Record an outcome' }).click();
    await connection.getByLabel('Outcome').selectOption('mou_signed');
    // Amounts as people write them: what cannot be read is said before anything is sent; what can is shown back.
    await connection.getByLabel('Value').fill('250.000,5.0');
    await connection.getByRole('button', { name: 'Save outcome' }).click();
    await connection.getByText('This is not an amount we can read').waitFor();
    await connection.getByLabel('Value').fill('250,000');
    await connection.getByLabel('Currency').selectOption('USD');
    await connection.getByText('Read as 250,000 USD').waitFor();
    await connection.getByLabel('Note').fill('200 tonnes of durian for the 2026 season');
    await connection.getByRole('button', { name: 'Save outcome' }).click();
    await connection.getByText('MOU signed').waitFor();
    await connection.getByText('250,000 USD').waitFor();
    await grower.screenshot('enterprise-connections.png');
    const outcomes = await web.http.get(`/api/connections/${connections.body.items[0].id}/outcomes`).set(organizer.auth);
    expect(outcomes.body.items).toEqual([expect.objectContaining({ kind: 'mou_signed', value: { amount: '250000.00', currency: 'USD' } })]);

    // ---- meetings: the grower can only meet 10:00–11:00 Lào Cai time; Lào Cai ↔ Hangzhou meet online
    await page.getByRole('link', { name: 'Meetings' }).click();
    await page.getByText('No meetings yet').waitFor();
    await page.getByRole('button', { name: '+ Add a window' }).click();
    await page.getByLabel('From', { exact: true }).fill('2021-01-19T10:00');
    await page.getByLabel('To', { exact: true }).fill('2021-01-19T11:00');
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByText('Availability saved.').waitFor();
    const windows = await web.http.get(`/api/events/${setup.eventId}/registrations/${regs.body.items.find((r: { side: string }) => r.side === 'VN').id}/availability`).set(organizer.auth);
    expect(windows.body.items).toEqual([{ startsAt: '2021-01-19T03:00:00.000Z', endsAt: '2021-01-19T04:00:00.000Z' }]);
    await web.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200);
    await page.reload();
    const meeting = page.getByRole('listitem').filter({ hasText: 'Hangzhou Fresh Fruit Trading Co.' });
    await meeting.getByText('Your time').waitFor();
    await meeting.getByText('19 Jan 2021 · 10:00–10:30 GMT+7', { exact: true }).waitFor();
    await meeting.getByText('Partner’s time: 19 Jan 2021 · 11:00–11:30 GMT+8', { exact: true }).waitFor();
    await grower.screenshot('enterprise-meetings.png');
    await meeting.getByRole('link', { name: 'Open the online meeting' }).click();
    await page.waitForURL('**/meet/*');
    await page.getByRole('heading', { name: 'Online meeting' }).waitFor();
    await page.getByText('wangfang@hz-fruit.cn').waitFor();
    // The link the API hands out (PUBLIC_URL/meet/<id>) opens the same page for the other party.
    const listed = await web.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth);
    expect(listed.body.items[0].link).toBe(`${web.url}/meet/${listed.body.items[0].id}`);
    await buyer.page.goto(listed.body.items[0].link);
    await buyer.page.getByRole('heading', { name: 'Online meeting' }).waitFor();
    await buyer.page.getByText('With Bat Xat Farmers Cooperative').waitFor();
    await buyer.page.getByText('export@batxat-coop.vn').waitFor();
    await buyer.screenshot('enterprise-meet-page.png');

    // ---- the badge: a QR code that decodes to the registration's badge code
    await page.goto(`/events/${setup.eventId}/badge`);
    const canvas = page.getByRole('img', { name: 'Badge QR code' });
    await canvas.waitFor();
    const growerRegistration = regs.body.items.find((r: { side: string }) => r.side === 'VN');
    const pixels = await page.evaluate<{ width: number; height: number; data: number[] }>(`(() => {
      const c = document.querySelector('canvas.qr');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      return { width: d.width, height: d.height, data: Array.from(d.data) };
    })()`);
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    expect(decoded?.data).toBe(growerRegistration.badgeCode);
    await page.getByText(growerRegistration.badgeCode, { exact: true }).waitFor();

    // ---- on site: both checked in, the grower connects with a third enterprise by its badge code
    await world.checkIn(organizer, setup.eventId, growerRegistration.badgeCode);
    await world.checkIn(organizer, setup.eventId, walkIn.registration.badgeCode);
    await page.reload();
    await page.getByText(/Checked in/).waitFor();
    await page.getByLabel('Or type the badge code').fill(walkIn.registration.badgeCode.toLowerCase());
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText(/now connected with Tianjin Steel Frames Ltd/).waitFor();
    await grower.screenshot('enterprise-badge.png');
    const scanned = await web.http.get(`/api/events/${setup.eventId}/connections?channel=qr`).set(organizer.auth);
    expect(scanned.body.items).toEqual([expect.objectContaining({ status: 'accepted', channel: 'qr' })]);

    // ---- the events page offers "Register" only where it can succeed: a live event with walk-ins, not one without
    const liveEvent = async (label: string, walkInRegistration: boolean) => {
      const other = await world.openEvent(organizer);
      const title = `${label} ${Date.now()}`;
      await web.http
        .patch(`/api/events/${other.eventId}`)
        .set(organizer.auth)
        .send({ name: { en: title }, walkInRegistration, status: 'live' })
        .expect(200);
      return title;
    };
    const withWalkIns = await liveEvent('Walk-ins welcome', true);
    const withoutWalkIns = await liveEvent('No walk-ins', false);
    await buyer.page.goto('/events');
    const welcoming = buyer.page.getByRole('article').filter({ hasText: withWalkIns });
    await welcoming.getByText('The event is live: walk-in registration is open.').waitFor();
    await welcoming.getByRole('button', { name: 'Register for this event' }).waitFor();
    const shut = buyer.page.getByRole('article').filter({ hasText: withoutWalkIns });
    await shut.getByText('The event is live and no longer takes registrations.').waitFor();
    expect(await shut.getByRole('button', { name: 'Register for this event' }).count()).toBe(0);

    // ---- the organizers close the event: the open live room says so at once, and on every load after
    await buyer.page.goto(`/events/${setup.eventId}/live`);
    await buyer.page.getByText('Live', { exact: true }).waitFor();
    await web.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'closed' }).expect(200);
    for (const load of ['live', 'reloaded']) {
      if (load === 'reloaded') await buyer.page.reload();
      await buyer.page.getByText('This event is closed.', { exact: false }).waitFor();
      await buyer.page.getByText('Closed', { exact: true }).waitFor();
      expect(await buyer.page.getByText('Live', { exact: true }).count()).toBe(0);
      expect(await buyer.page.getByRole('region', { name: 'Who is here' }).count()).toBe(0);
      expect(await buyer.page.getByRole('button', { name: /Raise hand/ }).isDisabled()).toBe(true);
    }
    await buyer.screenshot('enterprise-live-room-closed.png');

    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
