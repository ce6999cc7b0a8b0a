import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * The printables (issue 15, item 3), read back as a reader sees them: the text of
 * each page (unpdf) and the QR codes read off each page rendered to pixels (jsQR).
 * Badges A6 and four per A4; personal schedules in each enterprise's language and
 * time zone with table numbers; a venue's table plan and table signs; its check-in
 * list. Who may print what.
 */
describe('printables: badges, schedules, table plans, check-in lists', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  let onsite: Awaited<ReturnType<World['acceptedPair']>>;
  let online: Awaited<ReturnType<World['acceptedPair']>>;
  let tableNo: number;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
    // An on-site pair at Lào Cai (the CN one came from Hangzhou's delegation but sits at Lào Cai), an online pair across venues.
    onsite = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    online = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.hangzhou });
    // The CN members read Chinese on Shanghai's clock, the VN ones Vietnamese on Hà Nội's.
    for (const p of [onsite, online]) {
      await t.http.patch('/api/me').set(p.cn.account.auth).send({ locale: 'zh', timezone: 'Asia/Shanghai' }).expect(200);
      await t.http.patch('/api/me').set(p.vn.account.auth).send({ locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' }).expect(200);
    }
    const booked = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: onsite.connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201);
    expect(booked.body.mode).toBe('onsite');
    tableNo = booked.body.table;
    const call = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: online.connectionId, startsAt: '2021-01-19T03:00:00Z' }).expect(201);
    expect(call.body.mode).toBe('online');
    await world.checkIn(organizer, setup.eventId, onsite.vn.registration.badgeCode);
  });
  afterAll(() => t.close());

  const get = (path: string, who: Account = organizer) => t.http.get(`/api/events/${setup.eventId}/printables/${path}`).set(who.auth).buffer(true).parse(binary);
  const approved = () => [onsite.vn, onsite.cn, online.vn, online.cn];
  const approvedCodes = () => approved().map((p) => p.registration.badgeCode);

  it('prints one A6 badge per approved registration: its QR code reads as the badge code, with the name, side and venue', async () => {
    const res = await get('badges?locale=vi').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tradebridge-badges-a6-/);
    const text = pdfText(res.body);
    const printed = inPrintedOrder(text, approvedCodes());
    expect(printed).toHaveLength(4);
    // A page each, whose code reads as the badge code printed under it.
    expect(scannedCodes(res.body)).toEqual(printed.map((code) => [code]));
    // The band's event name shrinks to one line rather than leave a word alone on a second.
    expect(text).toContain('Hội nghị Xúc tiến Thương mại Xuất khẩu Quốc tế\n');
    expect(text).toContain('Công ty TNHH Nông sản');
    // Each enterprise's name in its own country's language leads, large; the reader's form (here
    // the English one, standing in for the Vietnamese name the CN enterprise lacks) below it.
    expect(text).toMatch(/浙江丝路纺织有限公司\nZhejiang Silk Road Textiles Co., Ltd./);
    expectInOrder(text, ['Công ty TNHH Nông sản', 'Bát Xát', 'Bat Xat Agricultural Products Co., Ltd.']);
    expect(text).toContain('VIỆT NAM');
    expect(text).toContain('Điểm cầu chính Lào Cai · Lào Cai');
    expect(text).toContain('杭州分会场 · Hangzhou');
  });

  it('tiles four badges to an A4 sheet, and prints a venue or one enterprise alone', async () => {
    const a4 = await get('badges?layout=a4&locale=zh').expect(200);
    const sheet = pdfText(a4.body);
    expect(sheet).toContain('国际出口贸易促进会');
    // In Chinese too, the VN enterprise's badge leads with its Vietnamese name, the CN one's with its Chinese.
    expectInOrder(sheet, ['越南', 'Công ty TNHH Nông sản', 'Bat Xat Agricultural Products Co., Ltd.', '中国', '浙江丝路纺织有限公司', 'Zhejiang Silk Road Textiles Co., Ltd.']);
    // One sheet, each quarter's code read as the badge code printed in that quarter: the text's
    // rows run left to right, the top two badges first, as the quarters are read.
    const printed = inPrintedOrder(sheet, approvedCodes());
    expect(printed).toHaveLength(4);
    expect(scannedCodes(a4.body, '2x2')).toEqual([printed]);
    const hangzhou = await get(`badges?venueId=${setup.venues.hangzhou}`).expect(200);
    expect(scannedCodes(hangzhou.body)).toEqual([[online.cn.registration.badgeCode]]);
    const one = await get(`badges?registrationId=${online.vn.registration.id}`, online.vn.account).expect(200);
    expect(scannedCodes(one.body)).toEqual([[online.vn.registration.badgeCode]]);
  });

  it('prints each enterprise’s schedule in its language and time zone, with the venue’s clock where it differs and the table number', async () => {
    const res = await get('schedules').expect(200);
    const text = pdfText(res.body);
    // The on-site CN party (Shanghai, zh): 02:00 UTC is 10:00 there and 09:00 at Lào Cai.
    expect(text).toContain('企业洽谈日程: 浙江丝路纺织有限公司');
    expect(text).toContain('时间均为 Asia/Shanghai (GMT+8)');
    // The VN partner has no Chinese name: its English one stands in.
    expect(text).toMatch(/10:00–10:30 Bat Xat Agricultural Products Co., Ltd. \d+号桌/);
    expect(text).toContain('会场时间: 09:00–09:30');
    expect(text).toContain(`${tableNo}号桌`);
    // The VN party (vi, Hà Nội's clock = the venue's): no second clock.
    expect(text).toContain('Lịch gặp của doanh nghiệp: Công ty TNHH Nông sản Bát Xát');
    expect(text).toMatch(/09:00–09:30 Zhejiang Silk Road Textiles Co., Ltd. Bàn \d+/); // no Vietnamese name: the English one
    expect(text).toContain(`Bàn ${tableNo}`);
    // The online meeting: no table, the call's link.
    expect(text).toContain('Trực tuyến');
    expect(text).toContain('线上');
    // Four sheets, one each, pages numbered per sheet in its language.
    // Printed at the clock's instant (the conference's eve, 07:00 at the event's zone): date, time, then zone.
    expect(text.match(/Page 1 of 1 · /g)).toBeNull();
    expect(text.match(/第 1\/1 页 · 打印于 2021年1月19日 07:00 \(GMT\+7\)/g)).toHaveLength(2);
    expect(text.match(/Trang 1\/1 · In lúc 07:00 ngày 19\/01\/2021 \(GMT\+7\)/g)).toHaveLength(2);
    // Vietnamese and Chinese count without a plural.
    expect(text).toContain('Asia/Shanghai (GMT+8) · 1 场洽谈');
    expect(text.match(/Lịch gặp của doanh nghiệp: /g)).toHaveLength(2);
    expect(text.match(/企业洽谈日程: /g)).toHaveLength(2);
  });

  it('prints a member’s own schedule in the language and zone it asks for', async () => {
    const res = await get(`schedules?registrationId=${onsite.cn.registration.id}&locale=en&timezone=Europe/Berlin`, onsite.cn.account).expect(200);
    const text = pdfText(res.body);
    expect(text).toContain('Meeting schedule: Zhejiang Silk Road Textiles Co., Ltd.');
    expect(text).toContain('Times in Europe/Berlin (GMT+1) · 1 meeting\n');
    expect(text).toMatch(/03:00–03:30 .*Bat Xat Agricultural Products Co., Ltd./);
    expect(text).toContain('venue time: 09:00–09:30');
    expect(text).toContain(`Table ${tableNo}`);
    expect(text).not.toContain('Trực tuyến');
  });

  it('prints a venue’s table plan by slot, then a sign per table whose QR code is the table’s check-in code', async () => {
    const res = await get(`venues/${setup.venues.laoCai}/table-plan?locale=en`).expect(200);
    const codes = (await t.http.get(`/api/events/${setup.eventId}/venues/${setup.venues.laoCai}/tables`).set(organizer.auth).expect(200)).body.tables as { tableNo: number; code: string }[];
    expect(codes).toHaveLength(40);
    const pages = scannedCodes(res.body);
    // The plan's page (no code), then the 40 signs, each with its own code.
    expect(pages[0]).toEqual([]);
    expect(pages.slice(1)).toEqual(codes.map((c) => [c.code]));
    const text = pdfText(res.body);
    expect(text).toContain('Table plan: Điểm cầu chính Lào Cai');
    expect(text).toContain('40 tables · 1 meeting · Times in');
    expect(text).toContain('Page 1 of 41 · Printed 19 Jan 2021, 07:00 (GMT+7)');
    expect(text).toContain('Tue, 19 Jan 2021 09:00–09:30');
    expect(text).toMatch(
      new RegExp(
        `Table ${tableNo} Bat Xat Agricultural Products Co., Ltd. Zhejiang Silk Road Textiles Co., Ltd.|Table ${tableNo} Zhejiang Silk Road Textiles Co., Ltd. Bat Xat Agricultural Products Co., Ltd.`,
      ),
    );
    // The sign of the meeting's table lists it; its number in the other two languages too.
    expect(text).toContain(`Bàn ${tableNo} · ${tableNo}号桌`);
    expect(text).toMatch(/09:00–09:30 (Bat Xat|Zhejiang)/);
    expect(text).toContain('At your slot, scan this code to check in to the meeting');
  });

  it('prints a venue’s check-in list: its on-site participants, who came and when, a tick box for the rest', async () => {
    const res = await get(`venues/${setup.venues.laoCai}/check-in-list?locale=vi`).expect(200);
    const text = pdfText(res.body);
    expect(text).toContain('Danh sách đón tiếp: Điểm cầu chính Lào Cai');
    expect(text).toContain('Tổng số 3 doanh nghiệp · đã đến 1');
    for (const p of [onsite.vn, onsite.cn, online.vn]) expect(text).toContain(p.registration.badgeCode);
    expect(text).not.toContain(online.cn.registration.badgeCode); // at Hangzhou
    // The checked-in one shows its time at the venue (Hà Nội's clock).
    const checkedAt = new Date((await t.http.get(`/api/events/${setup.eventId}/registrations/${onsite.vn.registration.id}`).set(organizer.auth).expect(200)).body.checkedInAt);
    const hhmm = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(checkedAt);
    expect(text.match(new RegExp(`Công ty TNHH Nông sản Bát Xát Việt Nam\\s+${hhmm}`, 'g'))).toHaveLength(1);
    expect(text.match(/Công ty TNHH Nông sản Bát Xát Việt Nam/g)).toHaveLength(2);
    // One enterprise at Hangzhou, none checked in: counted in the singular in English.
    const hangzhou = pdfText((await get(`venues/${setup.venues.hangzhou}/check-in-list?locale=en`).expect(200)).body);
    expect(hangzhou).toContain('1 enterprise · 0 checked in');
  });

  it('lets a member print only its own badge and schedule, and staff everything', async () => {
    const member = online.vn.account;
    expectError(await get(`badges?registrationId=${onsite.cn.registration.id}`, member), 404, 'NOT_FOUND');
    expectError(await get('badges', member), 403, 'FORBIDDEN');
    expectError(await get('schedules', member), 403, 'FORBIDDEN');
    expectError(await get(`venues/${setup.venues.laoCai}/table-plan`, member), 403, 'FORBIDDEN');
    expectError(await get(`venues/${setup.venues.laoCai}/check-in-list`, member), 403, 'FORBIDDEN');
    await t.http.get(`/api/events/${setup.eventId}/printables/badges`).expect(401);
  });

  it('refuses bad input with a code naming the field, and a pending registration with NOT_APPROVED', async () => {
    expectError(await get('badges?layout=a5'), 400, 'VALIDATION_FAILED', 'layout');
    expectError(await get('badges?locale=fr'), 400, 'VALIDATION_FAILED', 'locale');
    expectError(await get('badges?venueId=nope'), 400, 'VALIDATION_FAILED', 'venueId');
    expectError(await get('schedules?timezone=Mars/Olympus'), 400, 'UNKNOWN_TIMEZONE', 'timezone');
    expectError(await get(`badges?venueId=${organizer.id}`), 404, 'NOT_FOUND');
    expectError(await get(`venues/${organizer.id}/check-in-list`), 404, 'NOT_FOUND');
    const pending = await world.member('VN');
    const reg = await world.register(pending.account, setup.eventId, pending.enterpriseId, setup.venues.laoCai);
    expect(reg.status).toBe(201);
    expectError(await get(`badges?registrationId=${reg.body.id}`, pending.account), 422, 'NOT_APPROVED');
  });
});

