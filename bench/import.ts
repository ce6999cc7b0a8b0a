/**
 * The bulk import at the size: a 5,000-row XLSX of new enterprises (half
 * VN, half CN, with offers, needs, certifications and contacts) imported into a
 * fresh event through ImportsService.run as the API runs it, as an organizer does:
 * - the dry run first (read the file, check and plan every row against what is
 *   stored; nothing written);
 * - then the apply of the same file (read, check and plan again, then write
 *   enterprises, products, contact accounts and memberships, approved
 *   registrations, invitations and the log entry, in one transaction).
 * The baseline, in the same run: the same rows written with the least SQL there is,
 * one multi-row INSERT … SELECT FROM unnest per table in one transaction, with no
 * checks, no file and no invitations. Turns alternate (import, bare, bare, import;
 * an import turn is the dry run then the apply, on its own fresh event).
 * Goals: dry run ≤ 10× bare and apply ≤ 10× bare. Prints the figures and writes
 * bench/results/import.json.
 */
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { INestApplication } from '@nestjs/common';
import { loadConfig, migrateDatabase } from '@tradebridge/core';
import { COLUMN_TEXT, IMPORT_COLUMNS, ImportsService, type ImportColumn } from '@tradebridge/imports';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../apps/api/src/app';
import { alternatingTurns, benchDatabase, writeResults } from './support';

const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = QUICK ? 1000 : 5000;
const GOAL_RATIO = 10;

type Row = Record<ImportColumn, string>;

function rows(run: string): Row[] {
  const blank = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as Row;
  return Array.from({ length: ROWS }, (_, i): Row => {
    const t = `${run}-${i}`;
    return i % 2
      ? {
          ...blank,
          name_zh: `浙江纺织有限公司 ${t}`,
          name_en: `Zhejiang Textiles ${t}`,
          country: 'CN',
          region: '浙江省',
          offers: '520812: 棉布; 5407: 涤纶长丝',
          needs: '081060: 榴莲',
          languages: 'zh, en',
          certifications: 'gacc_registration:CHN-330000-2021',
          contact_person: '王芳',
          contact_email: `wang.${t}@zj-textiles.cn`,
          contact_phone: '+86 571 8888 1234',
          tax_code: `CN${t}`.toUpperCase(),
          venue: 'Online',
          attendance: 'online',
        }
      : {
          ...blank,
          name_vi: `HTX Nông sản Bát Xát ${t}`,
          name_en: `Bat Xat Agri Co-op ${t}`,
          country: 'VN',
          region: 'Lào Cai',
          offers: '081060: Sầu riêng tươi; 0810: Chanh leo',
          needs: '8433: Máy sấy nông sản',
          languages: 'vi, en',
          certifications: 'ocop:4; growing_area_code:VN-LCOR-0102',
          contact_person: 'Nguyễn Thị Hoa',
          contact_email: `hoa.${t}@batxat-agri.vn`,
          contact_phone: '+84 214 3840 123',
          tax_code: `53${t}`,
          venue: 'Online',
          attendance: 'online',
        };
  });
}

