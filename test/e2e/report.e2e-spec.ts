import { Logger } from '@nestjs/common';
import { ConnectionExpiry } from '@tradebridge/connections';
import { ReportRepository } from '@tradebridge/reporting';
import { sectionOfChapter } from '@tradebridge/reference';
import type { Response } from 'superagent';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, Participant, World } from '../factories/world';

type Person = Participant & { registration: { id: string; badgeCode: string; side: string; venueId: string }; country: 'VN' | 'CN'; attendance: 'onsite' | 'online' };

/**
 * The results report against a conference whose truth this test tallies itself
 * from what it does (no stored copy of an expected report).
 */
describe('results report (json)', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  const people: Person[] = [];
  const pending: Participant[] = [];
  const checkedIn = new Set<string>();
  const rooms = new Map<string, string>();
  const connections: { id: string; from: Person; to: Person; status: string; channel: string; room: string | null }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ CONNECTION_TTL: '1' });
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
    const add = async (country: 'VN' | 'CN', venue: string) => {
      const p = await world.approved(organizer, setup, country, {}, venue);
      const person = { ...p, country, attendance: venue === setup.venues.online ? ('online' as const) : ('onsite' as const) };
      people.push(person);
      return person;
    };
    const [vn1, vn2, vn3] = [await add('VN', setup.venues.laoCai), await add('VN', setup.venues.laoCai), await add('VN', setup.venues.online)];
    const [cn1, cn2, cn3] = [await add('CN', setup.venues.hangzhou), await add('CN', setup.venues.hangzhou), await add('CN', setup.venues.laoCai)];
    // One pending and one rejected registration.
    for (const [country, decide] of [
      ['VN', null],
      ['CN', 'reject'],
    ] as const) {
      const m = await world.member(country);
      const reg = await world.register(m.account, setup.eventId, m.enterpriseId, country === 'VN' ? setup.venues.laoCai : setup.venues.hangzhou);
      if (decide) await t.http.post(`/api/events/${setup.eventId}/registrations/${reg.body.id}/reject`).set(organizer.auth).send({}).expect(200);
      pending.push(m);
    }
    for (const p of [vn1, vn2, cn3]) {
      await world.checkIn(organizer, setup.eventId, p.registration.badgeCode);
      checkedIn.add(p.registration.id);
    }
    for (const [p, room] of [
      [vn1, setup.rooms.agriculture],
      [cn1, setup.rooms.agriculture],
      [vn2, setup.rooms.industry],
      [cn3, setup.rooms.industry],
    ] as const) {
      await t.http.patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: room }).expect(200);
      rooms.set(p.registration.id, room);
    }

    const request = async (from: Person, to: Person) => {
      const res = await t.http
        .post(`/api/events/${setup.eventId}/connections`)
        .set(from.account.auth)
        .send({ fromRegistrationId: from.registration.id, toRegistrationId: to.registration.id });
      expect(res.status).toBe(201);
      const c = { id: res.body.id as string, from, to, status: 'requested', channel: 'online', room: rooms.get(from.registration.id) ?? null };
      connections.push(c);
      return c;
    };
    const answer = async (c: (typeof connections)[number], action: 'accept' | 'decline') => {
      await t.http.post(`/api/connections/${c.id}/${action}`).set(c.to.account.auth).expect(200);
      c.status = action === 'accept' ? 'accepted' : 'declined';
    };
    // An expired request first (the TTL is 1 s; the sweeper marks it).
    const late = await request(cn3, vn3);
    await new Promise((r) => setTimeout(r, 1_200));
    await t.app.get(ConnectionExpiry).sweep();
    late.status = 'expired';

    const c1 = await request(cn1, vn1);
    await answer(c1, 'accept');
    await answer(await request(cn2, vn1), 'decline');
    const scan = await t.http
      .post(`/api/events/${setup.eventId}/connections/scan`)
      .set(cn3.account.auth)
      .send({ fromRegistrationId: cn3.registration.id, badgeCode: vn2.registration.badgeCode });
    expect(scan.status).toBe(201);
    connections.push({ id: scan.body.id, from: cn3, to: vn2, status: 'accepted', channel: 'qr', room: rooms.get(cn3.registration.id) ?? null });
    const recorded = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(organizer.auth)
      .send({ fromRegistrationId: vn3.registration.id, toRegistrationId: cn2.registration.id, channel: 'recorded' });
    connections.push({ id: recorded.body.id, from: vn3, to: cn2, status: 'accepted', channel: 'recorded', room: null });
    await request(cn1, vn2); // still waiting

    // Meetings: one held, one no-show.
    for (const [c, status, at] of [
      [c1, 'held', '2021-01-19T02:00:00Z'],
      [connections.find((x) => x.channel === 'qr')!, 'no_show', '2021-01-19T03:00:00Z'],
    ] as const) {
      const m = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: c.id, startsAt: at });
      expect(m.status).toBe(201);
      await t.http.patch(`/api/meetings/${m.body.id}`).set(organizer.auth).send({ status }).expect(200);
    }
    // Outcomes: an MOU corrected once (the correction counts), a contract, a follow-up.
    const mou = await t.http
      .post(`/api/connections/${c1.id}/outcomes`)
      .set(c1.from.account.auth)
      .send({ kind: 'mou_signed', value: { amount: '100000', currency: 'USD' } });
    await t.http
      .post(`/api/connections/${c1.id}/outcomes`)
      .set(organizer.auth)
      .send({ kind: 'mou_signed', value: { amount: '120000.50', currency: 'USD' }, correctsOutcomeId: mou.body.id })
      .expect(201);
    await t.http
      .post(`/api/connections/${recorded.body.id}/outcomes`)
      .set(organizer.auth)
      .send({ kind: 'contract_signed', value: { amount: '500000', currency: 'CNY' } })
      .expect(201);
    await t.http.post(`/api/connections/${recorded.body.id}/outcomes`).set(organizer.auth).send({ kind: 'follow_up' }).expect(201);
  });
  afterAll(() => t.close());

  it('matches the figures tallied from the scenario', async () => {
    const res = await t.http.get(`/api/events/${setup.eventId}/report?format=json&locale=en`).set(organizer.auth);
    expect(res.status).toBe(200);
    const report = res.body;
    const count = (status: string) => connections.filter((c) => c.status === status).length;

    expect(report.totals).toEqual({
      registered: people.length + pending.length,
      approved: people.length,
      checkedIn: checkedIn.size,
      connectionsRequested: connections.length,
      connectionsMade: count('accepted'),
      connectionsDeclined: count('declined'),
      connectionsExpired: count('expired'),
      acceptanceRate: Math.round((count('accepted') / connections.length) * 10_000) / 10_000,
      meetingsScheduled: 2,
      meetingsHeld: 1,
      meetingsNoShow: 1,
      outcomes: 3,
      connectionsWithHeldMeeting: 1,
      heldMeetingShare: Math.round((1 / count('accepted')) * 10_000) / 10_000,
    });
    expect(report.totals.connectionsMade).toBe(3);

    // By side: registrations by side, connections by requesting side.
    for (const side of ['VN', 'CN']) {
      const row = report.bySide.find((r: { key: string }) => r.key === side);
      expect(row.approved).toBe(people.filter((p) => p.country === side).length);
      expect(row.requested).toBe(connections.filter((c) => c.from.country === side).length);
      expect(row.made).toBe(connections.filter((c) => c.from.country === side && c.status === 'accepted').length);
    }
    // By venue and attendance.
    for (const venue of [setup.venues.laoCai, setup.venues.hangzhou, setup.venues.online]) {
      const row = report.byVenue.find((r: { key: string }) => r.key === venue);
      expect(row.approved).toBe(people.filter((p) => p.registration.venueId === venue).length);
    }
    expect(report.byVenue.find((r: { key: string }) => r.key === setup.venues.laoCai).name).toBe('Điểm cầu chính Lào Cai');
    expect(report.byAttendance.find((r: { key: string }) => r.key === 'online').registered).toBe(people.filter((p) => p.attendance === 'online').length);
    // By channel.
    for (const channel of ['online', 'qr', 'recorded']) {
      const row = report.byChannel.find((r: { key: string }) => r.key === channel);
      expect({ channel, requested: row.requested, made: row.made }).toEqual({
        channel,
        requested: connections.filter((c) => c.channel === channel).length,
        made: connections.filter((c) => c.channel === channel && c.status === 'accepted').length,
      });
    }
    // By room where made.
    const agriculture = report.byRoom.find((r: { key: string }) => r.key === setup.rooms.agriculture);
    expect(agriculture.made).toBe(connections.filter((c) => c.room === setup.rooms.agriculture && c.status === 'accepted').length);
    expect(agriculture.name).toBe('Agriculture & food');
    // By venue pair.
    const pairKey = (a: string, b: string) => [a, b].sort().join('|');
    const expectedPairs = new Map<string, number>();
    for (const c of connections.filter((x) => x.status === 'accepted')) {
      const k = pairKey(c.from.registration.venueId, c.to.registration.venueId);
      expectedPairs.set(k, (expectedPairs.get(k) ?? 0) + 1);
    }
    expect(new Map(report.byVenuePair.map((p: { venueA: string; venueB: string; made: number }) => [pairKey(p.venueA, p.venueB), p.made]))).toEqual(expectedPairs);
    // By sector: the default profiles trade fruit (section II: VN offers 0810, CN needs it) and machinery (XVI: CN offers 84, VN needs it).
    const made = count('accepted');
    expect(sectionOfChapter['08']).toBe('II');
    expect(sectionOfChapter['84']).toBe('XVI');
    expect(new Map(report.bySector.map((s: { section: string; made: number }) => [s.section, s.made]))).toEqual(
      new Map([
        ['II', made],
        ['XVI', made],
      ]),
    );
    // Goods pairs: every connection made sells fruit VN → CN and machinery CN → VN, whichever side asked.
    expect(report.topHsPairs.map((p: { chapter: string; sellerSide: string; buyerSide: string; made: number }) => [p.chapter, p.sellerSide, p.buyerSide, p.made])).toEqual([
      ['08', 'VN', 'CN', made],
      ['84', 'CN', 'VN', made],
    ]);
    expect(report.topHsPairs[0].name).toMatch(/fruit/i);
    // Outcomes and value by currency (current versions only).
    expect(report.outcomesByKind).toEqual([
      { kind: 'contract_signed', count: 1 },
      { kind: 'follow_up', count: 1 },
      { kind: 'mou_signed', count: 1 },
    ]);
    expect(report.valueByCurrency).toEqual([
      { currency: 'CNY', amount: '500000.00', count: 1 },
      { currency: 'USD', amount: '120000.50', count: 1 },
    ]);
    // Outcomes over time: the follow-up months after the event count in their own month.
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(report.outcomesOverTime).toEqual([{ month: thisMonth, total: 3, byKind: { contract_signed: 1, follow_up: 1, mou_signed: 1 } }]);
    // Timeline: every connection made, counted by hour.
    expect(report.timeline.reduce((n: number, b: { made: number }) => n + b.made, 0)).toBe(made);
  });

  it('shows outcomes recorded months after the event in their own month', async () => {
    const c = connections.find((x) => x.channel === 'recorded')!;
    const late = await t.http
      .post(`/api/connections/${c.id}/outcomes`)
      .set(organizer.auth)
      .send({ kind: 'order_placed', value: { amount: '75000', currency: 'CNY' } });
    expect(late.status).toBe(201);
    // As if it had been recorded in April 2021, three months after the conference of 19 January.
    await t.db.query(`UPDATE outcomes SET recorded_at = '2021-04-15T08:00:00Z' WHERE id = $1`, [late.body.id]);
    const report = (await t.http.get(`/api/events/${setup.eventId}/report`).set(organizer.auth)).body;
    expect(report.outcomesOverTime[0]).toEqual({ month: '2021-04', total: 1, byKind: { order_placed: 1 } });
    expect(report.valueByCurrency.find((v: { currency: string }) => v.currency === 'CNY').amount).toBe('575000.00');
    await t.db.query(`DELETE FROM outcomes WHERE id = $1`, [late.body.id]);
  });

  it('speaks the requested language', async () => {
    const zh = (await t.http.get(`/api/events/${setup.eventId}/report?locale=zh`).set(organizer.auth)).body;
    expect(zh.event.name).toBe('国际出口贸易促进会');
    expect(zh.byRoom.find((r: { key: string }) => r.key === setup.rooms.agriculture).name).toBe('农产品与食品');
    expect(zh.byCountry.find((r: { key: string }) => r.key === 'VN').name).toBe('越南');
    const vi = (await t.http.get(`/api/events/${setup.eventId}/report?locale=vi`).set(organizer.auth)).body;
    expect(vi.byRegion.find((r: { key: string }) => r.key === 'VN-02').name).toBe('Lào Cai');
    expect(vi.bySector.find((s: { section: string }) => s.section === 'II').name).toMatch(/thực vật/i);
  });

  it('exports CSV: the summary tables and every connection made, labelled in the chosen language', async () => {
    const json = (await t.http.get(`/api/events/${setup.eventId}/report?locale=zh`).set(organizer.auth)).body;
    const res = await t.http.get(`/api/events/${setup.eventId}/report?format=csv&locale=zh`).set(organizer.auth).buffer(true).parse(utf8);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tradebridge-report-.*-zh\.csv"/);
    const text = res.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    const value = (labelText: string) => lines.find((l) => l.startsWith(`${labelText},`))?.split(',')[1];
    expect(value('报名企业')).toBe(String(json.totals.registered));
    expect(value('成功对接')).toBe(String(json.totals.connectionsMade));
    expect(value('接受率')).toBe(String(json.totals.acceptanceRate));
    // The connections-made list: one row per accepted connection, after its header.
    const listStart = lines.indexOf('成功对接清单');
    expect(listStart).toBeGreaterThan(0);
    expect(lines[listStart + 1]).toBe('时间,发起方,方,会场,接收方,方,会场,洽谈室,渠道');
    const rows = lines.slice(listStart + 2).filter((l) => l.length > 0);
    expect(rows).toHaveLength(json.totals.connectionsMade);
    expect(rows.some((r) => r.endsWith(',现场扫码'))).toBe(true);
    expect(rows.some((r) => r.includes('浙江丝路纺织有限公司'))).toBe(true);
  });

  it('keeps the chapter bits a registration carries in step with its enterprise, so sectors follow profile edits', async () => {
    const p = await world.approved(organizer, setup, 'VN');
    const bits = async () =>
      (
        await t.db.query(
          `SELECT r.offer_chapters_lo::text AS r_lo, r.offer_chapters_hi::text AS r_hi, r.need_chapters_lo::text AS rn_lo, r.need_chapters_hi::text AS rn_hi,
                e.offer_chapters_lo::text AS e_lo, e.offer_chapters_hi::text AS e_hi, e.need_chapters_lo::text AS en_lo, e.need_chapters_hi::text AS en_hi
           FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id WHERE r.id = $1`,
          [p.registration.id],
        )
      )[0] as Record<string, string>;
    const before = await bits();
    expect([before.r_lo, before.r_hi, before.rn_lo, before.rn_hi]).toEqual([before.e_lo, before.e_hi, before.en_lo, before.en_hi]);
    // Now it sells rubber (chapter 40, low half) and steel (72, high half) and needs paper (48).
    const res = await t.http
      .patch(`/api/enterprises/${p.enterpriseId}`)
      .set(p.account.auth)
      .send({
        offers: [
          { hsCode: '4001', description: 'Natural rubber' },
          { hsCode: '7208', description: 'Hot-rolled steel' },
        ],
        needs: [{ hsCode: '48', description: 'Paper' }],
      });
    expect(res.status).toBe(200);
    const after = await bits();
    expect(after).toMatchObject({ r_lo: String(1n << 39n), r_hi: String(1n << 8n), rn_lo: String(1n << 47n), rn_hi: '0' });
    expect([after.r_lo, after.r_hi, after.rn_lo, after.rn_hi]).toEqual([after.e_lo, after.e_hi, after.en_lo, after.en_hi]);
  });

  it('exports a PDF whose text holds the headline figures and names in each language', async () => {
    for (const [locale, expected] of [
      ['vi', { made: 'Kết nối thành công', approved: 'Doanh nghiệp được duyệt', chart: 'Kết nối thành công theo phòng giao thương', sector: /thực vật/i }],
      ['zh', { made: '成功对接', approved: '审核通过企业', chart: '各洽谈室成功对接数', sector: /植物/ }],
      ['en', { made: 'Connections made', approved: 'Enterprises approved', chart: 'Connections made by trade room', sector: /vegetable/i }],
    ] as const) {
      const json = (await t.http.get(`/api/events/${setup.eventId}/report?locale=${locale}`).set(organizer.auth)).body;
      const res = await t.http.get(`/api/events/${setup.eventId}/report?format=pdf&locale=${locale}`).set(organizer.auth).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`-${locale}.pdf`);
      const text = pdfText(res.body as Buffer);
      // The event's name, charts and every headline figure beside its label (the summary table's rows).
      expect(text).toContain(json.event.name);
      expect(text).toContain(expected.chart);
      expect(text).toMatch(new RegExp(`^\\s*${expected.made}\\s+${json.totals.connectionsMade}\\s*$`, 'm'));
      expect(text).toMatch(new RegExp(`^\\s*${expected.approved}\\s+${json.totals.approved}\\s*$`, 'm'));
      expect(text).toMatch(expected.sector);
      for (const room of json.byRoom) expect(text).toContain(room.name);
      for (const venue of json.byVenue) expect(text).toContain(venue.name);
    }
  });

  it('exports XLSX whose sheets, read back, equal the JSON report', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const json = (await t.http.get(`/api/events/${setup.eventId}/report?locale=vi`).set(organizer.auth)).body;
    const res = await t.http
      .get(`/api/events/${setup.eventId}/report?format=xlsx&locale=vi`)
      .set(organizer.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo phòng giao thương',
      'Theo điểm cầu',
      'Theo lĩnh vực (phần HS)',
      'Cuộc gặp theo hình thức',
      'Cuộc gặp theo điểm cầu',
      'Tỷ lệ vắng mặt theo phía',
      'Danh sách kết nối thành công',
      'Kết quả',
    ]);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row, n) => {
        if (n > 1) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    const summary = new Map(rows('Tổng hợp').map(([k, v]) => [k, v]));
    expect(summary.get('Doanh nghiệp đăng ký')).toBe(json.totals.registered);
    expect(summary.get('Kết nối thành công')).toBe(json.totals.connectionsMade);
    expect(summary.get('Tỷ lệ chấp nhận')).toBe(json.totals.acceptanceRate);
    expect(summary.get('Số tiền (USD)')).toBe(120000.5);
    expect(rows('Theo phòng giao thương')).toEqual(json.byRoom.map((r: { name: string; approved: number; requested: number; made: number }) => [r.name, r.approved, r.requested, r.made]));
    expect(rows('Theo điểm cầu')).toEqual(
      json.byVenue.map((v: { name: string; registered: number; approved: number; checkedIn: number }) => [v.name, v.registered, v.approved, v.checkedIn]),
    );
    expect(rows('Theo lĩnh vực (phần HS)')).toEqual(json.bySector.map((s: { section: string; name: string; made: number }) => [s.section, s.name, s.made]));
    expect(rows('Danh sách kết nối thành công')).toHaveLength(json.totals.connectionsMade);
    const outcomes = rows('Kết quả');
    expect(outcomes).toHaveLength(json.totals.outcomes);
    expect(outcomes.map((o) => o[3]).sort()).toEqual(['Ký biên bản ghi nhớ (MOU)', 'Ký hợp đồng', 'Tiếp tục trao đổi']);
  });

  /** A fresh event (the figures above stay the scenario's) with one connection made between a VN and a CN enterprise. */
  const eventWithConnection = async (vn: Record<string, unknown> = {}, cn: Record<string, unknown> = {}) => {
    const other = await world.openEvent(organizer);
    const a = await world.approved(organizer, other, 'VN', vn);
    const b = await world.approved(organizer, other, 'CN', cn);
    const made = await t.http
      .post(`/api/events/${other.eventId}/connections`)
      .set(organizer.auth)
      .send({ fromRegistrationId: a.registration.id, toRegistrationId: b.registration.id, channel: 'recorded' });
    expect(made.status).toBe(201);
    return { eventId: other.eventId, connectionId: made.body.id as string };
  };
  const download = (eventId: string, format: 'csv' | 'xlsx' | 'pdf', locale: string) =>
    t.http
      .get(`/api/events/${eventId}/report?format=${format}&locale=${locale}`)
      .set(organizer.auth)
      .buffer(true)
      .parse(format === 'csv' ? utf8 : binary);
  const workbookOf = async (xlsx: Buffer) => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    return { workbook, ExcelJS };
  };

  it('neutralises self-service names a spreadsheet would run as formulas: CSV cells get a leading quote, XLSX cells stay plain strings', async () => {
    const names = { vi: `-2+3+cmd|' /C calc'!A0`, en: '=HYPERLINK("http://x","y")', zh: '+1+1', cnEn: '@SUM(1+1)' };
    const { eventId } = await eventWithConnection({ name: { vi: names.vi, en: names.en } }, { name: { zh: names.zh, en: names.cnEn } });
    const quoted = (name: string) => `"'${name.replace(/"/g, '""')}"`;
    for (const [locale, from, to] of [
      ['en', names.en, names.cnEn],
      ['vi', names.vi, names.cnEn],
      ['zh', names.en, names.zh],
    ] as const) {
      const res = await download(eventId, 'csv', locale);
      expect(res.status).toBe(200);
      const text = (res.body as string).slice(1);
      expect(text).toContain(`,${quoted(from)},VN,`);
      expect(text).toContain(`,${quoted(to)},CN,`);
      // No cell anywhere in the file starts as a formula would (tab and CR: csv.spec.ts).
      expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
    }
    const res = await download(eventId, 'xlsx', 'en');
    expect(res.status).toBe(200);
    const { workbook, ExcelJS } = await workbookOf(res.body as Buffer);
    const row = workbook.getWorksheet('Connections made')!.getRow(2);
    for (const [column, name] of [
      [2, names.en],
      [5, names.cnEn],
    ] as const) {
      const cell = row.getCell(column);
      expect({ type: cell.type, value: cell.value, formula: cell.formula }).toEqual({ type: ExcelJS.ValueType.String, value: name, formula: undefined });
    }
  });

  it('shows a large and a fractional amount with every digit, the same figure in JSON, CSV, XLSX and PDF', async () => {
    const { eventId, connectionId } = await eventWithConnection();
    for (const value of [
      { amount: '9999999999999999.99', currency: 'USD' },
      { amount: '1000000.50', currency: 'VND' },
    ]) {
      await t.http.post(`/api/connections/${connectionId}/outcomes`).set(organizer.auth).send({ kind: 'contract_signed', value }).expect(201);
    }
    const json = (await t.http.get(`/api/events/${eventId}/report?locale=en`).set(organizer.auth)).body;
    expect(json.valueByCurrency.map((v: { currency: string; amount: string }) => [v.currency, v.amount])).toEqual([
      ['USD', '9999999999999999.99'],
      ['VND', '1000000.50'],
    ]);

    const csv = ((await download(eventId, 'csv', 'vi')).body as string).split('\r\n');
    expect(csv).toEqual(expect.arrayContaining(['USD,9999999999999999.99', 'VND,1000000.50']));

    // XLSX: a number where a double holds it exactly (shown with two decimals), the exact text where it cannot.
    const { workbook, ExcelJS } = await workbookOf((await download(eventId, 'xlsx', 'en')).body as Buffer);
    const cells = (sheet: string, labelColumn: number, amountColumn: number) => {
      const out = new Map<string, { type: number; value: unknown; numFmt: string | undefined }>();
      workbook.getWorksheet(sheet)!.eachRow((row, n) => {
        if (n > 1) out.set(row.getCell(labelColumn).text, { type: row.getCell(amountColumn).type, value: row.getCell(amountColumn).value, numFmt: row.getCell(amountColumn).numFmt });
      });
      return out;
    };
    const exact = { type: ExcelJS.ValueType.String, value: '9999999999999999.99', numFmt: '@' };
    const number = { type: ExcelJS.ValueType.Number, value: 1000000.5, numFmt: '#,##0.00' };
    const summary = cells('Summary', 1, 2);
    expect([summary.get('Amount (USD)'), summary.get('Amount (VND)')]).toEqual([exact, number]);
    const outcomes = cells('Outcomes', 6, 5);
    expect([outcomes.get('USD'), outcomes.get('VND')]).toEqual([exact, number]);

    // PDF: the locale's separators, every digit, the two decimals of the column.
    for (const [locale, large, fractional] of [
      ['vi', '9.999.999.999.999.999,99', '1.000.000,50'],
      ['zh', '9,999,999,999,999,999.99', '1,000,000.50'],
      ['en', '9,999,999,999,999,999.99', '1,000,000.50'],
    ] as const) {
      const text = pdfText((await download(eventId, 'pdf', locale)).body as Buffer);
      expect(text).toMatch(new RegExp(`^\\s*USD\\s+${large.replace(/\./g, '\\.')}\\s*$`, 'm'));
      expect(text).toMatch(new RegExp(`^\\s*VND\\s+${fractional.replace(/\./g, '\\.')}\\s*$`, 'm'));
    }
  });

  it('aborts a CSV or XLSX download that fails once started (no error body after the headers), logs it once and keeps serving', async () => {
    const { eventId } = await eventWithConnection();
    // The database is real; the page read fails once, as a connection lost between two pages would
    // (such a loss cannot be timed from outside the process).
    const failure = 'Connection terminated unexpectedly (injected between pages)';
    // A lost connection is logged as a warning (the outage rule: one line per request), anything else as an error.
    const logged = [jest.spyOn(Logger.prototype, 'error'), jest.spyOn(Logger.prototype, 'warn')];
    const lines = () => logged.flatMap((spy) => spy.mock.calls).map(([message]) => String(message));
    const pages = jest.spyOn(t.app.get(ReportRepository), 'madePage');
    try {
      for (const format of ['csv', 'xlsx'] as const) {
        for (const spy of logged) spy.mockClear();
        pages.mockRejectedValueOnce(new Error(failure));
        // The connection is cut (before or after the first bytes reach the client): never ended as if whole, never an error status after a 200.
        const cut = await download(eventId, format, 'en').then(
          (res) => `completed with ${res.status}`,
          (error: Error & { code?: string }) => `cut: ${error.code ?? ''} ${error.message}`,
        );
        expect(cut).toMatch(/^cut: .*(ECONNRESET|socket hang up|aborted)/i);
        // One line, naming the failure: no second one about headers written twice (ERR_HTTP_HEADERS_SENT).
        expect(lines()).toEqual([expect.stringContaining(failure)]);
      }
      pages.mockRestore();
      const whole = await download(eventId, 'csv', 'en');
      expect(whole.status).toBe(200);
      expect(whole.body as string).toContain(',Recorded on site\r\n');
    } finally {
      pages.mockRestore();
      for (const spy of logged) spy.mockRestore();
    }
  });

  it('publishes a public summary once the event is closed, without any enterprise name or contact', async () => {
    const url = `/api/events/${setup.eventId}/report/public?locale=vi`;
    expect((await t.http.get(url)).status).toBe(404); // not closed yet: not public
    const other = await world.openEvent(organizer);
    for (const status of ['live', 'closed']) await t.http.patch(`/api/events/${other.eventId}`).set(organizer.auth).send({ status }).expect(200);
    for (const status of ['live', 'closed']) await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status }).expect(200);

    const res = await t.http.get(url); // no token
    expect(res.status).toBe(200);
    const staff = (await t.http.get(`/api/events/${setup.eventId}/report?locale=vi`).set(organizer.auth)).body;
    expect(res.body.totals).toEqual({
      registered: staff.totals.registered,
      approved: staff.totals.approved,
      checkedIn: staff.totals.checkedIn,
      connectionsMade: staff.totals.connectionsMade,
      acceptanceRate: staff.totals.acceptanceRate,
      meetingsHeld: staff.totals.meetingsHeld,
      outcomes: staff.totals.outcomes,
    });
    expect(res.body.event.sideNames).toEqual(['Việt Nam', 'Trung Quốc']);
    // Each trade room, in the asked language, with the staff report's figures for it.
    const rooms = staff.byRoom.filter((r: { key: string }) => r.key);
    expect(rooms.length).toBeGreaterThan(0);
    expect(res.body.rooms).toEqual(rooms.map((r: { name: string; approved: number; made: number }) => ({ name: r.name, approved: r.approved, connectionsMade: r.made })));
    expect(res.body.rooms.map((r: { connectionsMade: number }) => r.connectionsMade).reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(res.body.totals.connectionsMade);
    // No enterprise's name, contact or id anywhere.
    const text = res.text;
    const enterprises = await Promise.all(people.map((p) => t.http.get(`/api/enterprises/${p.enterpriseId}`).set(organizer.auth)));
    for (const e of enterprises) {
      for (const name of Object.values(e.body.name as Record<string, string>)) expect(text).not.toContain(name);
      expect(text).not.toContain(e.body.contact.email);
      expect(text).not.toContain(e.body.id);
    }
    for (const p of people) expect(text).not.toContain(p.registration.id);
  });

  it('is for staff only, and refuses unknown formats and locales', async () => {
    expect((await t.http.get(`/api/events/${setup.eventId}/report`).set(people[0].account.auth)).status).toBe(403);
    const bad = await t.http.get(`/api/events/${setup.eventId}/report?format=docx&locale=fr`).set(organizer.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['format', 'locale']);
  });
});

/** supertest parser that keeps a text body as one UTF-8 string. */
function utf8(res: Response, done: (error: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

/** supertest parser that keeps a binary body as one Buffer. */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a PDF, row by row as `pdftotext -layout` gave it, read with unpdf from npm (test/factories/pdf-text.mjs). */
function pdfText(pdf: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, '..', 'factories', 'pdf-text.mjs')], { input: pdf, encoding: 'utf8' });
}
