/**
 * The REST benchmark's baseline: a bare Fastify 5 server over a `pg` Pool that
 * answers the three measured routes by running the same SQL statements, in the
 * same order and transaction, as the TradeBridge API does for them (the
 * benchmark captures both servers' statements for one request of each route
 * and refuses to measure if they differ), with the same answers (compared too).
 *
 * It does the same work where the work is the product's, not the framework's:
 * - auth: the same JWT (jsonwebtoken, HS256, the secret as a KeyObject as
 *   CoreModule registers it) verified on every request, then the user read
 *   back by the same statement (AccountsService.authenticate);
 * - the same access checks (staff role, membership) by the same statements;
 * - the same pure functions: `rankRecommendationsQuery` builds the ranking
 *   statement, `scoreMatch` gives the reasons and the pair score, `hsName`
 *   names the goods, `notification` builds the NOTIFY payload;
 * - the same transaction for a connection request: event row FOR SHARE, the
 *   requester FOR NO KEY UPDATE, membership, partner, latest connection of the
 *   pair, the pending cap, the pair's score, the insert and its read-back, the
 *   event-log append and pg_notify, READ COMMITTED;
 * - a minimal input check (UUIDs, limit/offset ranges, the message's length).
 *
 * What it leaves out, which is what the ratio measures (framework and layering):
 * Nest's router, guard, pipes and filter machinery on Express (the API's
 * adapter); class-transformer/class-validator DTO validation and the input-shape
 * walk of the global ValidationPipe; ParseUUIDPipe; helmet's security headers
 * and the CORS middleware; TypeORM (query building, entity hydration, the query
 * runner and its transaction wrapper); the Idempotency-Key path (it answers 400
 * to a key: the benchmark sends none) and `channel: "recorded"`; the request
 * hash the service computes even without a key; the API's error filter (errors
 * here are plain `{ statusCode, code, message }`).
 */
import { createSecretKey, KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { Pool, PoolClient } from 'pg';
import type { Locale } from '@tradebridge/contracts';
import { notification } from '../../libs/core/src/event-log/event-log.repository';
import { EventLogEntry } from '../../libs/core/src/event-log/event-log.entity';
import { rankRecommendationsQuery } from '../../libs/matchmaking/src/recommendations.sql';
import { MatchProfile, scoreMatch } from '../../libs/matchmaking/src/score';
import { hsName } from '../../libs/reference/src/hs';

export interface BareOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** MAX_PENDING_REQUESTS and CONNECTION_TTL (seconds) of the API it is compared with. */
  maxPendingPerRegistration: number;
  connectionTtlSeconds: number;
  /** Called with every statement before it is sent (the benchmark compares them with the API's). */
  onQuery?: (sql: string, params: unknown[] | undefined) => void;
}

/**
 * The statements the API runs, as it sends them: TypeORM's generated ones as
 * TypeORM spells them, the repositories' own as written in the repositories
 * (the benchmark compares them with whitespace collapsed).
 */
