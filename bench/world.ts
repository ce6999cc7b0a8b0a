/**
 * A conference to benchmark against, seeded in SQL (building thousands of
 * enterprises through the API would take longer than the benchmark): one live
 * event on the reference conference's pattern (Lào Cai main venue, a satellite
 * in Hà Nội, Hangzhou abroad, online), sector rooms, and N approved
 * registrations per side, each of its own enterprise (offers and needs drawn
 * from the goods the two sides trade, certifications, languages, and the match
 * vectors the enterprises repository keeps) with its own member user; an
 * organizer who is the event's staff. Seeded, so every run builds the same goods.
 */
import { createSecretKey, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { Certification } from '@tradebridge/contracts';
import { AppConfig, TokenService } from '@tradebridge/core';
import { matchVectors } from '@tradebridge/enterprises';
import { searchHs } from '@tradebridge/reference';

export type Side = 'VN' | 'CN';

export interface Person {
  userId: string;
  email: string;
  enterpriseId: string;
  registrationId: string;
  side: Side;
  venueId: string;
  attendance: 'onsite' | 'online';
  /** Null until rooms are assigned (see `placeInRooms`). */
  roomId: string | null;
  enterpriseName: Record<string, string>;
}

export interface RoomPlan {
  name: string;
  /** HS sections (roman numerals) and/or chapters. */
  sectors: string[];
  capacity: number;
}

export interface WorldOptions {
  perSide: number;
  /** Offers and needs per enterprise (each). */
  products: number;
  rooms: RoomPlan[];
  /** true: each registration is put in a random room in SQL; false: no room yet (assign them with the product's room assignment). */
  placeInRooms: boolean;
  random: () => number;
}

export interface World {
  eventId: string;
  organizer: { userId: string; email: string };
  venues: { laoCai: string; haNoi: string; hangzhou: string; online: string };
  roomIds: string[];
  /** Alternating VN, CN, VN, …: people[2i] is VN, people[2i + 1] is CN. */
  people: Person[];
}

/** A PostgreSQL text[] literal of plain codes (no quoting needed), for `unnest($n::text[])` of arrays. */
export const textArray = (values: string[]): string => `{${values.join(',')}}`;

/** HS codes of the goods the two sides trade, heavier where the reference conference traded most. */
export function tradedGoods(): { vnOffers: string[]; cnOffers: string[] } {
  const under = (prefixes: string[]) =>
    prefixes.flatMap((p) =>
      searchHs({ q: p, limit: 500, offset: 0 }, 'en')
        .items.filter((e) => e.level === 'heading' || e.level === 'subheading')
        .map((e) => e.code),
    );
  return {
    // Vietnam → China: fruit, vegetables, rubber, plastics, garments, steel, clinker, food.
    vnOffers: under(['07', '08', '09', '10', '19', '20', '2523', '2521', '39', '40', '61', '62', '72', '73']),
    // China → Vietnam: fabrics, feathers, electrical parts, textile machinery, paper, tiles, steel frames.
    cnOffers: under(['0505', '48', '52', '54', '55', '60', '6907', '7308', '84', '85']),
  };
}

/** Ten sector rooms, one per HS section the traded goods fall in; `copies` rooms of each. */
export function sectorRooms(copies: number, capacity: number): RoomPlan[] {
  const sections: [string, string][] = [
    ['I', 'Animal products'],
    ['II', 'Fruit & vegetables'],
    ['IV', 'Processed food'],
    ['V', 'Minerals & clinker'],
    ['VII', 'Plastics & rubber'],
    ['X', 'Paper'],
    ['XI', 'Textiles & garments'],
    ['XIII', 'Ceramics'],
    ['XV', 'Steel & metals'],
    ['XVI', 'Machinery & electrical'],
  ];
  return sections.flatMap(([code, name]) => Array.from({ length: copies }, (_, k) => ({ name: copies > 1 ? `${name} ${String.fromCharCode(65 + k)}` : name, sectors: [code], capacity })));
}

export async function seedWorld(db: DataSource, options: WorldOptions): Promise<World> {
  const { random } = options;
  const tag = `${Date.now().toString(36)}${Math.floor(random() * 1e6).toString(36)}`;
  const organizer = { userId: randomUUID(), email: `bench.${tag}.organizer@tradebridge.local` };
  await db.query(`INSERT INTO users (id, email, password_hash, display_name, roles) VALUES ($1, $2, 'x', 'Bench organizer', ARRAY['organizer'])`, [organizer.userId, organizer.email]);
  const [{ id: eventId }] = await db.query<{ id: string }[]>(
    `INSERT INTO events (name, timezone, starts_at, ends_at, status, created_by)
     VALUES ($1, 'Asia/Ho_Chi_Minh', now() - interval '1 hour', now() + interval '8 hours', 'live', $2) RETURNING id`,
    [{ vi: 'Hội nghị giao thương (benchmark)', zh: '贸易对接会（基准测试）', en: 'Trade conference (benchmark)' }, organizer.userId],
  );
  await db.query(`INSERT INTO event_staff (event_id, user_id, role) VALUES ($1, $2, 'organizer')`, [eventId, organizer.userId]);
  const venues = { laoCai: randomUUID(), haNoi: randomUUID(), hangzhou: randomUUID(), online: randomUUID() };
  await db.query(
    `INSERT INTO venues (id, event_id, name, city, country, timezone, kind, capacity, tables) VALUES
       ($1, $5, 'Lào Cai', 'Lào Cai', 'VN', 'Asia/Ho_Chi_Minh', 'main', 100000, 60),
       ($2, $5, 'Hà Nội', 'Hà Nội', 'VN', 'Asia/Ho_Chi_Minh', 'satellite', 100000, 30),
       ($3, $5, 'Hangzhou', 'Hangzhou', 'CN', 'Asia/Shanghai', 'satellite', 100000, 40),
       ($4, $5, 'Online', 'Online', 'VN', 'Asia/Ho_Chi_Minh', 'online', 100000, 0)`,
    [venues.laoCai, venues.haNoi, venues.hangzhou, venues.online, eventId],
  );
  const roomIds = options.rooms.map(() => randomUUID());
  await db.query(
    `INSERT INTO rooms (id, event_id, name, sector_codes, capacity, status)
     SELECT id, $2, jsonb_build_object('en', n), string_to_array(s, ','), c, 'live' FROM unnest($1::uuid[], $3::text[], $4::text[], $5::int[]) AS t(id, n, s, c)`,
    [roomIds, eventId, options.rooms.map((r) => r.name), options.rooms.map((r) => r.sectors.join(',')), options.rooms.map((r) => r.capacity)],
  );

  const { vnOffers, cnOffers } = tradedGoods();
  const pick = (codes: string[]) => codes[Math.floor(Math.pow(random(), 1.6) * codes.length)];
  const people: Person[] = [];
  const batch = 1_000;
  for (let start = 0; start < 2 * options.perSide; start += batch) {
    const rows: { person: Person; offers: string[]; needs: string[]; certifications: Certification[]; languages: string[] }[] = [];
    for (let i = start; i < Math.min(start + batch, 2 * options.perSide); i++) {
      const side: Side = i % 2 === 0 ? 'VN' : 'CN';
      const vn = side === 'VN';
      const certifications: Certification[] = [];
      if (vn && random() < 0.4) certifications.push({ kind: 'growing_area_code', code: `GA-${i}` });
      if (vn && random() < 0.3) certifications.push({ kind: 'packing_facility_code', code: `PF-${i}` });
      if (vn && random() < 0.2) certifications.push({ kind: 'ocop', stars: 3 + Math.floor(random() * 3) });
      const online = random() < 0.15;
      const venueId = online ? venues.online : vn ? (random() < 0.8 ? venues.laoCai : venues.haNoi) : venues.hangzhou;
      rows.push({
        person: {
          userId: randomUUID(),
          email: `bench.${tag}.${i}@tradebridge.local`,
          enterpriseId: randomUUID(),
          registrationId: randomUUID(),
          side,
          venueId,
          attendance: online ? 'online' : 'onsite',
          roomId: options.placeInRooms ? roomIds[Math.floor(random() * roomIds.length)] : null,
          enterpriseName: vn ? { vi: `Doanh nghiệp ${i}`, en: `Enterprise ${i}` } : { zh: `企业 ${i}`, en: `Enterprise ${i}` },
        },
        offers: Array.from({ length: options.products }, () => pick(vn ? vnOffers : cnOffers)),
        needs: Array.from({ length: options.products }, () => pick(vn ? cnOffers : vnOffers)),
        certifications,
        languages: vn ? (random() < 0.5 ? ['vi', 'en'] : ['vi']) : random() < 0.5 ? ['zh', 'en'] : ['zh'],
      });
    }
    const col = <T>(f: (r: (typeof rows)[number]) => T): T[] => rows.map(f);
    await db.query(`INSERT INTO users (id, email, password_hash, display_name, roles) SELECT id, email, 'x', 'Bench member', '{}' FROM unnest($1::uuid[], $2::text[]) AS t(id, email)`, [
      col((r) => r.person.userId),
      col((r) => r.person.email),
    ]);
    // The match vectors as EnterprisesRepository keeps them on every write (libs/enterprises/src/match-vectors.ts).
    const vectors = rows.map((r) =>
      matchVectors(
        r.offers.map((hsCode) => ({ hsCode, description: '' })),
        r.needs.map((hsCode) => ({ hsCode, description: '' })),
        r.certifications,
      ),
    );
    await db.query(
      `INSERT INTO enterprises (id, name, country, region, certifications, languages, created_by,
                                offer_prefixes, need_prefixes, need_codes, certification_kinds, ocop_stars)
       SELECT id, n::jsonb, c, CASE WHEN c = 'VN' THEN 'VN-02' ELSE 'CN-ZJ' END, ce::jsonb, l::text[], $6,
              op::text[], np::text[], nc::text[], ck::text[], os
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[])
           AS t(id, n, c, ce, l, op, np, nc, ck, os)`,
      [
        col((r) => r.person.enterpriseId),
        col((r) => JSON.stringify(r.person.enterpriseName)),
        col((r) => r.person.side),
        col((r) => JSON.stringify(r.certifications)),
        col((r) => textArray(r.languages)),
        organizer.userId,
        vectors.map((v) => textArray(v.offerPrefixes)),
        vectors.map((v) => textArray(v.needPrefixes)),
        vectors.map((v) => textArray(v.needCodes)),
        vectors.map((v) => textArray(v.certificationKinds)),
        vectors.map((v) => v.ocopStars),
      ],
    );
    await db.query(`INSERT INTO enterprise_members (enterprise_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [col((r) => r.person.enterpriseId), col((r) => r.person.userId)]);
    const products = rows.flatMap((r) => [
      ...r.offers.map((h, p) => ({ e: r.person.enterpriseId, d: 'offer', p, h })),
      ...r.needs.map((h, p) => ({ e: r.person.enterpriseId, d: 'need', p, h })),
    ]);
    await db.query(
      `INSERT INTO enterprise_products (enterprise_id, direction, position, hs_code, description)
       SELECT e, d, p, h, '' FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS t(e, d, p, h)`,
      [products.map((x) => x.e), products.map((x) => x.d), products.map((x) => x.p), products.map((x) => x.h)],
    );
    await db.query(
      `INSERT INTO registrations (id, event_id, enterprise_id, venue_id, attendance, side, status, room_id, badge_code, created_by, decided_at, decided_by)
       SELECT id, $2, e, v, a, s, 'approved', rm, 'B' || md5(e::text), $8, now(), $8
         FROM unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::uuid[]) AS t(id, e, v, a, s, rm)`,
      [
        col((r) => r.person.registrationId),
        eventId,
        col((r) => r.person.enterpriseId),
        col((r) => r.person.venueId),
        col((r) => r.person.attendance),
        col((r) => r.person.side),
        col((r) => r.person.roomId),
        organizer.userId,
      ],
    );
    people.push(...rows.map((r) => r.person));
  }
  // Vacuumed as well as analyzed, so autovacuum has no seeding left to catch up on while a benchmark measures.
  await db.query('VACUUM (ANALYZE)');
  return { eventId, organizer, venues, roomIds, people };
}

/** Reads back where the room assignment put everyone. */
export async function loadRooms(db: DataSource, world: World): Promise<void> {
  const rows = await db.query<{ id: string; room_id: string | null }[]>(`SELECT id, room_id FROM registrations WHERE event_id = $1`, [world.eventId]);
  const roomOf = new Map(rows.map((r) => [r.id, r.room_id]));
  for (const p of world.people) p.roomId = roomOf.get(p.registrationId) ?? null;
}

/** The product's TokenService without a Nest application: tokens exactly as login issues them. */
export function tokenIssuer(config: AppConfig): TokenService {
  if (!config.jwtSecret) throw new Error('the benchmarks set JWT_SECRET');
  return new TokenService(new JwtService({ secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string, signOptions: { algorithm: 'HS256' } }), config);
}
