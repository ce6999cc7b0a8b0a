/**
 * The participant directory at the issue's size: one event of 10,000 approved
 * registrations (5,000 per side), each enterprise named in vi or zh and en, in a
 * region of its country, with HS-coded offers and needs, languages and
 * certifications; the organizers have opened each side to its own, so a member
 * browses all the others (the most rows a directory page reads from).
 *
 * Measures, on a real PostgreSQL (embedded unless BENCH_DATABASE_URL is set):
 * - `GET /api/events/:id/directory` over HTTP as enterprise members of the event
 *   (twenty of them, both sides, taking turns), a page of 20 as the web app asks,
 *   cycling through a mix of queries: no filter, names in Vietnamese with and
 *   without diacritics and in Chinese, HS code, sector, country, region,
 *   certification, language, attendance, a combination and a later page;
 * - the baseline, in the same run: the SQL DirectoryRepository sends for the
 *   page (one statement carrying the total; a count of its own only for a page
 *   past the end) over one bare `pg` connection, no HTTP, no authorization, no Nest. Before timing, each query's page and
 *   total are checked equal on both sides, and non-empty.
 * Turns alternate (API, bare, bare, API per round). Reports p50 and p99 of each
 * side over all requests and per query, and the ratio; no goal beyond reporting
 * p99. BENCH_QUICK=1: one turn each. BENCH_DIRECTORY_EXPLAIN=1 prints
 * EXPLAIN ANALYZE of each query's page statement. Writes bench/results/directory.json.
 */
import { loadavg, tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Certification, DirectoryPage } from '@tradebridge/contracts';
import { loadConfig, migrateDatabase, TokenService } from '@tradebridge/core';
import { matchVectors, sectorFilter } from '@tradebridge/enterprises';
import { fold, hsName, resolveRegion } from '@tradebridge/reference';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../apps/api/src/app';
import { alternatingTurns, benchDatabase, freePort, mulberry32, percentile, writeResults } from './support';
import { textArray, tradedGoods } from './world';

const QUICK = process.env.BENCH_QUICK === '1';
const PER_SIDE = 5_000;
const VIEWERS_PER_SIDE = 10;
const PAGE_SIZE = 20;
const ROUNDS = 2;
/** Passes over the query mix per turn: 4 API turns × 8 passes × 13 queries = 416 requests (quick: 1 turn × 3 passes). */
const PASSES_PER_TURN = QUICK ? 3 : 8;
const SEED = 20_251_215;

/** One query of the mix, as the web app sends it (limit and offset added when sent). */
interface DirectoryCase {
  name: string;
  query: Record<string, string>;
}

const CASES: DirectoryCase[] = [
  { name: 'first page, no filter', query: {} },
  { name: 'name in Vietnamese, diacritics ("Bát Xát")', query: { q: 'Bát Xát' } },
  { name: 'the same name without diacritics ("bat xat")', query: { q: 'bat xat' } },
  { name: 'name in Chinese ("云南")', query: { q: '云南' } },
  { name: 'HS code 0810 (offered or needed)', query: { hs: '0810' } },
  { name: 'sector: HS chapter 84', query: { sector: '84' } },
  { name: 'country CN', query: { country: 'CN' } },
  { name: 'region VN-02 (Lào Cai)', query: { region: 'VN-02' } },
  { name: 'certification ocop', query: { certification: 'ocop' } },
  { name: 'language zh', query: { language: 'zh' } },
  { name: 'attendance online', query: { attendance: 'online' } },
  { name: 'combined: side CN, HS 84, language vi', query: { side: 'CN', hs: '84', language: 'vi' } },
  { name: 'a later page (offset 500)', query: { offset: '500' } },
];

