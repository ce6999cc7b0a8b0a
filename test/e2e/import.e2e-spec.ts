import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { COLUMN_TEXT, IMPORT_COLUMNS, type ImportColumn } from '@tradebridge/imports';
import { createTestApp, TestApp } from '../factories/app';
import { mailQueueName } from '../factories/mail';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Bulk import of participants (issue 15.2), with real XLSX files built by
 * ExcelJS: every row's result in a dry run (refusals name row and column), an
 * apply that writes the accepted rows, a re-import that updates and creates
 * nothing twice, CSV, and a 5,000-row file applied as one job with progress,
 * which a lost database connection leaves with nothing written.
 */
type Row = Partial<Record<ImportColumn, string>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: Row[], locale: 'vi' | 'zh' | 'en' = 'vi'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Doanh nghiệp');
  sheet.addRow(IMPORT_COLUMNS.map((c) => COLUMN_TEXT[c][locale].header));
  for (const row of rows) sheet.addRow(IMPORT_COLUMNS.map((c) => row[c] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(rows: Row[]): string {
  const q = (s: string) => (/[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [IMPORT_COLUMNS.map((c) => COLUMN_TEXT[c].en.header), ...rows.map((r) => IMPORT_COLUMNS.map((c) => q(r[c] ?? '')))].map((l) => l.join(',')).join('\r\n');
}

const tag = () => randomUUID().slice(0, 8);
function vnRow(over: Row = {}): Row {
  const t = tag();
  return {
    name_vi: `HTX Nông sản Bát Xát ${t}`,
    name_en: `Bat Xat Agri Co-op ${t}`,
    country: 'VN',
    region: 'Yên Bái',
    offers: '081060: Sầu riêng tươi; 0810: Chanh leo',
    needs: '8433: Máy sấy nông sản',
    languages: 'vi, en',
    certifications: 'ocop:4; growing_area_code:VN-LCOR-0102',
    contact_person: 'Nguyễn Thị Hoa',
    contact_email: `hoa.${t}@batxat-agri.vn`,
    contact_phone: '+84 214 3840 123',
    tax_code: `53${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`,
    venue: 'Điểm cầu chính Lào Cai',
    attendance: 'trực tiếp',
    ...over,
  };
}
function cnRow(over: Row = {}): Row {
  const t = tag();
  return {
    name_zh: `浙江纺织有限公司 ${t}`,
    country: '中国',
    region: '浙江省',
    offers: '520812: 棉布',
    needs: '',
    contact_person: '王伟',
    contact_email: `wang.${t}@zj-textile.cn`,
    contact_phone: '+86 571 8888 6666',
    tax_code: `91330100${t.toUpperCase()}XX`,
    venue: '杭州分会场',
    attendance: 'onsite',
    ...over,
  };
}

describe('bulk import of participants', () => {
  let t: TestApp;
  /** The same API without a mail worker, for the big jobs: their thousands of invitations would otherwise be sent while other specs wait on the database. */
  let bulk: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    [t, bulk] = await Promise.all([createTestApp({ MAIL_QUEUE: mailQueueName('import'), MAIL_POLL_SECONDS: '1' }), createTestApp()]);
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterAll(() => Promise.all([t.close(), bulk.close()]));

  const post = (body: Buffer | string, options: { dryRun?: boolean; type?: string; locale?: string; eventId?: string } = {}) =>
    t.http
      .post(`/api/events/${options.eventId ?? setup.eventId}/import?dryRun=${options.dryRun ?? true}&locale=${options.locale ?? 'vi'}`)
      .set(organizer.auth)
      .set('Content-Type', options.type ?? XLSX)
      .send(body);
  const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }[]>(sql, params))[0].n;

  it('serves the template in each language: headers, a note per header and a guide sheet; CSV with a BOM', async () => {
    for (const locale of ['vi', 'zh', 'en'] as const) {
      const res = await t.http
        .get(`/api/events/${setup.eventId}/import/template?format=xlsx&locale=${locale}`)
        .set(organizer.auth)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      const [sheet, guide] = workbook.worksheets;
      expect(sheet.getRow(1).getCell(1).text).toBe(COLUMN_TEXT.name_vi[locale].header);
      expect(sheet.getRow(1).getCell(5).note).toBeTruthy();
      expect(guide.rowCount).toBe(IMPORT_COLUMNS.length + 1);
    }
    const csvTemplate = await t.http.get(`/api/events/${setup.eventId}/import/template?format=csv&locale=zh`).set(organizer.auth);
    expect(csvTemplate.headers['content-type']).toContain('text/csv');
    expect(csvTemplate.text).toMatch(/^\uFEFF越南语名称,中文名称/);
  });

  it('a dry run answers every row and writes nothing; every bad column is refused naming row and column, in the organizer’s language', async () => {
    const bad: [ImportColumn, Row, string][] = [
      ['name_vi', { name_vi: '', name_en: '', name_zh: '' }, 'REQUIRED'],
      ['name_en', { name_en: 'x'.repeat(301) }, 'TOO_LONG'],
      ['country', { country: 'Atlantis' }, 'UNKNOWN_COUNTRY'],
      ['country', { country: 'LA', region: 'Viêng Chăn' }, 'NOT_A_SIDE'],
      ['region', { region: 'Gotham' }, 'UNKNOWN_REGION'],
      ['offers', { offers: '999999: Không có' }, 'UNKNOWN_HS_CODE'],
      ['needs', { needs: 'máy móc' }, 'INVALID_PRODUCT_LINE'],
      ['languages', { languages: 'vietnamese' }, 'INVALID_LANGUAGE'],
      ['certifications', { certifications: 'ocop:7' }, 'INVALID_CERTIFICATION'],
      ['certifications', { certifications: 'gacc_registration' }, 'INVALID_CERTIFICATION'],
      ['contact_person', { contact_person: '' }, 'REQUIRED'],
      ['contact_email', { contact_email: 'not-an-email' }, 'INVALID_EMAIL'],
      ['contact_phone', { contact_phone: 'call me' }, 'INVALID_PHONE'],
      ['tax_code', { tax_code: '12' }, 'INVALID_TAX_CODE'],
      ['venue', { venue: 'Điểm cầu Sa Pa' }, 'UNKNOWN_VENUE'],
      ['attendance', { attendance: 'maybe' }, 'INVALID_ATTENDANCE'],
      ['attendance', { venue: 'Trực tuyến / Online', attendance: 'trực tiếp' }, 'ONLINE_VENUE'],
    ];
    const good = [vnRow(), cnRow()];
    const file = await xlsx([...good, ...bad.map(([, over]) => vnRow(over))]);
    const res = await post(file);
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.totals).toEqual({ rows: 2 + bad.length, created: 2, updated: 0, refused: bad.length });
    expect(res.body.rows.slice(0, 2).map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
    ]);
    bad.forEach(([column, , code], i) => {
      const row = res.body.rows[2 + i];
      expect({ row: row.row, status: row.status, column: row.problems[0].column, code: row.problems[0].code }).toEqual({ row: 4 + i, status: 'refused', column, code });
      expect(row.problems[0].header).toBe(COLUMN_TEXT[column].vi.header);
      expect(row.problems[0].message.length).toBeGreaterThan(5);
    });
    expect(res.body.rows[4 + 2].problems[0].message).toMatch(/không phải tỉnh\/thành/);
    expect(await count(`SELECT count(*)::int AS n FROM enterprises WHERE tax_code = ANY($1)`, [good.map((g) => g.tax_code)])).toBe(0);

    const zh = await post(file, { locale: 'zh' });
    expect(zh.body.rows[6].problems[0].message).toMatch(/不是.*省份/);
  });

  it('apply writes the accepted rows (approved registrations, contact accounts as members, pre-2025 province resolved); a re-import of the corrected file updates and creates nothing twice', async () => {
    const eventSetup = await world.openEvent(organizer);
    const rows = [vnRow(), cnRow(), vnRow({ region: 'Gotham' })];
    const first = await post(await xlsx(rows), { dryRun: false, eventId: eventSetup.eventId });
    expect(first.status).toBe(200);
    expect(first.body.totals).toMatchObject({ created: 2, updated: 0, refused: 1 });
    const vnId = first.body.rows[0].enterpriseId as string;
    const enterprise = await t.http.get(`/api/enterprises/${vnId}`).set(organizer.auth);
    expect(enterprise.body).toMatchObject({ country: 'VN', region: 'VN-02', languages: ['en', 'vi'], contact: { email: rows[0].contact_email } });
    expect(enterprise.body.offers).toEqual([
      { hsCode: '081060', description: 'Sầu riêng tươi' },
      { hsCode: '0810', description: 'Chanh leo' },
    ]);
    const regs = await t.http.get(`/api/events/${eventSetup.eventId}/registrations?limit=50`).set(organizer.auth);
    expect(regs.body.total).toBe(2);
    expect(regs.body.items.every((r: { status: string }) => r.status === 'approved')).toBe(true);
    expect(
      await count(`SELECT count(*)::int AS n FROM enterprise_members m JOIN users u ON u.id = m.user_id WHERE m.enterprise_id = $1 AND u.email = $2`, [vnId, rows[0].contact_email]),
    ).toBe(1);

    // Corrected: the third row's region fixed, the first renamed and moved online; the CN row keyed by e-mail alone now.
    const corrected = [{ ...rows[0], name_en: 'Bat Xat Agri (renamed)', venue: 'Trực tuyến / Online', attendance: 'trực tuyến' }, { ...rows[1] }, { ...rows[2], region: 'Lào Cai' }];
    const dry = await post(await xlsx(corrected), { eventId: eventSetup.eventId });
    expect(dry.body.totals).toMatchObject({ created: 1, updated: 2, refused: 0 });
    const second = await post(await xlsx(corrected), { dryRun: false, eventId: eventSetup.eventId });
    expect(second.body.rows.map((r: { status: string }) => r.status)).toEqual(['updated', 'updated', 'created']);
    expect(second.body.rows[0].enterpriseId).toBe(vnId);
    const again = await post(await xlsx(corrected), { dryRun: false, eventId: eventSetup.eventId });
    expect(again.body.totals).toMatchObject({ created: 0, updated: 3, refused: 0 });

    const taxCodes = corrected.map((r) => r.tax_code);
    expect(await count(`SELECT count(*)::int AS n FROM enterprises WHERE tax_code = ANY($1)`, [taxCodes])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [eventSetup.eventId])).toBe(3);
    const moved = await t.db.query(`SELECT r.attendance, e.name->>'en' AS name FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.id = $1`, [vnId]);
    expect(moved).toEqual([{ attendance: 'online', name: 'Bat Xat Agri (renamed)' }]);
    const log = await t.http.get(`/api/events/${eventSetup.eventId}/log?afterSeq=0&limit=500`).set(organizer.auth);
    expect(log.body.items.filter((e: { type: string }) => e.type === 'registrations.imported').map((e: { data: unknown }) => e.data)).toEqual([
      { created: 2, updated: 0, refused: 1 },
      { created: 1, updated: 2, refused: 0 },
      { created: 0, updated: 3, refused: 0 },
    ]);
  });

  it('invites each new contact to claim its account (a reset link in its language); the link sets a password that logs in as a member', async () => {
    const eventSetup = await world.openEvent(organizer);
    const row = vnRow();
    await post(await xlsx([row]), { dryRun: false, eventId: eventSetup.eventId }).expect(200);
    let body = '';
    for (let i = 0; i < 100 && !body; i++) {
      const rows = await t.db.query<{ text_body: string; subject: string }[]>(`SELECT text_body, subject FROM mailbox WHERE to_address = $1 AND kind = 'account-invitation'`, [
        row.contact_email,
      ]);
      if (rows.length) body = `${rows[0].subject}\n${rows[0].text_body}`;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(body).toMatch(/kích hoạt tài khoản/);
    expect(body).toContain(row.name_vi);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(body)![1];
    expect((await t.http.post('/api/auth/login').send({ email: row.contact_email, password: 'correct horse battery staple' })).status).toBe(401);
    await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'correct horse battery staple' }).expect(204);
    const claimed = await world.login(row.contact_email!);
    const me = await t.http.get('/api/me').set(claimed.auth);
    expect(me.body.enterprises.map((e: { name: { vi?: string } }) => e.name.vi)).toEqual([row.name_vi]);
    // A re-import invites nobody again.
    await post(await xlsx([row]), { dryRun: false, eventId: eventSetup.eventId }).expect(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count(`SELECT count(*)::int AS n FROM mailbox WHERE to_address = $1`, [row.contact_email])).toBe(1);
  });

  it('refuses the same enterprise twice in a file, and on-site rows beyond a venue’s capacity', async () => {
    const one = vnRow();
    const res = await post(await xlsx([one, { ...vnRow(), tax_code: one.tax_code }, { ...vnRow(), contact_email: one.contact_email }]));
    expect(res.body.rows.map((r: { status: string; problems?: { column: string; code: string }[] }) => [r.status, r.problems?.[0].column, r.problems?.[0].code])).toEqual([
      ['created', undefined, undefined],
      ['refused', 'tax_code', 'DUPLICATE_IN_FILE'],
      ['refused', 'contact_email', 'DUPLICATE_IN_FILE'],
    ]);
    const small = await world.openEvent(organizer);
    await t.http.patch(`/api/events/${small.eventId}/venues/${small.venues.hangzhou}`).set(organizer.auth).send({ capacity: 1 }).expect(200);
    const full = await post(await xlsx([cnRow(), cnRow(), cnRow({ attendance: 'online' })]), { eventId: small.eventId, locale: 'en' });
    expect(full.body.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'refused', 'created']);
    expect(full.body.rows[1].problems[0]).toMatchObject({ column: 'venue', code: 'VENUE_FULL', message: expect.stringMatching(/capacity 1/) });
  });

  it('reads CSV (raw body or multipart), and refuses other media types with UNSUPPORTED_MEDIA_TYPE', async () => {
    const rows = [vnRow({ offers: '081060: Sầu riêng, loại "Ri6"' }), cnRow()];
    const raw = await post(csv(rows), { type: 'text/csv; charset=utf-8' });
    expect(raw.status).toBe(200);
    expect(raw.body.totals).toMatchObject({ rows: 2, created: 2, refused: 0 });
    const multipart = await t.http
      .post(`/api/events/${setup.eventId}/import?dryRun=true&locale=en`)
      .set(organizer.auth)
      .attach('file', Buffer.from(csv(rows)), { filename: 'participants.csv', contentType: 'text/csv' });
    expect(multipart.status).toBe(200);
    expect(multipart.body.totals.created).toBe(2);
    const xml = await post('<xml/>', { type: 'application/xml' });
    expect(xml.status).toBe(415);
    expect(xml.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const garbage = await post(Buffer.from('PK garbage'));
    expect(garbage.status).toBe(400);
  });

  it('only the event’s organizers import', async () => {
    const stranger = await world.account('stranger');
    const res = await t.http
      .post(`/api/events/${setup.eventId}/import`)
      .set(stranger.auth)
      .set('Content-Type', 'text/csv')
      .send(csv([vnRow()]));
    expect([403, 404]).toContain(res.status);
  });

  /** Starts an import job, then polls it to the end, keeping every progress it saw. */
  const startJob = (file: Buffer, eventId: string) => bulk.http.post(`/api/events/${eventId}/imports?locale=vi`).set(organizer.auth).set('Content-Type', XLSX).send(file);
  async function follow(eventId: string, jobId: string, seen: number[] = [], during?: (job: { processedRows: number }) => Promise<void>) {
    for (;;) {
      const job = (await bulk.http.get(`/api/events/${eventId}/imports/${jobId}`).set(organizer.auth).expect(200)).body;
      seen.push(job.processedRows);
      if (job.status !== 'running') return job;
      await during?.(job);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('applies a 5,000-row file as one job: progress grows, nothing shows until it commits, a second job waits its turn', async () => {
    const big = await world.openEvent(organizer);
    await t.http.patch(`/api/events/${big.eventId}/venues/${big.venues.online}`).set(organizer.auth).send({ capacity: 10000 }).expect(200);
    const rows = Array.from({ length: 5000 }, (_, i) =>
      i % 2 ? cnRow({ venue: 'Trực tuyến / Online', attendance: 'online', tax_code: `CN${i}X${tag()}`.toUpperCase() }) : vnRow({ venue: 'Trực tuyến / Online', attendance: '' }),
    );
    const file = await xlsx(rows);
    const dry = await post(file, { eventId: big.eventId });
    expect(dry.body.totals).toEqual({ rows: 5000, created: 5000, updated: 0, refused: 0 });
    const started = await startJob(file, big.eventId);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', totalRows: 5000, processedRows: 0, eventId: big.eventId });
    // One job per event at a time (the database's partial unique index).
    const second = await startJob(file, big.eventId);
    expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'IMPORT_RUNNING' });
    const seen: number[] = [];
    const visible: number[] = [];
    const done = await follow(big.eventId, started.body.id, seen, async (job) => {
      if (job.processedRows === 0) return;
      const n = await count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [big.eventId]);
      // "succeeded" commits with the rows: a job still running after the count was running during it
      // (one that finished in between may have let the count see its rows, which proves nothing).
      const after = (await bulk.http.get(`/api/events/${big.eventId}/imports/${started.body.id}`).set(organizer.auth).expect(200)).body;
      if (after.status === 'running') visible.push(n);
    });
    expect(done.status).toBe('succeeded');
    expect(done.processedRows).toBe(5000);
    expect(done.result.totals).toEqual({ rows: 5000, created: 5000, updated: 0, refused: 0 });
    expect(done.result.dryRun).toBe(false);
    // The bar moved through values between nothing and everything, never back.
    expect(seen.some((n) => n > 0 && n < 5000)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // While it ran, its rows were in its own transaction: nobody else saw any.
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible)).toEqual(new Set([0]));
    expect(await count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [big.eventId])).toBe(5000);
    // The event is free for the next job.
    const again = await startJob(file, big.eventId);
    expect(again.status).toBe(202);
    const redone = await follow(big.eventId, again.body.id);
    expect(redone.result.totals).toEqual({ rows: 5000, created: 0, updated: 5000, refused: 0 });
  }, 400_000);

  it('leaves nothing half-done when its database connection dies mid-way, and the same file then imports whole', async () => {
    const event = await world.openEvent(organizer);
    await t.http.patch(`/api/events/${event.eventId}/venues/${event.venues.online}`).set(organizer.auth).send({ capacity: 10000 }).expect(200);
    const file = await xlsx(Array.from({ length: 1500 }, () => vnRow({ venue: 'Trực tuyến / Online', attendance: 'online' })));
    const started = await startJob(file, event.eventId);
    expect(started.status).toBe(202);
    let killed = 0;
    const failed = await follow(event.eventId, started.body.id, [], async (job) => {
      if (killed || job.processedRows === 0) return;
      // The job's transaction names itself; a real fault: its backend is terminated.
      killed = (
        await t.db.query<{ n: number }[]>(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1`, [`tradebridge-import-${started.body.id}`])
      )[0].n;
    });
    expect(killed).toBe(1);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(failed.result).toBeUndefined();
    expect(await count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [event.eventId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM event_log WHERE event_id = $1 AND type = 'registrations.imported'`, [event.eventId])).toBe(0);
    const retried = await follow(event.eventId, (await startJob(file, event.eventId).expect(202)).body.id);
    expect(retried.result.totals).toEqual({ rows: 1500, created: 1500, updated: 0, refused: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [event.eventId])).toBe(1500);
  }, 300_000);

  it('records a job whose process died as failed, and frees the event for the next', async () => {
    const event = await world.openEvent(organizer);
    const stale = (
      await t.db.query<{ id: string }[]>(
        `INSERT INTO imports (event_id, created_by, locale, status, total_rows, processed_rows, heartbeat_at) VALUES ($1, $2, 'vi', 'running', 10, 3, now() - interval '10 minutes') RETURNING id`,
        [event.eventId, organizer.id],
      )
    )[0];
    const job = (await bulk.http.get(`/api/events/${event.eventId}/imports/${stale.id}`).set(organizer.auth).expect(200)).body;
    expect(job).toMatchObject({ status: 'failed', error: { code: 'IMPORT_INTERRUPTED' } });
    const started = await startJob(await xlsx([vnRow()]), event.eventId);
    expect(started.status).toBe(202);
    expect((await follow(event.eventId, started.body.id)).status).toBe('succeeded');
    expect((await bulk.http.get(`/api/events/${event.eventId}/imports/${randomUUID()}`).set(organizer.auth)).status).toBe(404);
  });
});