/** Reads the body as bytes (superagent's parser hook: the response is the Node stream). */
function binary(res: Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

function expectError(res: Response, status: number, code: string, field?: string): void {
  const body = JSON.parse(Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body));
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (field) expect(JSON.stringify(body)).toContain(field);
}

/** The text of a PDF, row by row as `pdftotext -layout` gave it (test/factories/pdf-text.mjs). */
function pdfText(pdf: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, '..', 'factories', 'pdf-text.mjs')], { input: pdf, encoding: 'utf8' });
}

/**
 * The QR codes a reader can scan off each page of a PDF rendered to pixels, in reading order
 * (test/factories/pdf-render-qr.mjs); `grid` cuts each page into cells of one code each.
 */
function scannedCodes(pdf: Buffer, grid: '1x1' | '2x2' = '1x1'): string[][] {
  return JSON.parse(execFileSync(process.execPath, [join(__dirname, '..', 'factories', 'pdf-render-qr.mjs'), grid], { input: pdf, encoding: 'utf8' }));
}

/** `text` prints each of `parts`, each after the one before. */
function expectInOrder(text: string, parts: string[]): void {
  const at = parts.map((part) => text.indexOf(part));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
}

/** Those of `codes` that `text` prints, in the order it prints them (each once). */
function inPrintedOrder(text: string, codes: string[]): string[] {
  return codes.filter((code) => text.includes(code)).sort((a, b) => text.indexOf(a) - text.indexOf(b));
}