// Names as the two sides write them: a Vietnamese company form, trade, trading name and place; a Chinese place, trading name and trade.
const VN_FORMS = [
  ['Công ty TNHH', 'Co., Ltd'],
  ['Công ty Cổ phần', 'JSC'],
  ['Hợp tác xã', 'Cooperative'],
  ['Doanh nghiệp tư nhân', 'Private Enterprise'],
];
const VN_TRADES = [
  ['Nông sản', 'Agricultural Products'],
  ['Xuất nhập khẩu', 'Import-Export'],
  ['Dệt may', 'Textiles'],
  ['Chế biến gỗ', 'Wood Processing'],
  ['Thực phẩm', 'Foods'],
  ['Cao su', 'Rubber'],
  ['Chè', 'Tea'],
  ['Trái cây', 'Fruit'],
  ['Thương mại', 'Trading'],
  ['Cơ khí', 'Engineering'],
];
const VN_BRANDS = ['Hoàng Long', 'Phú Thịnh', 'Minh Anh', 'Thành Đạt', 'Hưng Phát', 'An Khang', 'Đại Việt', 'Tân Tiến', 'Việt Hưng', 'Bảo Ngọc', 'Quang Minh', 'Hải Đăng'];
/** Place in the name, and its region (ISO 3166-2, current units). Lào Cai's districts weigh more: the conference is there. */
const VN_PLACES = [
  ['Bát Xát', 'VN-02'],
  ['Sa Pa', 'VN-02'],
  ['Mường Khương', 'VN-02'],
  ['Bảo Thắng', 'VN-02'],
  ['Lạng Sơn', 'VN-09'],
  ['Móng Cái', 'VN-13'],
  ['Hà Nội', 'VN-HN'],
  ['Hải Phòng', 'VN-HP'],
  ['Đà Nẵng', 'VN-DN'],
  ['Cần Thơ', 'VN-CT'],
];
const CN_PLACES = [
  ['云南', 'Yunnan', 'CN-YN'],
  ['广西', 'Guangxi', 'CN-GX'],
  ['浙江', 'Zhejiang', 'CN-ZJ'],
  ['广东', 'Guangdong', 'CN-GD'],
  ['江苏', 'Jiangsu', 'CN-JS'],
  ['上海', 'Shanghai', 'CN-SH'],
  ['四川', 'Sichuan', 'CN-SC'],
  ['福建', 'Fujian', 'CN-FJ'],
];
const CN_FIRST = [
  ['恒', 'Heng'],
  ['华', 'Hua'],
  ['鑫', 'Xin'],
  ['宏', 'Hong'],
  ['金', 'Jin'],
  ['瑞', 'Rui'],
  ['天', 'Tian'],
  ['永', 'Yong'],
  ['东', 'Dong'],
  ['佳', 'Jia'],
  ['盛', 'Sheng'],
  ['德', 'De'],
];
const CN_SECOND = [
  ['达', 'da'],
  ['美', 'mei'],
  ['源', 'yuan'],
  ['远', 'yuan'],
  ['丰', 'feng'],
  ['祥', 'xiang'],
  ['成', 'cheng'],
  ['泰', 'tai'],
  ['兴', 'xing'],
  ['和', 'he'],
];
const CN_TRADES = [
  ['纺织', 'Textiles'],
  ['机械', 'Machinery'],
  ['电子', 'Electronics'],
  ['农业科技', 'Agritech'],
  ['食品', 'Foods'],
  ['包装材料', 'Packaging'],
  ['化工', 'Chemicals'],
  ['贸易', 'Trading'],
];

/** Without diacritics but with its capitals, as an English name writes a Vietnamese one. */
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

interface Seeded {
  eventId: string;
  /** Members who browse: a user each, of an enterprise with an approved registration. */
  viewers: { userId: string; email: string; registrationId: string; side: string }[];
  registrations: number;
}