async function xlsx(data: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Participants');
  sheet.addRow(IMPORT_COLUMNS.map((c) => COLUMN_TEXT[c].en.header));
  for (const row of data) sheet.addRow(IMPORT_COLUMNS.map((c) => row[c]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function freshEvent(db: DataSource, organizerId: string): Promise<{ eventId: string; venueId: string }> {
  const [{ id: eventId }] = await db.query<{ id: string }[]>(
    `INSERT INTO events (name, timezone, starts_at, ends_at, status, created_by) VALUES ('{"en": "Import benchmark"}', 'Asia/Ho_Chi_Minh', '2021-01-19T01:00Z', '2021-01-19T10:00Z', 'registration_open', $1) RETURNING id`,
    [organizerId],
  );
  await db.query(`INSERT INTO event_staff (event_id, user_id, role) VALUES ($1, $2, 'organizer')`, [eventId, organizerId]);
  const [{ id: venueId }] = await db.query<{ id: string }[]>(
    `INSERT INTO venues (event_id, name, city, country, timezone, kind, capacity, tables) VALUES ($1, 'Online', 'Online', 'VN', 'Asia/Ho_Chi_Minh', 'online', 100000, 0) RETURNING id`,
    [eventId],
  );
  return { eventId, venueId };
}

/** The same rows with one INSERT per table, in one transaction: the least a write of them costs. */
async function bare(db: DataSource, organizerId: string, eventId: string, venueId: string, data: Row[]): Promise<void> {
  const ids = data.map(() => randomUUID());
  const userIds = data.map(() => randomUUID());
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO users (id, email, password_hash, display_name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`, [
      userIds,
      data.map((r) => r.contact_email),
      data.map(() => '!unclaimed'),
      data.map((r) => r.contact_person),
    ]);
    await tx.query(
      `INSERT INTO enterprises (id, name, country, region, certifications, contact, languages, tax_code, created_by)
       SELECT i, n, c, r, cert, ct, l::text[], tx, cb FROM unnest($1::uuid[], $2::jsonb[], $3::char(2)[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[], $9::uuid[])
              AS x(i, n, c, r, cert, ct, l, tx, cb)`,
      [
        ids,
        data.map((r) => JSON.stringify({ ...(r.name_vi ? { vi: r.name_vi } : {}), ...(r.name_zh ? { zh: r.name_zh } : {}), en: r.name_en })),
        data.map((r) => r.country),
        data.map((r) => (r.country === 'VN' ? 'VN-02' : 'CN-ZJ')),
        data.map((r) => (r.country === 'VN' ? '[{"kind":"ocop","stars":4}]' : '[{"kind":"gacc_registration","code":"CHN-330000-2021"}]')),
        data.map((r) => JSON.stringify({ email: r.contact_email, phone: r.contact_phone, person: r.contact_person })),
        data.map((r) => `{${r.languages.replace(/\s/g, '')}}`),
        data.map((r) => r.tax_code),
        userIds,
      ],
    );
    const products = data.flatMap((r, i) => [
      [ids[i], 'offer', 0, r.country === 'VN' ? '081060' : '520812'],
      [ids[i], 'offer', 1, r.country === 'VN' ? '0810' : '5407'],
      [ids[i], 'need', 0, r.country === 'VN' ? '8433' : '081060'],
    ]);
    await tx.query(`INSERT INTO enterprise_products (enterprise_id, direction, position, hs_code) SELECT * FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::text[])`, [
      products.map((p) => p[0]),
      products.map((p) => p[1]),
      products.map((p) => p[2]),
      products.map((p) => p[3]),
    ]);
    await tx.query(`INSERT INTO enterprise_members (enterprise_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [ids, userIds]);
    await tx.query(
      `INSERT INTO registrations (event_id, enterprise_id, venue_id, attendance, side, status, badge_code, decided_at, decided_by, created_by)
       SELECT $1, e, $2, 'online', s, 'approved', b, now(), $3, $3 FROM unnest($4::uuid[], $5::char(2)[], $6::text[]) AS x(e, s, b)`,
      [eventId, venueId, organizerId, ids, data.map((r) => r.country), data.map(() => `B${randomUUID().replace(/-/g, '').slice(0, 19).toUpperCase()}`)],
    );
  });
}

export async function main(): Promise<void> {
  const database = await benchDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!!',
    LOG_LEVEL: 'error',
    DATA_DIR: tmpdir(),
    DATABASE_STATEMENT_TIMEOUT_MS: '600000',
  });
  let app: INestApplication | undefined;
  try {
    await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
    app = await createApiApp(config, database.url);
    // Starts the mail queue the invitations go through (in the import's transaction).
    await app.init();
    const db = app.get(DataSource);
    const service = app.get(ImportsService);
    const [{ id: organizerId }] = await db.query<{ id: string }[]>(
      `INSERT INTO users (email, password_hash, display_name, roles) VALUES ($1, 'x', 'Bench organizer', ARRAY['organizer']) RETURNING id`,
      [`bench.import.${Date.now()}@tradebridge.local`],
    );
    const actor = { userId: organizerId, email: 'bench@tradebridge.local', roles: ['organizer' as const] };
    const dryRunMs: number[] = [];
    const importMs: number[] = [];
    const bareMs: number[] = [];
    let planned = 0;
    let written = 0;
    const timed = async (dryRun: boolean, eventId: string, file: Buffer) => {
      const started = process.hrtime.bigint();
      const report = await service.run(actor, eventId, () => ({ format: 'xlsx', body: file }), 'en', dryRun);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (report.totals.refused) throw new Error(`the benchmark's rows were refused: ${JSON.stringify(report.rows.find((r) => r.status === 'refused'))}`);
      if (report.totals.created !== ROWS) throw new Error(`the ${dryRun ? 'dry run' : 'apply'} reported ${report.totals.created} of ${ROWS} rows created`);
      return { ms, created: report.totals.created };
    };
    for (const [n, turn] of alternatingTurns<'import' | 'bare'>('import', 'bare', 1, QUICK).entries()) {
      const data = rows(`${Date.now().toString(36)}${n}`);
      const { eventId, venueId } = await freshEvent(db, organizerId);
      if (turn === 'import') {
        const file = await xlsx(data);
        // As an organizer does it: the dry run, then the apply of the same file.
        const dry = await timed(true, eventId, file);
        dryRunMs.push(dry.ms);
        planned = dry.created;
        const [{ count }] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM registrations WHERE event_id = $1`, [eventId]);
        if (count !== 0) throw new Error(`the dry run wrote ${count} registrations`);
        const applied = await timed(false, eventId, file);
        importMs.push(applied.ms);
        written = applied.created;
      } else {
        const started = process.hrtime.bigint();
        await bare(db, organizerId, eventId, venueId, data);
        bareMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const dryRunRatio = mean(dryRunMs) / mean(bareMs);
    const ratio = mean(importMs) / mean(bareMs);
    const figures = {
      benchmark: 'import',
      rows: ROWS,
      planned,
      created: written,
      dryRunRunsMs: dryRunMs.map(Math.round),
      importRunsMs: importMs.map(Math.round),
      bareRunsMs: bareMs.map(Math.round),
      dryRunMeanMs: Math.round(mean(dryRunMs)),
      importMeanMs: Math.round(mean(importMs)),
      bareMeanMs: Math.round(mean(bareMs)),
      dryRunRatioToBare: Math.round(dryRunRatio * 100) / 100,
      ratioToBare: Math.round(ratio * 100) / 100,
      goals: { ratioAtMost: GOAL_RATIO, dryRunMet: dryRunRatio <= GOAL_RATIO, met: ratio <= GOAL_RATIO },
    };
    const verdict = (met: boolean) => `goal ≤ ${GOAL_RATIO}×: ${met ? 'met' : 'NOT met'}`;
    console.log(`dry run of ${ROWS} rows (XLSX read, every row checked and planned, nothing written): runs ${figures.dryRunRunsMs.join(', ')} ms`);
    console.log(`apply of the same file (read, checked and planned again, written in one transaction): runs ${figures.importRunsMs.join(', ')} ms`);
    console.log(`bare bulk insert of the same rows (one INSERT per table): runs ${figures.bareRunsMs.join(', ')} ms`);
    console.log(`dry run / bare: ${figures.dryRunRatioToBare}× (${verdict(figures.goals.dryRunMet)})`);
    console.log(`apply / bare: ${figures.ratioToBare}× (${verdict(figures.goals.met)})`);
    writeResults('import', figures);
  } finally {
    await app?.close();
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
