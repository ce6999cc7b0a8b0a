import { readFileSync } from 'node:fs';
import { Browser, Download, Locator } from 'playwright-core';
import { World } from '../factories/world';
import { eventually, launchBrowser, startWebApp, TrackedPage, WebApp } from './harness';

jest.setTimeout(120_000);

/**
 * An organizer from an empty account to the results report: creates the event,
 * its venues and rooms, opens registration, approves in bulk, assigns rooms,
 * checks a badge in, goes live, runs the scheduler and downloads the report.
 */
describe('browser: an organizer from event setup to the report download', () => {
  let web: WebApp;
  let world: World;
  let browser: Browser;
  let tracked: TrackedPage;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = new World(web);
  });
  afterAll(async () => {
    await tracked?.page.screenshot({ path: `${__dirname}/artifacts/last-organizer.png`, fullPage: true }).catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  async function download(button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [file]: [Download, void] = await Promise.all([tracked.page.waitForEvent('download'), button.click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  it('sets up an event, runs it and downloads its report', async () => {
    const organizer = await world.organizer();
    tracked = await TrackedPage.open(browser, web.url, 'organizer');
    const { page } = tracked;
    await tracked.login(organizer.email, 'correct horse battery staple');
    await page.waitForURL('**/org');

    // ---- the event
    await page.getByRole('button', { name: '+ New event' }).click();
    await page.getByLabel('Name in Vietnamese').fill('Hội nghị Giao thương Lào Cai – Vân Nam 2026');
    await page.getByLabel('Name in Chinese').fill('2026 老街—云南贸易对接会');
    await page.getByLabel('Name in English').fill('Lào Cai – Yunnan Trade Conference 2026');
    await page.getByLabel('Time zone').selectOption('Asia/Ho_Chi_Minh');
    await page.getByLabel('Starts').fill('2026-03-10T08:00');
    await page.getByLabel('Ends').fill('2026-03-10T17:00');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.waitForURL('**/setup');
    const eventId = page.url().split('/')[5];
    const created = await web.http.get(`/api/events/${eventId}`).set(organizer.auth);
    expect(created.body).toMatchObject({
      timezone: 'Asia/Ho_Chi_Minh',
      startsAt: '2026-03-10T01:00:00.000Z',
      endsAt: '2026-03-10T10:00:00.000Z',
      sides: ['VN', 'CN'],
      status: 'draft',
      walkInRegistration: true,
    });

    // ---- venues: a main venue, one abroad; a bad one first, to see the error beside its field
    const venues = page.getByRole('region', { name: 'Venues (bridge points)' });
    await venues.getByLabel('Venue name').fill('Điểm cầu chính Lào Cai');
    await venues.getByLabel('City', { exact: true }).fill('Lào Cai');
    await venues.getByLabel('Capacity').fill('0');
    await venues.getByRole('button', { name: '+ Add a venue' }).click();
    await venues.locator('.field-invalid').filter({ hasText: 'Capacity' }).locator('.field-error').waitFor();
    await tracked.expectFailedRequest(400);
    await venues.getByLabel('Capacity').fill('300');
    await venues.getByRole('button', { name: '+ Add a venue' }).click();
    await venues.getByRole('cell', { name: 'Điểm cầu chính Lào Cai' }).waitFor();
    await venues.getByLabel('Venue name').fill('杭州分会场');
    await venues.getByLabel('City', { exact: true }).fill('Hangzhou');
    await venues.getByLabel('Country').fill('CN');
    await venues.getByLabel('Time zone').selectOption('Asia/Shanghai');
    await venues.getByLabel('Kind').selectOption('satellite');
    await venues.getByLabel('Capacity').fill('120');
    await venues.getByRole('button', { name: '+ Add a venue' }).click();
    await venues.getByRole('cell', { name: '杭州分会场' }).waitFor();

    // ---- two sector rooms
    const rooms = page.getByRole('region', { name: 'Sector trade rooms' });
    const addRoom = async (names: [string, string, string], sections: string[]) => {
      await rooms.getByLabel('Name in Vietnamese').fill(names[0]);
      await rooms.getByLabel('Name in Chinese').fill(names[1]);
      await rooms.getByLabel('Name in English').fill(names[2]);
      for (const code of sections) await rooms.getByRole('checkbox', { name: new RegExp(`^${code} `) }).check();
      await rooms.getByRole('button', { name: '+ Add a room' }).click();
      await rooms.getByText(names[2], { exact: true }).waitFor();
    };
    await addRoom(['Nông sản & thực phẩm', '农产品与食品', 'Agriculture & food'], ['II', 'IV']);
    await addRoom(['Dệt may & công nghiệp', '纺织与工业', 'Textiles & industry'], ['XI', 'XVI']);
    await page.getByRole('button', { name: 'Open registration' }).click();
    await page.getByRole('button', { name: 'Go live' }).waitFor();
    // Walk-ins: on by default; the organizer can close registration at go-live instead.
    const walkIn = page.getByRole('checkbox', { name: 'Take walk-in registrations while the event is live' });
    expect(await walkIn.isChecked()).toBe(true);
    const walkInSetting = async () => (await web.http.get(`/api/events/${eventId}`).set(organizer.auth)).body.walkInRegistration as boolean;
    await walkIn.click();
    await eventually(async () => (await walkInSetting()) === false);
    await eventually(async () => !(await walkIn.isChecked()));
    await walkIn.click();
    await eventually(async () => (await walkInSetting()) === true);
    await eventually(() => walkIn.isChecked());
    await tracked.screenshot('organizer-setup.png');

    // ---- enterprises register (through the API: their own pages are tested elsewhere)
    const { body: venueList } = await web.http.get(`/api/events/${eventId}/venues`).set(organizer.auth);
    const venueOf = (city: string) => venueList.items.find((v: { city: string }) => v.city === city).id as string;
    const members = [];
    const people: ['VN' | 'CN', Record<string, unknown>][] = [
      ['VN', { name: { vi: 'Công ty Thanh long Bình Thuận', en: 'Binh Thuan Dragon Fruit JSC' } }],
      ['VN', { name: { vi: 'Hợp tác xã Chanh leo Mộc Châu', en: 'Moc Chau Passion Fruit Co-op' } }],
      [
        'VN',
        { name: { vi: 'May mặc Hưng Yên', en: 'Hung Yen Garments' }, offers: [{ hsCode: '6109', description: 'T-shirts' }], needs: [{ hsCode: '5407', description: 'Polyester fabric' }] },
      ],
      ['CN', { name: { zh: '云南果业进出口公司', en: 'Yunnan Fruit Import Co.' } }],
      ['CN', { name: { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles' } }],
      ['CN', { name: { zh: '昆明陶瓷砖厂', en: 'Kunming Ceramic Tiles' }, offers: [{ hsCode: '6907', description: 'Ceramic tiles' }], needs: [] }],
    ];
    for (const [country, overrides] of people) {
      const m = await world.member(country, overrides);
      const reg = await world.register(m.account, eventId, m.enterpriseId, venueOf(country === 'VN' ? 'Lào Cai' : 'Hangzhou'));
      expect(reg.status).toBe(201);
      members.push({ ...m, registrationId: reg.body.id as string, name: (overrides.name as { en: string }).en });
    }

    // ---- registrations: five approved at once, one rejected
    await page.getByRole('link', { name: 'Registrations' }).click();
    await page.getByRole('button', { name: /^Pending approval/ }).click();
    for (const m of members.slice(0, 5)) await page.getByRole('checkbox', { name: `Select ${m.name}` }).check();
    await page.getByText('5 selected').waitFor();
    await page.getByRole('button', { name: 'Approve selected (5)' }).click();
    await page.getByText('0 selected').waitFor();
    await page.getByRole('button', { name: `Reject ${members[5].name}` }).click();
    await page.getByRole('button', { name: /^All/ }).click();
    await eventually(async () => (await page.getByRole('row').filter({ hasText: 'Approved' }).count()) === 5);
    const statuses = await web.http.get(`/api/events/${eventId}/registrations`).set(organizer.auth);
    expect(statuses.body.items.map((r: { status: string }) => r.status).sort()).toEqual(['approved', 'approved', 'approved', 'approved', 'approved', 'rejected']);

    await tracked.screenshot('organizer-registrations.png');

    // ---- room assignment (its own page): preview, then apply
    await page.getByRole('link', { name: 'Room assignment' }).click();
    const assignment = page.getByRole('region', { name: 'Room assignment' });
    await assignment.getByRole('button', { name: 'Preview assignment' }).click();
    await assignment.getByText(/^5 placed \(5 new\), 0 left out\.$/).waitFor();
    expect((await web.http.get(`/api/events/${eventId}/registrations?status=approved`).set(organizer.auth)).body.items.every((r: { roomId: string | null }) => r.roomId === null)).toBe(true);
    await assignment.getByRole('button', { name: 'Apply assignment' }).click();
    const applyDialog = page.getByRole('dialog', { name: 'Apply the room assignment?' });
    await applyDialog.getByText('5 enterprises are placed in a new room', { exact: false }).waitFor();
    await applyDialog.getByRole('button', { name: 'Apply assignment' }).click();
    await assignment.getByText('5 enterprises placed in rooms.').waitFor();
    const placed = (await web.http.get(`/api/events/${eventId}/registrations?status=approved`).set(organizer.auth)).body.items;
    expect(placed.every((r: { roomId: string | null }) => r.roomId !== null)).toBe(true);

    // ---- the check-in desk (its own page)
    const badge = placed[0].badgeCode as string;
    await page.getByRole('link', { name: 'Check-in desk' }).click();
    await page.getByRole('form', { name: 'Check-in desk' }).getByLabel('Badge code').fill(badge);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByRole('status', { name: 'Check-in result' }).getByText('Checked in', { exact: true }).waitFor();
    await tracked.screenshot('organizer-check-in.png');

    // ---- live: three accepted connections (made by the enterprises), then the scheduler
    await page.getByRole('link', { name: 'Setup' }).click();
    await page.getByRole('button', { name: 'Go live' }).click();
    await page.getByRole('dialog', { name: 'Go live?' }).getByRole('button', { name: 'Go live' }).click();
    await page.getByRole('button', { name: 'Close the event' }).waitFor();
    const [vn1, vn2, vn3, cn1, cn2] = members;
    for (const [from, to] of [
      [cn1, vn1],
      [cn1, vn2],
      [vn3, cn2],
    ]) {
      const c = await web.http.post(`/api/events/${eventId}/connections`).set(from.account.auth).send({ fromRegistrationId: from.registrationId, toRegistrationId: to.registrationId });
      expect(c.status).toBe(201);
      await web.http.post(`/api/connections/${c.body.id}/accept`).set(to.account.auth).expect(200);
    }
    await page.getByRole('link', { name: 'Scheduler' }).click();
    await page.getByRole('button', { name: 'Preview (no changes)' }).click();
    await page.getByText('Preview only: nothing was booked.').waitFor();
    expect((await web.http.get(`/api/events/${eventId}/meetings`).set(organizer.auth)).body.total).toBe(0);
    await page.getByRole('button', { name: 'Run the scheduler' }).click();
    // The preview counted the meetings; the confirmation says how many will be booked.
    const scheduleDialog = page.getByRole('dialog', { name: 'Book the meetings?' });
    await scheduleDialog.getByText('The preview books 3 meetings.', { exact: false }).waitFor();
    await scheduleDialog.getByRole('button', { name: 'Book the meetings' }).click();
    await page.getByText('Meetings booked. Parties see them in their own time zone.').waitFor();
    const result = page.locator('.run-result');
    const figure = async (label: string) =>
      Number(
        await result
          .locator('.stat')
          .filter({ has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) })
          .locator('.stat-value')
          .textContent(),
      );
    const meetings = (await web.http.get(`/api/events/${eventId}/meetings`).set(organizer.auth)).body;
    expect(await figure('Scheduled')).toBe(meetings.total);
    expect(meetings.total).toBe(3);
    expect(await figure('Upper bound')).toBeGreaterThanOrEqual(meetings.total);
    await page.getByRole('heading', { name: 'Meetings (3)' }).waitFor();
    await tracked.screenshot('organizer-schedule.png');

    // ---- the projector dashboard shows the three connections made
    await page.getByRole('link', { name: 'Live dashboard' }).click();
    await page.locator('.dash-figure-main .dash-figure-value[data-value="3"]').getByText('3', { exact: true }).waitFor();
    // The gateway's stats: connections made per room, each counted in its requester's room.
    const made = (await web.http.get(`/api/events/${eventId}/connections?status=accepted`).set(organizer.auth)).body.items as { roomId: string }[];
    const { body: roomList } = await web.http.get(`/api/events/${eventId}/rooms`).set(organizer.auth);
    for (const room of roomList.items as { id: string; name: { en: string } }[]) {
      const here = made.filter((c) => c.roomId === room.id).length;
      await page.getByRole('article', { name: room.name.en }).getByText(`${here} made here`).waitFor();
    }
    expect(made).toHaveLength(3);
    await page.getByRole('region', { name: 'Latest connections' }).getByText('Yunnan Fruit Import Co.').first().waitFor();
    await tracked.screenshot('organizer-dashboard.png', { fullPage: false });

    // ---- the report: on screen, and downloaded in Vietnamese as CSV, XLSX, PDF and JSON
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Report' }).click();
    await page.getByRole('region', { name: 'Side', exact: true }).waitFor();
    await page.getByLabel('Report language').selectOption('vi');
    const csv = await download(page.getByRole('button', { name: 'CSV' }));
    expect(csv.name).toBe(`tradebridge-report-${eventId}-vi.csv`);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Hội nghị Giao thương Lào Cai – Vân Nam 2026');
    await page.getByText(`Saved tradebridge-report-${eventId}-vi.csv`).waitFor();
    const xlsx = await download(page.getByRole('button', { name: 'Excel (XLSX)' }));
    expect(xlsx.name.endsWith('-vi.xlsx')).toBe(true);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await download(page.getByRole('button', { name: 'PDF' }));
    expect(pdf.name).toBe(`tradebridge-report-${eventId}-vi.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const json = await download(page.getByRole('button', { name: 'JSON' }));
    const report = JSON.parse(json.bytes.toString('utf8'));
    expect(report.locale).toBe('vi');
    expect(report.totals).toMatchObject({ registered: 6, approved: 5, checkedIn: 1, connectionsMade: 3, meetingsScheduled: 3 });
    await tracked.screenshot('organizer-report.png');

    expect(tracked.errors).toEqual([]);
  });
});