async function seed(db: DataSource, random: () => number): Promise<Seeded> {
  const tag = Date.now().toString(36);
  const among = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const [{ id: organizerId }] = await db.query<{ id: string }[]>(
    `INSERT INTO users (email, password_hash, display_name, roles) VALUES ($1, 'x', 'Bench organizer', ARRAY['organizer']) RETURNING id`,
    [`bench.directory.${tag}@tradebridge.local`],
  );
  const [{ id: eventId }] = await db.query<{ id: string }[]>(
    `INSERT INTO events (name, timezone, starts_at, ends_at, status, created_by) VALUES ($1, 'Asia/Ho_Chi_Minh', '2021-01-19T01:00Z', '2021-01-19T10:00Z', 'live', $2) RETURNING id`,
    [{ vi: 'Hội nghị giao thương (benchmark)', zh: '贸易对接会（基准测试）', en: 'Trade conference (benchmark)' }, organizerId],
  );
  await db.query(`INSERT INTO event_staff (event_id, user_id, role) VALUES ($1, $2, 'organizer')`, [eventId, organizerId]);
  // Each side sees its own too: the directory's widest page (10,000 registrations, not 5,000).
  await db.query(`INSERT INTO directory_settings (event_id, own_side, updated_by) VALUES ($1, true, $2)`, [eventId, organizerId]);
  const venues: string[] = [];
  for (const [name, city, country, tz, kind, tables] of [
    ['Điểm cầu chính Lào Cai', 'Lào Cai', 'VN', 'Asia/Ho_Chi_Minh', 'main', 60],
    ['杭州分会场', 'Hangzhou', 'CN', 'Asia/Shanghai', 'satellite', 40],
    ['Online', 'Online', 'VN', 'Asia/Ho_Chi_Minh', 'online', 0],
  ] as const) {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO venues (event_id, name, city, country, timezone, kind, capacity, tables) VALUES ($1, $2, $3, $4, $5, $6, 20000, $7) RETURNING id`,
      [eventId, name, city, country, tz, kind, tables],
    );
    venues.push(id);
  }

  const { vnOffers, cnOffers } = tradedGoods();
  const pick = (codes: string[]) => codes[Math.floor(Math.pow(random(), 1.6) * codes.length)];
  const batch = 1_000;
  const viewerEnterprises: { enterpriseId: string; side: string }[] = [];
  for (let start = 0; start < 2 * PER_SIDE; start += batch) {
    const rows = Array.from({ length: batch }, (_, k) => {
      const i = start + k;
      const vn = i % 2 === 0;
      let name: Record<string, string>;
      let region: string;
      if (vn) {
        const [form, formEn] = among(VN_FORMS);
        const [trade, tradeEn] = among(VN_TRADES);
        const brand = among(VN_BRANDS);
        const [place, placeRegion] = among(VN_PLACES);
        name = { vi: `${form} ${trade} ${brand} ${place}`, en: `${plain(brand)} ${plain(place)} ${tradeEn} ${formEn}` };
        region = placeRegion;
      } else {
        const [place, placeEn, placeRegion] = among(CN_PLACES);
        const [first, firstEn] = among(CN_FIRST);
        const [second, secondEn] = among(CN_SECOND);
        const [trade, tradeEn] = among(CN_TRADES);
        name = { zh: `${place}${first}${second}${trade}有限公司`, en: `${placeEn} ${firstEn}${secondEn} ${tradeEn} Co., Ltd` };
        region = placeRegion;
      }
      const certifications: Certification[] = [];
      if (vn && random() < 0.4) certifications.push({ kind: 'growing_area_code', code: `VN-LCOR-${1000 + i}` });
      if (vn && random() < 0.3) certifications.push({ kind: 'packing_facility_code', code: `VN-PF-${1000 + i}` });
      if (vn && random() < 0.2) certifications.push({ kind: 'ocop', stars: 3 + Math.floor(random() * 3) });
      if (!vn && random() < 0.6) certifications.push({ kind: 'gacc_registration', code: `CHN-${330000 + i}` });
      if (!vn && random() < 0.2) certifications.push({ kind: 'iso', code: `ISO 9001:2015 #${i}` });
      const r = random();
      const languages = vn ? (r < 0.5 ? ['vi', 'en'] : r < 0.85 ? ['vi'] : ['vi', 'zh']) : r < 0.5 ? ['zh', 'en'] : r < 0.85 ? ['zh'] : ['zh', 'vi'];
      const offers = Array.from({ length: 3 }, () => pick(vn ? vnOffers : cnOffers));
      const needs = Array.from({ length: 2 }, () => pick(vn ? cnOffers : vnOffers));
      const locale = vn ? 'vi' : 'zh';
      const online = random() < 0.2;
      return {
        name,
        // As EnterprisesRepository keeps it on every write (its `searchText`): the names folded.
        searchText: fold(Object.values(name).filter(Boolean).join(' ')),
        country: vn ? 'VN' : 'CN',
        region,
        sectors: [offers[0].slice(0, 2)],
        certifications,
        languages,
        contact: vn
          ? { person: 'Nguyễn Thị Hoa', email: `contact.${tag}.${i}@example.vn`, phone: '+84 214 3840 123' }
          : { person: '王芳', email: `contact.${tag}.${i}@example.cn`, phone: '+86 571 8888 1234' },
        description: vn ? { vi: `${name.vi}: sản xuất và xuất khẩu.` } : { zh: `${name.zh}：生产与出口。` },
        products: [...offers.map((h, p) => ({ d: 'offer', p, h, text: hsName(h, locale) ?? '' })), ...needs.map((h, p) => ({ d: 'need', p, h, text: hsName(h, locale) ?? '' }))],
        venueId: online ? venues[2] : vn ? venues[0] : venues[1],
        attendance: online ? 'online' : 'onsite',
      };
    });
    // The match vectors the repository keeps beside every enterprise (certification_kinds is the directory's certification filter).
    const vectors = rows.map((r) =>
      matchVectors(
        r.products.filter((l) => l.d === 'offer').map((l) => ({ hsCode: l.h, description: l.text })),
        r.products.filter((l) => l.d === 'need').map((l) => ({ hsCode: l.h, description: l.text })),
        r.certifications,
      ),
    );
    const col = <T>(f: (r: (typeof rows)[number]) => T): T[] => rows.map(f);
    const enterpriseIds = (
      await db.query<{ id: string }[]>(
        `INSERT INTO enterprises (name, country, region, sectors, certifications, languages, contact, description, search_text, created_by,
                                  offer_prefixes, need_prefixes, need_codes, certification_kinds, ocop_stars)
         SELECT n::jsonb, c, r, s::text[], ce::jsonb, l::text[], ct::jsonb, d::jsonb, st, $10, op::text[], np::text[], nc::text[], ck::text[], os
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                       $11::text[], $12::text[], $13::text[], $14::text[], $15::int[])
             AS t(n, c, r, s, ce, l, ct, d, st, op, np, nc, ck, os)
         RETURNING id`,
        [
          col((r) => JSON.stringify(r.name)),
          col((r) => r.country),
          col((r) => r.region),
          col((r) => textArray(r.sectors)),
          col((r) => JSON.stringify(r.certifications)),
          col((r) => textArray(r.languages)),
          col((r) => JSON.stringify(r.contact)),
          col((r) => JSON.stringify(r.description)),
          col((r) => r.searchText),
          organizerId,
          vectors.map((v) => textArray(v.offerPrefixes)),
          vectors.map((v) => textArray(v.needPrefixes)),
          vectors.map((v) => textArray(v.needCodes)),
          vectors.map((v) => textArray(v.certificationKinds)),
          vectors.map((v) => v.ocopStars),
        ],
      )
    ).map((r) => r.id);
    const products = enterpriseIds.flatMap((e, k) => rows[k].products.map((l) => ({ e, ...l })));
    await db.query(
      `INSERT INTO enterprise_products (enterprise_id, direction, position, hs_code, description)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[])`,
      [products.map((x) => x.e), products.map((x) => x.d), products.map((x) => x.p), products.map((x) => x.h), products.map((x) => x.text)],
    );
    await db.query(
      `INSERT INTO registrations (event_id, enterprise_id, venue_id, attendance, side, status, badge_code, created_by, decided_at, decided_by)
       SELECT $1, e, v, a, s, 'approved', 'B' || md5(e::text), $2, now(), $2 FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS t(e, v, a, s)`,
      [eventId, organizerId, enterpriseIds, col((r) => r.venueId), col((r) => r.attendance), col((r) => r.country)],
    );
    if (start === 0) viewerEnterprises.push(...enterpriseIds.slice(0, 2 * VIEWERS_PER_SIDE).map((enterpriseId, k) => ({ enterpriseId, side: rows[k].country })));
  }
  const viewers: Seeded['viewers'] = [];
  for (const [k, { enterpriseId, side }] of viewerEnterprises.entries()) {
    const email = `bench.directory.${tag}.member${k}@tradebridge.local`;
    const [{ id: userId }] = await db.query<{ id: string }[]>(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', 'Bench member') RETURNING id`, [email]);
    await db.query(`INSERT INTO enterprise_members (enterprise_id, user_id) VALUES ($1, $2)`, [enterpriseId, userId]);
    const [{ id: registrationId }] = await db.query<{ id: string }[]>(`SELECT id FROM registrations WHERE event_id = $1 AND enterprise_id = $2`, [eventId, enterpriseId]);
    viewers.push({ userId, email, registrationId, side });
  }
  // Vacuumed as well as analyzed, so autovacuum has no seeding left to catch up on while the benchmark measures.
  await db.query('VACUUM (ANALYZE)');
  return { eventId, viewers, registrations: 2 * PER_SIDE };
}