const SQL = {
  /** UsersRepository.findById (AccountsService.authenticate). */
  user: `SELECT "User"."id" AS "User_id", "User"."email" AS "User_email", "User"."display_name" AS "User_display_name", "User"."roles" AS "User_roles", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at" FROM "users" "User" WHERE (("User"."id" = $1)) LIMIT 1`,
  /** EventsRepository.findById. */
  event: `SELECT "TradeEvent"."id" AS "TradeEvent_id", "TradeEvent"."name" AS "TradeEvent_name", "TradeEvent"."timezone" AS "TradeEvent_timezone", "TradeEvent"."starts_at" AS "TradeEvent_starts_at", "TradeEvent"."ends_at" AS "TradeEvent_ends_at", "TradeEvent"."status" AS "TradeEvent_status", "TradeEvent"."sides" AS "TradeEvent_sides", "TradeEvent"."slot_minutes" AS "TradeEvent_slot_minutes", "TradeEvent"."closed_at" AS "TradeEvent_closed_at", "TradeEvent"."created_by" AS "TradeEvent_created_by", "TradeEvent"."created_at" AS "TradeEvent_created_at", "TradeEvent"."updated_at" AS "TradeEvent_updated_at" FROM "events" "TradeEvent" WHERE (("TradeEvent"."id" = $1)) LIMIT 1`,
  /** EventsRepository.lockShared. */
  eventForShare: `SELECT "e"."id" AS "e_id", "e"."name" AS "e_name", "e"."timezone" AS "e_timezone", "e"."starts_at" AS "e_starts_at", "e"."ends_at" AS "e_ends_at", "e"."status" AS "e_status", "e"."sides" AS "e_sides", "e"."slot_minutes" AS "e_slot_minutes", "e"."closed_at" AS "e_closed_at", "e"."created_by" AS "e_created_by", "e"."created_at" AS "e_created_at", "e"."updated_at" AS "e_updated_at" FROM "events" "e" WHERE "e"."id" = $1 FOR SHARE`,
  /** EventsRepository.staffRole (EventAccess.roleOf). */
  staffRole: `SELECT "EventStaff"."event_id" AS "EventStaff_event_id", "EventStaff"."user_id" AS "EventStaff_user_id", "EventStaff"."role" AS "EventStaff_role", "EventStaff"."added_by" AS "EventStaff_added_by", "EventStaff"."created_at" AS "EventStaff_created_at" FROM "event_staff" "EventStaff" WHERE (("EventStaff"."event_id" = $1) AND ("EventStaff"."user_id" = $2)) LIMIT 1`,
  /** RegistrationsRepository.find. */
  registration: `SELECT "Registration"."id" AS "Registration_id", "Registration"."event_id" AS "Registration_event_id", "Registration"."enterprise_id" AS "Registration_enterprise_id", "Registration"."venue_id" AS "Registration_venue_id", "Registration"."attendance" AS "Registration_attendance", "Registration"."side" AS "Registration_side", "Registration"."status" AS "Registration_status", "Registration"."room_id" AS "Registration_room_id", "Registration"."badge_code" AS "Registration_badge_code", "Registration"."checked_in_at" AS "Registration_checked_in_at", "Registration"."decided_at" AS "Registration_decided_at", "Registration"."decided_by" AS "Registration_decided_by", "Registration"."created_by" AS "Registration_created_by", "Registration"."created_at" AS "Registration_created_at", "Registration"."updated_at" AS "Registration_updated_at" FROM "registrations" "Registration" WHERE (("Registration"."event_id" = $1) AND ("Registration"."id" = $2)) LIMIT 1`,
  /** RegistrationsRepository.lockNoKey, one id. */
  registrationForNoKeyUpdate: `SELECT "r"."id" AS "r_id", "r"."event_id" AS "r_event_id", "r"."enterprise_id" AS "r_enterprise_id", "r"."venue_id" AS "r_venue_id", "r"."attendance" AS "r_attendance", "r"."side" AS "r_side", "r"."status" AS "r_status", "r"."room_id" AS "r_room_id", "r"."badge_code" AS "r_badge_code", "r"."checked_in_at" AS "r_checked_in_at", "r"."decided_at" AS "r_decided_at", "r"."decided_by" AS "r_decided_by", "r"."created_by" AS "r_created_by", "r"."created_at" AS "r_created_at", "r"."updated_at" AS "r_updated_at" FROM "registrations" "r" WHERE "r"."event_id" = $1 AND "r"."id" IN ($2) ORDER BY "r"."id" ASC FOR NO KEY UPDATE`,
  /** RegistrationsRepository.isMember. */
  isMember: `SELECT 1 FROM enterprise_members WHERE enterprise_id = $1 AND user_id = $2`,
  /** ProfilesRepository.load. */
  profiles: `SELECT r.id AS "registrationId", r.enterprise_id AS "enterpriseId", r.side, r.room_id AS "roomId", r.venue_id AS "venueId",
              r.attendance, e.certifications, e.languages,
              coalesce(array_agg(p.hs_code ORDER BY p.position) FILTER (WHERE p.direction = 'offer'), '{}') AS offers,
              coalesce(array_agg(p.hs_code ORDER BY p.position) FILTER (WHERE p.direction = 'need'), '{}') AS needs
         FROM registrations r
         JOIN enterprises e ON e.id = r.enterprise_id
         LEFT JOIN enterprise_products p ON p.enterprise_id = e.id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[])
        GROUP BY r.id, e.id`,
  /** RecommendationsRepository.summaries. */
  summaries: `SELECT r.id AS "registrationId", e.id, e.name, e.country, e.region,
              coalesce(jsonb_agg(jsonb_build_object('hsCode', p.hs_code, 'description', p.description) ORDER BY p.position)
                       FILTER (WHERE p.direction = 'offer'), '[]') AS offers,
              coalesce(jsonb_agg(jsonb_build_object('hsCode', p.hs_code, 'description', p.description) ORDER BY p.position)
                       FILTER (WHERE p.direction = 'need'), '[]') AS needs
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
         LEFT JOIN enterprise_products p ON p.enterprise_id = e.id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[])
        GROUP BY r.id, e.id`,
  /** EventsRepository.listVenues. */
  venues: `SELECT "Venue"."id" AS "Venue_id", "Venue"."event_id" AS "Venue_event_id", "Venue"."name" AS "Venue_name", "Venue"."city" AS "Venue_city", "Venue"."country" AS "Venue_country", "Venue"."timezone" AS "Venue_timezone", "Venue"."kind" AS "Venue_kind", "Venue"."capacity" AS "Venue_capacity", "Venue"."tables" AS "Venue_tables", "Venue"."created_at" AS "Venue_created_at" FROM "venues" "Venue" WHERE (("Venue"."event_id" = $1)) ORDER BY "Venue"."created_at" ASC, "Venue"."id" ASC`,
  /** RegistrationsRepository.list (staff: no member filter). */
  registrationsCount: (where: string) => `SELECT count(*)::int AS total FROM registrations r WHERE ${where}`,
  registrationsPage: (where: string, n: number) => `SELECT r.id, r.event_id AS "eventId", r.enterprise_id AS "enterpriseId", r.venue_id AS "venueId", r.attendance, r.side,
              r.status, r.room_id AS "roomId", r.badge_code AS "badgeCode", r.checked_in_at AS "checkedInAt",
              r.created_at AS "createdAt", e.name AS "enterpriseName", e.country AS "enterpriseCountry", e.region AS "enterpriseRegion"
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE ${where}
        ORDER BY r.created_at, r.id
        LIMIT $${n + 1} OFFSET $${n + 2}`,
  /** ConnectionsRepository.latestOfPair. */
  latestOfPair: `SELECT "c"."id" AS "c_id", "c"."event_id" AS "c_event_id", "c"."from_registration_id" AS "c_from_registration_id", "c"."from_side" AS "c_from_side", "c"."to_registration_id" AS "c_to_registration_id", "c"."to_side" AS "c_to_side", "c"."status" AS "c_status", "c"."channel" AS "c_channel", "c"."room_id" AS "c_room_id", "c"."message" AS "c_message", "c"."score" AS "c_score", "c"."created_by" AS "c_created_by", "c"."created_at" AS "c_created_at", "c"."expires_at" AS "c_expires_at", "c"."responded_at" AS "c_responded_at", "c"."responded_by" AS "c_responded_by" FROM "connections" "c" WHERE "c"."event_id" = $1 AND c.pair_low = least($2::uuid, $3::uuid) AND c.pair_high = greatest($2::uuid, $3::uuid) ORDER BY "c"."created_at" DESC LIMIT 1`,
  /** ConnectionsRepository.countPendingFrom. */
  countPending: `SELECT count(*)::int AS n FROM connections WHERE from_registration_id = $1 AND status = 'requested' AND (expires_at IS NULL OR expires_at > now())`,
  /** ConnectionsRepository.insert: TypeORM's INSERT, then the row read back. */
  insertConnection: `INSERT INTO "connections"("id", "event_id", "from_registration_id", "from_side", "to_registration_id", "to_side", "status", "channel", "room_id", "message", "score", "created_by", "created_at", "expires_at", "responded_at", "responded_by") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT, $12, $13, $14) RETURNING "id", "status", "score", "created_at"`,
  connection: `SELECT "Connection"."id" AS "Connection_id", "Connection"."event_id" AS "Connection_event_id", "Connection"."from_registration_id" AS "Connection_from_registration_id", "Connection"."from_side" AS "Connection_from_side", "Connection"."to_registration_id" AS "Connection_to_registration_id", "Connection"."to_side" AS "Connection_to_side", "Connection"."status" AS "Connection_status", "Connection"."channel" AS "Connection_channel", "Connection"."room_id" AS "Connection_room_id", "Connection"."message" AS "Connection_message", "Connection"."score" AS "Connection_score", "Connection"."created_by" AS "Connection_created_by", "Connection"."created_at" AS "Connection_created_at", "Connection"."expires_at" AS "Connection_expires_at", "Connection"."responded_at" AS "Connection_responded_at", "Connection"."responded_by" AS "Connection_responded_by" FROM "connections" "Connection" WHERE (("Connection"."id" = $1)) LIMIT 1`,
  /** EventLogRepository.append. */
  appendLog: `WITH head AS (
         INSERT INTO event_log_heads (event_id, last_seq) VALUES ($1, 1)
         ON CONFLICT (event_id) DO UPDATE SET last_seq = event_log_heads.last_seq + 1
         RETURNING last_seq)
       INSERT INTO event_log (event_id, seq, type, data, actor_user_id, registration_ids)
       SELECT $1, head.last_seq, $2, $3::jsonb, $4, $5::uuid[] FROM head
       RETURNING seq, created_at`,
  notify: 'SELECT pg_notify($1, $2)',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Actor {
  userId: string;
  email: string;
  roles: string[];
}

/** What the handlers answer with other than 2xx. */
class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Row = Record<string, unknown>;

export async function createBareServer(options: BareOptions): Promise<{ port: number; close: () => Promise<void> }> {
  // The API's pool settings (libs/core/src/database/data-source.ts).
  const pool = new Pool({ connectionString: options.databaseUrl, max: 20, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, application_name: 'tradebridge-bare' });
  const secret: KeyObject = createSecretKey(Buffer.from(options.jwtSecret));
  const run = async (db: Pool | PoolClient, sql: string, params?: unknown[]): Promise<Row[]> => {
    options.onQuery?.(sql, params);
    return (await db.query(sql, params)).rows as Row[];
  };

  const authenticate = async (request: FastifyRequest): Promise<Actor> => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new Refusal(401, 'UNAUTHENTICATED', 'Send an access token: Authorization: Bearer <token>');
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(match[1], secret as unknown as string, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw new Error('malformed claims');
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new Refusal(401, 'TOKEN_EXPIRED', 'The access token has expired; log in again');
      throw new Refusal(401, 'UNAUTHENTICATED', 'The access token is invalid');
    }
    const [user] = await run(pool, SQL.user, [claims.sub]);
    if (!user) throw new Refusal(401, 'UNAUTHENTICATED', 'The account of this token no longer exists');
    return { userId: user.User_id as string, email: user.User_email as string, roles: user.User_roles as string[] };
  };

  const staffRole = async (db: Pool | PoolClient, actor: Actor, eventId: string): Promise<string | null> => {
    if (actor.roles.includes('admin')) return 'organizer';
    const [row] = await run(db, SQL.staffRole, [eventId, actor.userId]);
    return row ? (row.EventStaff_role as string) : null;
  };
  const isMember = async (db: Pool | PoolClient, enterpriseId: string, userId: string) => (await run(db, SQL.isMember, [enterpriseId, userId])).length > 0;
  const profiles = async (db: Pool | PoolClient, eventId: string, ids: string[]): Promise<Map<string, MatchProfile>> => {
    if (!ids.length) return new Map();
    const rows = (await run(db, SQL.profiles, [eventId, ids])) as unknown as MatchProfile[];
    return new Map(rows.map((r) => [r.registrationId, { ...r, side: r.side.trim() }]));
  };
  const uuidParam = (value: string | undefined, name: string): string => {
    if (!value || !UUID.test(value)) throw new Refusal(400, 'VALIDATION_FAILED', `${name} must be a UUID`);
    return value;
  };
  const intParam = (value: string | undefined, name: string, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Refusal(400, 'VALIDATION_FAILED', `${name} must be an integer from ${min} to ${max}`);
    return n;
  };

  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  const fail = (reply: FastifyReply, error: unknown) => {
    if (error instanceof Refusal) return reply.code(error.statusCode).send({ statusCode: error.statusCode, code: error.code, message: error.message });
    return reply.code(500).send({ statusCode: 500, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
  };

  // GET /api/events/:id/recommendations — RecommendationsService.list.
  app.get('/api/events/:id/recommendations', async (request, reply) => {
    try {
      const actor = await authenticate(request);
      const eventId = uuidParam((request.params as { id: string }).id, 'id');
      const query = request.query as Record<string, string | undefined>;
      const registrationId = uuidParam(query.registrationId, 'registrationId');
      const limit = intParam(query.limit, 'limit', 20, 1, 200);
      const offset = intParam(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const locale = (query.locale ?? 'en') as Locale;
      if (!['vi', 'zh', 'en'].includes(locale)) throw new Refusal(400, 'VALIDATION_FAILED', 'locale must be vi, zh or en');

      const [[registration], role, viewerProfile, venues] = await Promise.all([
        run(pool, SQL.registration, [eventId, registrationId]),
        staffRole(pool, actor, eventId),
        profiles(pool, eventId, [registrationId]),
        run(pool, SQL.venues, [eventId]),
      ]);
      const staff = role !== null;
      if (!registration || (!staff && !(await isMember(pool, registration.Registration_enterprise_id as string, actor.userId)))) {
        throw new Refusal(404, 'NOT_FOUND', 'registrationId: is not one of your registrations for this event');
      }
      if (registration.Registration_status !== 'approved') throw new Refusal(422, 'NOT_APPROVED', 'Recommendations come once the registration is approved');
      const viewer = viewerProfile.get(registrationId)!;
      const rank = async (l: number, o: number): Promise<{ ids: string[]; total: number }> => {
        const { sql, params } = rankRecommendationsQuery(eventId, viewer, l, o);
        const rows = (await run(pool, sql, params)) as { id: string; total: number }[];
        const total = rows.length ? rows[0].total : o > 0 ? (await rank(1, 0)).total : 0;
        return { ids: rows.map((r) => r.id), total };
      };
      const ranked = await rank(limit, offset);
      const [pageProfiles, summaryRows] = await Promise.all([profiles(pool, eventId, ranked.ids), ranked.ids.length ? run(pool, SQL.summaries, [eventId, ranked.ids]) : Promise.resolve([])]);
      const summaries = new Map(summaryRows.map((r) => [r.registrationId as string, r]));
      const cityOf = new Map(venues.map((v) => [v.Venue_id as string, v.Venue_city as string]));
      const context = { locale, hsName, venueCity: (venueId: string) => cityOf.get(venueId) ?? '' };
      const items = ranked.ids.map((id) => {
        const scored = scoreMatch(viewer, pageProfiles.get(id)!, context);
        const { registrationId: _, ...enterprise } = summaries.get(id)!;
        return { registrationId: id, enterprise, score: scored.score, reasons: scored.reasons };
      });
      return { items, total: ranked.total };
    } catch (error) {
      return fail(reply, error);
    }
  });

  // GET /api/events/:id/registrations — RegistrationsService.list.
  app.get('/api/events/:id/registrations', async (request, reply) => {
    try {
      const actor = await authenticate(request);
      const eventId = uuidParam((request.params as { id: string }).id, 'id');
      const query = request.query as Record<string, string | undefined>;
      const limit = intParam(query.limit, 'limit', 50, 1, 200);
      const offset = intParam(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);

      const [event] = await run(pool, SQL.event, [eventId]);
      if (!event || (event.TradeEvent_status === 'draft' && !(await staffRole(pool, actor, eventId)))) throw new Refusal(404, 'NOT_FOUND', 'No such event');
      const staff = (await staffRole(pool, actor, eventId)) !== null;
      const where = ['r.event_id = $1'];
      const params: unknown[] = [eventId];
      if (!staff) {
        params.push(actor.userId);
        where.push(`EXISTS (SELECT 1 FROM enterprise_members m WHERE m.enterprise_id = r.enterprise_id AND m.user_id = $${params.length})`);
      }
      const whereSql = where.join(' AND ');
      const [{ total }] = await run(pool, SQL.registrationsCount(whereSql), params);
      const rows = await run(pool, SQL.registrationsPage(whereSql, params.length), [...params, limit, offset]);
      const items = rows.map((r) => ({
        id: r.id,
        eventId: r.eventId,
        enterpriseId: r.enterpriseId,
        venueId: r.venueId,
        attendance: r.attendance,
        side: r.side,
        status: r.status,
        roomId: r.roomId,
        badgeCode: r.badgeCode,
        checkedInAt: r.checkedInAt ? new Date(r.checkedInAt as string).toISOString() : null,
        createdAt: new Date(r.createdAt as string).toISOString(),
        enterprise: { id: r.enterpriseId, name: r.enterpriseName, country: r.enterpriseCountry, region: r.enterpriseRegion },
      }));
      return { items, total };
    } catch (error) {
      return fail(reply, error);
    }
  });

  // POST /api/events/:id/connections — ConnectionsService.request, channel online, no Idempotency-Key.
  app.post('/api/events/:id/connections', async (request, reply) => {
    try {
      const actor = await authenticate(request);
      const eventId = uuidParam((request.params as { id: string }).id, 'id');
      if (request.headers['idempotency-key'] !== undefined) throw new Refusal(400, 'VALIDATION_FAILED', 'the baseline does not implement Idempotency-Key');
      const body = (request.body ?? {}) as { fromRegistrationId?: string; toRegistrationId?: string; message?: unknown; channel?: unknown };
      uuidParam(body.fromRegistrationId, 'fromRegistrationId');
      uuidParam(body.toRegistrationId, 'toRegistrationId');
      if (body.message !== undefined && (typeof body.message !== 'string' || body.message.length > 1000))
        throw new Refusal(400, 'VALIDATION_FAILED', 'message must be a string of at most 1000 characters');
      if (body.channel !== undefined && body.channel !== 'online') throw new Refusal(400, 'VALIDATION_FAILED', 'the baseline only requests online connections');
      const message = typeof body.message === 'string' ? body.message.trim() || null : null;

      const client = await pool.connect();
      try {
        await run(client, 'START TRANSACTION');
        await run(client, 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        const [event] = await run(client, SQL.eventForShare, [eventId]);
        if (!event) throw new Refusal(404, 'NOT_FOUND', 'No such event');
        if (event.e_status === 'closed') throw new Refusal(409, 'EVENT_CLOSED', 'This event is closed and can no longer be changed');
        if (event.e_status === 'draft') throw new Refusal(409, 'INVALID_STATUS_TRANSITION', 'Connections open once registration opens');
        const [from] = await run(client, SQL.registrationForNoKeyUpdate, [eventId, body.fromRegistrationId]);
        if (!from) throw new Refusal(404, 'NOT_FOUND', 'fromRegistrationId: is not a registration of this event');
        if (!(await isMember(client, from.r_enterprise_id as string, actor.userId))) throw new Refusal(403, 'FORBIDDEN', 'Only members of the requesting enterprise may request for it');
        const [to] = await run(client, SQL.registration, [eventId, body.toRegistrationId]);
        if (!to) throw new Refusal(404, 'NOT_FOUND', 'toRegistrationId: is not a registration of this event');
        if (from.r_status !== 'approved' || to.Registration_status !== 'approved') throw new Refusal(422, 'NOT_APPROVED', 'Both registrations must be approved to connect');
        if (from.r_side === to.Registration_side) throw new Refusal(422, 'SAME_SIDE_CONNECTION', 'Connections are made between the two sides of the event');
        const [latest] = await run(client, SQL.latestOfPair, [eventId, from.r_id, to.Registration_id]);
        if (latest && (latest.c_status === 'requested' || latest.c_status === 'accepted'))
          throw new Refusal(409, 'CONNECTION_EXISTS', 'These two enterprises already have a live connection at this event');
        if (latest?.c_status === 'declined') throw new Refusal(409, 'CONNECTION_DECLINED', 'A connection between these two enterprises was declined at this event');
        const [{ n: pending }] = await run(client, SQL.countPending, [from.r_id]);
        if ((pending as number) >= options.maxPendingPerRegistration) throw new Refusal(429, 'TOO_MANY_PENDING_REQUESTS', 'Too many requests waiting for an answer');
        const pair = await profiles(client, eventId, [from.r_id as string, to.Registration_id as string]);
        const pa = pair.get(from.r_id as string);
        const pb = pair.get(to.Registration_id as string);
        const score = pa && pb ? scoreMatch(pa, pb, { locale: 'en', hsName, venueCity: () => '' }).score : 0;
        const expiresAt = new Date(Date.now() + options.connectionTtlSeconds * 1000);
        const [inserted] = await run(client, SQL.insertConnection, [
          eventId,
          from.r_id,
          from.r_side,
          to.Registration_id,
          to.Registration_side,
          'requested',
          'online',
          from.r_room_id,
          message,
          score,
          actor.userId,
          expiresAt,
          null,
          null,
        ]);
        const [c] = await run(client, SQL.connection, [inserted.id]);
        const view = {
          id: c.Connection_id as string,
          eventId: c.Connection_event_id as string,
          fromRegistrationId: c.Connection_from_registration_id as string,
          toRegistrationId: c.Connection_to_registration_id as string,
          status: c.Connection_status,
          channel: c.Connection_channel,
          roomId: c.Connection_room_id,
          message: c.Connection_message,
          score: c.Connection_score,
          createdAt: (c.Connection_created_at as Date).toISOString(),
          expiresAt: c.Connection_expires_at ? (c.Connection_expires_at as Date).toISOString() : null,
          respondedAt: c.Connection_responded_at ? (c.Connection_responded_at as Date).toISOString() : null,
        };
        const data = { connection: view };
        const registrationIds = [view.fromRegistrationId, view.toRegistrationId];
        const [appended] = await run(client, SQL.appendLog, [eventId, 'connection.requested', JSON.stringify(data), actor.userId, registrationIds]);
        const entry = Object.assign(new EventLogEntry(), {
          eventId,
          seq: Number(appended.seq),
          type: 'connection.requested',
          data,
          actorUserId: actor.userId,
          registrationIds,
          createdAt: appended.created_at as Date,
        });
        await run(client, SQL.notify, ['event_log', notification(entry)]);
        await run(client, 'COMMIT');
        return reply.code(201).send(view);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const pg = error as { code?: string; constraint?: string };
        if (pg.constraint === 'connections_live_pair_key') throw new Refusal(409, 'CONNECTION_EXISTS', 'These two enterprises already have a live connection at this event');
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      return fail(reply, error);
    }
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