/**
 * The statements DirectoryRepository.list sends for a page (libs/directory/src/directory.repository.ts),
 * built the same way from the same query; checked against the API's answers before timing. `page`
 * carries the total in each row; `count` is sent only when the page is past the end.
 */
function bareStatements(eventId: string, viewerRegistrationId: string, query: Record<string, string>): { count: string; page: string; params: unknown[]; pageParams: unknown[] } {
  const params: unknown[] = [eventId, query.side ? [query.side] : ['VN', 'CN'], viewerRegistrationId];
  const where = [`r.event_id = $1`, `r.status = 'approved'`, `r.side = ANY($2::bpchar[])`, `r.id IS DISTINCT FROM $3::uuid`];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (query.q) for (const word of fold(query.q).split(/\s+/).filter(Boolean).slice(0, 8)) add(`e.search_text LIKE ?`, `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.sector) {
    const { section, chapters } = sectorFilter(query.sector);
    params.push([...(section ? [section] : []), ...chapters], chapters);
    where.push(`(e.sectors && $${params.length - 1}::text[] OR e.id IN (SELECT p.enterprise_id FROM enterprise_products p WHERE left(p.hs_code, 2) = ANY($${params.length}::text[])))`);
  }
  if (query.hs) add(`e.id IN (SELECT p.enterprise_id FROM enterprise_products p WHERE p.hs_code LIKE ?)`, `${query.hs}%`);
  if (query.country) add('e.country = ?', query.country);
  if (query.region) add('e.region = ?', resolveRegion(query.region.slice(0, 2), query.region)?.code ?? query.region);
  if (query.attendance) add('r.attendance = ?', query.attendance);
  if (query.language) add('? = ANY(e.languages)', query.language);
  if (query.certification) add('? = ANY(e.certification_kinds)', query.certification);
  const matching = `registrations r JOIN enterprises e ON e.id = r.enterprise_id WHERE ${where.join(' AND ')}`;
  const products = (direction: 'offer' | 'need') =>
    `coalesce((SELECT json_agg(json_build_object('hsCode', p.hs_code, 'description', p.description) ORDER BY p.position)
                  FROM enterprise_products p WHERE p.enterprise_id = e.id AND p.direction = '${direction}'), '[]'::json)`;
  return {
    count: `SELECT count(*)::int AS total FROM ${matching}`,
    page: `WITH page AS (
         SELECT r.id, e.search_text, count(*) OVER () AS total
           FROM ${matching}
          ORDER BY e.search_text, r.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}
       )
       SELECT page.total::int AS total,
              r.id AS "registrationId", r.side, r.attendance, (f.registration_id IS NOT NULL) AS favourite, e.contact,
              json_build_object('id', v.id, 'name', v.name, 'city', v.city) AS venue,
              json_build_object('id', e.id, 'name', e.name, 'country', e.country, 'region', e.region, 'sectors', e.sectors,
                                'offers', ${products('offer')}, 'needs', ${products('need')},
                                'certifications', e.certifications, 'languages', e.languages, 'website', e.website,
                                'size', e.size, 'description', e.description) AS enterprise
         FROM page
         JOIN registrations r ON r.id = page.id
         JOIN enterprises e ON e.id = r.enterprise_id
         JOIN venues v ON v.id = r.venue_id
         LEFT JOIN directory_favourites f ON f.registration_id = $3::uuid AND f.favourite_registration_id = r.id
        ORDER BY page.search_text, r.id`,
    params,
    pageParams: [...params, PAGE_SIZE, Number(query.offset ?? 0)],
  };
}

interface Figures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}
const round1 = (x: number) => Math.round(x * 10) / 10;
function summarize(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: round1(percentile(sorted, 50)), p99Ms: round1(percentile(sorted, 99)), maxMs: round1(sorted[sorted.length - 1]) };
}

export async function main(): Promise<void> {
  const random = mulberry32(SEED);
  const database = await benchDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!!',
    LOG_LEVEL: 'error',
    DATA_DIR: tmpdir(),
    DATABASE_STATEMENT_TIMEOUT_MS: '600000',
  });
  await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
  let app: INestApplication | undefined;
  const bare = new Client({ connectionString: database.url });
  try {
    app = await createApiApp(config, database.url);
    const db = app.get(DataSource);
    const seedStart = Date.now();
    const { eventId, viewers, registrations } = await seed(db, random);
    console.log(`seeded ${registrations} approved registrations (${PER_SIDE} per side, 3 offers and 2 needs each) in ${Date.now() - seedStart} ms`);

    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    await bare.connect();
    const tokens = new Map(viewers.map((v) => [v.userId, app!.get(TokenService).issue({ userId: v.userId, email: v.email, roles: [] }).accessToken]));
    const viewerAt = () => viewers[Math.floor(random() * viewers.length)];

    const api = async (viewer: Seeded['viewers'][number], query: Record<string, string>): Promise<DirectoryPage> => {
      const search = new URLSearchParams({ ...query, limit: String(PAGE_SIZE), offset: query.offset ?? '0' });
      const res = await fetch(`http://127.0.0.1:${port}/api/events/${eventId}/directory?${search.toString()}`, { headers: { authorization: `Bearer ${tokens.get(viewer.userId)}` } });
      if (res.status !== 200) throw new Error(`GET directory?${search.toString()} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as DirectoryPage;
    };
    const sql = async (viewer: Seeded['viewers'][number], query: Record<string, string>) => {
      const statements = bareStatements(eventId, viewer.registrationId, query);
      const items = (await bare.query<{ registrationId: string; total: number }>(statements.page, statements.pageParams)).rows;
      // As the repository does: the total rides on the page's rows; a page past the end is counted on its own.
      const total = items.length ? items[0].total : (await bare.query<{ total: number }>(statements.count, statements.params)).rows[0].total;
      return { total, items };
    };

    // Both sides read the same page: same total, same registrations in the same order; and no query finds nothing.
    const totals = new Map<string, number>();
    for (const c of CASES) {
      for (const viewer of [viewers[0], viewers[1]]) {
        const fromApi = await api(viewer, c.query);
        const fromSql = await sql(viewer, c.query);
        if (!fromApi.items.length || !fromApi.total) throw new Error(`"${c.name}" found nothing: the seed does not cover it`);
        const ids = (xs: { registrationId: string }[]) => xs.map((x) => x.registrationId);
        if (fromApi.total !== fromSql.total || !isDeepStrictEqual(ids(fromApi.items), ids(fromSql.items))) {
          throw new Error(`"${c.name}": the API and the bare SQL read different pages (totals ${fromApi.total} and ${fromSql.total})`);
        }
        if (viewer === viewers[0]) totals.set(c.name, fromApi.total);
      }
    }
    if (process.env.BENCH_DIRECTORY_EXPLAIN === '1') {
      for (const c of CASES) {
        const statements = bareStatements(eventId, viewers[0].registrationId, c.query);
        // The page only: every query of the mix ends within its rows, so none sends the count.
        const plan = await bare.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statements.page}`, statements.pageParams);
        console.log(`\n--- ${c.name}: page\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }

    // Warm-up: two passes of the mix on each side, not recorded.
    for (let pass = 0; pass < 2; pass++) {
      for (const c of CASES) {
        await api(viewerAt(), c.query);
        await sql(viewerAt(), c.query);
      }
    }
    const samples = { api: new Map<string, number[]>(), bare: new Map<string, number[]>() };
    for (const c of CASES) {
      samples.api.set(c.name, []);
      samples.bare.set(c.name, []);
    }
    const turns = alternatingTurns<'api' | 'bare'>('api', 'bare', ROUNDS, QUICK);
    for (const turn of turns) {
      for (let pass = 0; pass < PASSES_PER_TURN; pass++) {
        for (const c of CASES) {
          const viewer = viewerAt();
          const started = process.hrtime.bigint();
          if (turn === 'api') await api(viewer, c.query);
          else await sql(viewer, c.query);
          samples[turn].get(c.name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
    }

    const all = (side: 'api' | 'bare') => [...samples[side].values()].flat();
    const apiFigures = summarize(all('api'));
    const bareFigures = summarize(all('bare'));
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const cases = CASES.map((c) => {
      const a = summarize(samples.api.get(c.name)!);
      const b = summarize(samples.bare.get(c.name)!);
      return { name: c.name, query: c.query, total: totals.get(c.name), requests: samples.api.get(c.name)!.length, api: a, bare: b, p50Ratio: ratio(a.p50Ms, b.p50Ms) };
    });
    const figures = {
      benchmark: 'directory',
      registrations,
      pageSize: PAGE_SIZE,
      viewers: viewers.length,
      requests: all('api').length,
      bareRequests: all('bare').length,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
      api: apiFigures,
      bare: bareFigures,
      p50Ratio: ratio(apiFigures.p50Ms, bareFigures.p50Ms),
      p99Ratio: ratio(apiFigures.p99Ms, bareFigures.p99Ms),
      cases,
    };
    const width = Math.max(...CASES.map((c) => c.name.length));
    console.log(`\nper query (${cases[0].requests} requests each; p99 of so few is about the slowest): total | API p50 / p99 ms | bare SQL p50 / p99 ms | p50 ratio`);
    for (const c of cases) {
      console.log(`  ${c.name.padEnd(width)}  ${String(c.total).padStart(5)} | ${c.api.p50Ms} / ${c.api.p99Ms} | ${c.bare.p50Ms} / ${c.bare.p99Ms} | ${c.p50Ratio}×`);
    }
    console.log(`\nGET /api/events/:id/directory over HTTP (${registrations} registrations, pages of ${PAGE_SIZE}, ${figures.requests} requests over the mix):`);
    console.log(`  p99 ${apiFigures.p99Ms} ms (p50 ${apiFigures.p50Ms} ms, max ${apiFigures.maxMs} ms)`);
    console.log(
      `bare SQL of the same page (the repository's statement over one pg connection, ${figures.bareRequests} runs): p50 ${bareFigures.p50Ms} ms, p99 ${bareFigures.p99Ms} ms, max ${bareFigures.maxMs} ms`,
    );
    console.log(`API / bare: p50 ${figures.p50Ratio}×, p99 ${figures.p99Ratio}× (load average ${figures.loadAverage.join(', ')})`);
    writeResults('directory', figures);
  } finally {
    await bare.end().catch(() => undefined);
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
