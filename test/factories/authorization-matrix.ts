import type { Response, Test } from 'supertest';
import type { TestApp } from './app';
import { fillPath, OpenApiDocument, Operation, operations } from './openapi';
import { unsubscribeToken } from '@tradebridge/mail';
import { Account, eventBody, enterpriseBody, uniqueEmail, World } from './world';

/**
 * Who may call what (issue 7, item 4): every route of the OpenAPI document ×
 * six actors, against the expected status written down below. The security
 * matrix spec checks the statuses; the response-contract spec checks every
 * answer against the document's schema. A route in the document without a row
 * fails the matrix, and so does a row for a route that is gone.
 *
 * Each request is well-formed, so validation never hides the access check.
 * The subject of each row is event E (open for registration): A (VN) and B (CN)
 * are approved in it, A's request to B is the connection ("A → B"), and
 * "A2" is a second enterprise of A's member. "other organizer" is a platform
 * organizer who runs another event; the moderator is staff of E; the admin is
 * a platform admin (an organizer of every event). Denied writes must leave E's
 * event log as it was; after a successful write the next actor gets a fresh E.
 */
export const ACTORS = ['anonymous', 'member A', 'member B', 'moderator', 'other organizer', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

const EXPECTED = `
| route                                                       | anonymous | member A | member B | moderator | other organizer | admin |
|-------------------------------------------------------------|-----------|----------|----------|-----------|-----------------|-------|
| GET /health                                                 | 200       | 200      | 200      | 200       | 200             | 200   |
| POST /api/auth/register                                     | 201       | 201      | 201      | 201       | 201             | 201   |
| POST /api/auth/login                                        | 200       | 200      | 200      | 200       | 200             | 200   |
| GET /api/me                                                 | 401       | 200      | 200      | 200       | 200             | 200   |
| PATCH /api/me                                               | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/notifications                                      | 401       | 200      | 200      | 200       | 200             | 200   |
| POST /api/notifications/read                                | 401       | 200      | 200      | 200       | 200             | 200   |
| POST /api/notifications/{id}/read      (A's)                | 401       | 200      | 404      | 404       | 404             | 404   |
| GET /api/users                                              | 401       | 403      | 403      | 403       | 403             | 200   |
| GET /api/users/{id}                    (A's member)         | 401       | 200      | 403      | 403       | 403             | 200   |
| PATCH /api/users/{id}                  (A's member: roles)  | 401       | 403      | 403      | 403       | 403             | 200   |
| GET /api/reference/hs                                       | 200       | 200      | 200      | 200       | 200             | 200   |
| GET /api/reference/regions                                  | 200       | 200      | 200      | 200       | 200             | 200   |
| GET /api/reference/phrasebook                               | 200       | 200      | 200      | 200       | 200             | 200   |
| POST /api/enterprises                                       | 401       | 201      | 201      | 201       | 201             | 201   |
| GET /api/enterprises                                        | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/enterprises/{id}              (A)                  | 401       | 200      | 200      | 200       | 200             | 200   |
| PATCH /api/enterprises/{id}            (A)                  | 401       | 200      | 403      | 403       | 403             | 200   |
| POST /api/events                                            | 401       | 403      | 403      | 403       | 201             | 201   |
| GET /api/events                                             | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/events/{id}                                        | 401       | 200      | 200      | 200       | 200             | 200   |
| PATCH /api/events/{id}                                      | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/staff                                 | 401       | 403      | 403      | 403       | 403             | 201   |
| GET /api/events/{id}/staff                                  | 401       | 403      | 403      | 200       | 403             | 200   |
| PUT /api/events/{id}/staff/{userId}/rooms (the moderator)   | 401       | 403      | 403      | 403       | 403             | 200   |
| DELETE /api/events/{id}/staff/{userId} (the moderator)      | 401       | 403      | 403      | 403       | 403             | 204   |
| POST /api/events/{id}/venues                                | 401       | 403      | 403      | 403       | 403             | 201   |
| GET /api/events/{id}/venues                                 | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/events/{id}/venues/{venueId}/tables (Lào Cai)      | 401       | 403      | 403      | 200       | 403             | 200   |
| PATCH /api/events/{id}/venues/{venueId}  (Lào Cai)          | 401       | 403      | 403      | 403       | 403             | 200   |
| DELETE /api/events/{id}/venues/{venueId} (online, unused)   | 401       | 403      | 403      | 403       | 403             | 204   |
| POST /api/events/{id}/rooms                                 | 401       | 403      | 403      | 403       | 403             | 201   |
| GET /api/events/{id}/rooms                                  | 401       | 200      | 200      | 200       | 200             | 200   |
| PATCH /api/events/{id}/rooms/{roomId}    (industry)         | 401       | 403      | 403      | 403       | 403             | 200   |
| DELETE /api/events/{id}/rooms/{roomId}   (industry, unused) | 401       | 403      | 403      | 403       | 403             | 204   |
| POST /api/events/{id}/registrations    (A2)                 | 401       | 201      | 403      | 403       | 403             | 201   |
| GET /api/events/{id}/registrations     (own, or all: staff) | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/events/{id}/registrations/{rid}            (A's)   | 401       | 200      | 404      | 200       | 404             | 200   |
| PATCH /api/events/{id}/registrations/{rid}          (A's)   | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/registrations/{rid}/approve   (A2's)  | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/registrations/{rid}/reject    (A2's)  | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/room-assignments                      | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/check-ins                     (A's)   | 401       | 403      | 403      | 200       | 403             | 200   |
| GET /api/events/{id}/log                                    | 401       | 403      | 403      | 200       | 403             | 200   |
| POST /api/events/{id}/announcements                         | 401       | 403      | 403      | 403       | 403             | 201   |
| GET /api/events/{id}/announcements                          | 401       | 403      | 403      | 200       | 403             | 200   |
| GET /api/events/{id}/recommendations                (A's)   | 401       | 200      | 404      | 200       | 404             | 200   |
| GET /api/events/{id}/directory                              | 401       | 200      | 200      | 200       | 403             | 200   |
| GET /api/events/{id}/directory/settings                     | 401       | 403      | 403      | 200       | 403             | 200   |
| PUT /api/events/{id}/directory/settings                     | 401       | 403      | 403      | 403       | 403             | 200   |
| GET /api/events/{id}/directory/{registrationId}  (B's)      | 401       | 200      | 404      | 200       | 403             | 200   |
| PUT /api/events/{id}/directory/favourites/{registrationId} (B's) | 401       | 204      | 404      | 403       | 403             | 403   |
| DELETE /api/events/{id}/directory/favourites/{registrationId} (B's) | 401       | 204      | 204      | 403       | 403             | 403   |
| POST /api/events/{id}/connections      (A → B, online)      | 401       | 201      | 403      | 403       | 403             | 403   |
| GET /api/events/{id}/connections       (own, or all: staff) | 401       | 200      | 200      | 200       | 200             | 200   |
| POST /api/events/{id}/connections/scan (A scans B's badge)  | 401       | 201      | 403      | 403       | 403             | 403   |
| GET /api/events/{id}/registrations/{rid}/partners   (A's)   | 401       | 200      | 404      | 200       | 404             | 200   |
| GET /api/connections/{id}              (A → B)              | 401       | 200      | 200      | 200       | 404             | 200   |
| POST /api/connections/{id}/accept      (A → B)              | 401       | 403      | 200      | 403       | 403             | 403   |
| POST /api/connections/{id}/decline     (A → B)              | 401       | 403      | 200      | 403       | 403             | 403   |
| POST /api/connections/{id}/withdraw    (A → B)              | 401       | 200      | 403      | 403       | 403             | 403   |
| POST /api/connections/{id}/outcomes    (A ↔ B accepted)     | 401       | 201      | 201      | 201       | 404             | 201   |
| GET /api/connections/{id}/outcomes     (A ↔ B accepted)     | 401       | 200      | 200      | 200       | 404             | 200   |
| POST /api/connections/{id}/messages    (A → B)              | 401       | 201      | 201      | 403       | 404             | 403   |
| GET /api/connections/{id}/messages     (A → B)              | 401       | 200      | 200      | 403       | 404             | 403   |
| POST /api/connections/{id}/messages/read (A → B)            | 401       | 204      | 204      | 403       | 404             | 403   |
| POST /api/connections/{id}/messages/{messageId}/report (B's) | 401      | 204      | 403      | 403       | 404             | 403   |
| GET /api/events/{id}/conversations     (own, or all: staff) | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/events/{id}/reported-messages                      | 401       | 403      | 403      | 200       | 403             | 200   |
| POST /api/events/{id}/schedule                              | 401       | 403      | 403      | 403       | 403             | 200   |
| GET /api/events/{id}/standby                                | 401       | 403      | 403      | 403       | 403             | 200   |
| GET /api/events/{id}/attendance/now                         | 401       | 403      | 403      | 200       | 403             | 200   |
| POST /api/events/{id}/meetings         (A ↔ B accepted)     | 401       | 403      | 403      | 201       | 403             | 201   |
| GET /api/events/{id}/meetings          (own, or all: staff) | 401       | 200      | 200      | 200       | 200             | 200   |
| GET /api/meetings/{id}                 (A ↔ B)              | 401       | 200      | 200      | 200       | 404             | 200   |
| PATCH /api/meetings/{id}               (A ↔ B: held)        | 401       | 200      | 200      | 200       | 404             | 200   |
| POST /api/meetings/{id}/scan           (A ↔ B online)       | 401       | 409      | 409      | 403       | 404             | 403   |
| POST /api/meetings/{id}/reschedule     (A ↔ B)              | 401       | 201      | 201      | 403       | 404             | 403   |
| GET /api/meetings/{id}/reschedules     (A ↔ B)              | 401       | 200      | 200      | 200       | 404             | 200   |
| POST /api/meetings/{id}/reschedule/{proposalId}/accept (A's) | 401     | 403      | 200      | 403       | 404             | 403   |
| POST /api/meetings/{id}/reschedule/{proposalId}/decline (A's) | 401    | 403      | 200      | 403       | 404             | 403   |
| POST /api/meetings/{id}/reschedule/{proposalId}/withdraw (A's) | 401   | 200      | 403      | 403       | 404             | 403   |
| PUT /api/events/{id}/registrations/{rid}/availability (A's) | 401       | 200      | 404      | 200       | 404             | 200   |
| GET /api/events/{id}/registrations/{rid}/availability (A's) | 401       | 200      | 404      | 200       | 404             | 200   |
| GET /api/events/{id}/report            (json)               | 401       | 403      | 403      | 200       | 403             | 200   |
| GET /api/events/{id}/report/public     (E closed)           | 200       | 200      | 200      | 200       | 200             | 200   |
| GET /api/events/{id}/printables/badges    (A's, A6)         | 401       | 200      | 404      | 200       | 404             | 200   |
| GET /api/events/{id}/printables/schedules (A's)             | 401       | 200      | 404      | 200       | 404             | 200   |
| GET /api/events/{id}/printables/venues/{venueId}/table-plan (Lào Cai) | 401 | 403 | 403     | 200       | 403             | 200   |
| GET /api/events/{id}/printables/venues/{venueId}/check-in-list (Lào Cai) | 401 | 403 | 403  | 200       | 403             | 200   |
| GET /api/events/{id}/import/template   (xlsx, vi)           | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/import           (CSV dry run)        | 401       | 403      | 403      | 403       | 403             | 200   |
| POST /api/events/{id}/imports          (CSV job, one row)   | 401       | 403      | 403      | 403       | 403             | 202   |
| GET /api/events/{id}/imports/{importId} (unknown job)       | 401       | 403      | 403      | 403       | 403             | 404   |
| POST /api/auth/password-reset          (any e-mail)         | 202       | 202      | 202      | 202       | 202             | 202   |
| POST /api/auth/password-reset/confirm  (unknown token)      | 400       | 400      | 400      | 400       | 400             | 400   |
| GET /api/admin/mailbox                                      | 401       | 403      | 403      | 403       | 403             | 200   |
| GET /api/admin/mailbox/{id}            (none such)          | 401       | 403      | 403      | 403       | 403             | 404   |
| POST /api/unsubscribe                  (a valid token)      | 200       | 200      | 200      | 200       | 200             | 200   |
| GET /api/me/calendar-feed                                   | 401       | 200      | 200      | 200       | 200             | 200   |
| POST /api/me/calendar-feed                                  | 401       | 200      | 200      | 200       | 200             | 200   |
| DELETE /api/me/calendar-feed                                | 401       | 204      | 204      | 204       | 204             | 204   |
| GET /calendar/{file}                   (unknown token)      | 404       | 404      | 404      | 404       | 404             | 404   |
`;

export function parseExpected(table: string): Map<string, Record<ActorName, number>> {
  const rows = new Map<string, Record<ActorName, number>>();
  for (const line of table.trim().split('\n').slice(2)) {
    const [route, ...cells] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const key = route.replace(/\s+\(.*\)$/, '');
    if (rows.has(key)) throw new Error(`two rows for ${key}`);
    rows.set(key, Object.fromEntries(ACTORS.map((a, i) => [a, Number(cells[i])])) as Record<ActorName, number>);
  }
  return rows;
}

type Need = 'requested' | 'accepted' | 'meeting' | 'proposal' | 'checkedIn' | 'pendingA2' | 'closed' | 'notification' | 'message';

interface Scene {
  eventId: string;
  venues: { laoCai: string; hangzhou: string; online: string };
  rooms: { agriculture: string; industry: string };
  regA: { id: string; badgeCode: string };
  regB: { id: string; badgeCode: string };
  connectionId?: string;
  meetingId?: string;
  /** A's proposal to move the meeting. */
  proposalId?: string;
  pendingA2?: string;
  /** One of member A's notifications (written as the notifier would, which specs run by hand). */
  notificationId?: number;
  /** B's message in the thread of A's request. */
  messageId?: number;
}

export interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** The body's Content-Type when it is not JSON (a file sent as the body). */
  type?: string;
}

/** One request of the matrix and its answer. */
export interface Cell {
  op: Operation;
  actor: ActorName;
  /** The status the table expects. */
  want: number;
  response: Response;
}

export interface AuthorizationMatrix {
  /** The served document (`/api/docs-json`) and its operations. */
  document: OpenApiDocument;
  ops: Operation[];
  expected: Map<string, Record<ActorName, number>>;
  /** The routes that have a call written down. */
  calls: Set<string>;
  /** Sends every row's request as every actor; `visit` sees each answer. Returns what differs from the table. */
  run(visit?: (cell: Cell) => void | Promise<void>): Promise<string[]>;
}

/** The actors, their enterprises and the calls of every row, on a test app. */
export async function createAuthorizationMatrix(t: TestApp): Promise<AuthorizationMatrix> {
  const w = new World(t);
  const people = {} as Record<Exclude<ActorName, 'anonymous'>, Account> & { bystander: Account; throwaway: Account };
  const enterprises = {} as { a: string; a2: string; b: string };
  people.admin = await w.admin();
  const owner = await w.organizer(people.admin);
  people['other organizer'] = await w.organizer(people.admin);
  await w.openEvent(people['other organizer']);
  people.moderator = await w.account('moderator');
  people.bystander = await w.account('bystander');
  people.throwaway = await w.account('throwaway');
  const a = await w.member('VN');
  const b = await w.member('CN');
  people['member A'] = a.account;
  people['member B'] = b.account;
  enterprises.a = a.enterpriseId;
  enterprises.b = b.enterpriseId;
  enterprises.a2 = (await w.enterprise(a.account, enterpriseBody('VN', { name: { vi: 'Công ty Chè Sa Pa', en: 'Sa Pa Tea Co.' } }))).id;
  const document = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
  const ops = operations(document);
  const expected = parseExpected(EXPECTED);

  async function must(what: string, res: PromiseLike<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** A fresh event E in the state a row needs. */
  async function scene(needs: Need[] = []): Promise<Scene> {
    const http = t.http;
    const setup = await w.openEvent(owner);
    const id = setup.eventId;
    await must('moderator', http.post(`/api/events/${id}/staff`).set(owner.auth).send({ email: people.moderator.email, role: 'moderator' }));
    const approved = async (member: Account, enterpriseId: string, venueId: string) => {
      const reg = await must('register', w.register(member, id, enterpriseId, venueId));
      return (await must('approve', http.post(`/api/events/${id}/registrations/${String(reg.id)}/approve`).set(owner.auth))) as { id: string; badgeCode: string };
    };
    const regA = await approved(people['member A'], enterprises.a, setup.venues.laoCai);
    // A badge scan connects parties checked in at the same venue: then B is at Lào Cai too.
    const regB = await approved(people['member B'], enterprises.b, needs.includes('checkedIn') ? setup.venues.laoCai : setup.venues.hangzhou);
    const s: Scene = { eventId: id, venues: setup.venues, rooms: setup.rooms, regA, regB };
    if (needs.includes('checkedIn')) for (const r of [regA, regB]) await w.checkIn(owner, id, r.badgeCode);
    if (needs.includes('proposal')) needs = [...needs, 'meeting'];
    if (needs.some((n) => n === 'requested' || n === 'accepted' || n === 'meeting' || n === 'message')) {
      s.connectionId = (await must('request', http.post(`/api/events/${id}/connections`).set(people['member A'].auth).send({ fromRegistrationId: regA.id, toRegistrationId: regB.id })))
        .id as string;
    }
    if (needs.includes('accepted') || needs.includes('meeting')) await must('accept', http.post(`/api/connections/${s.connectionId}/accept`).set(people['member B'].auth));
    if (needs.includes('meeting')) {
      s.meetingId = (await must('book', http.post(`/api/events/${id}/meetings`).set(owner.auth).send({ connectionId: s.connectionId, startsAt: '2021-01-19T03:00:00.000Z' }))).id as string;
    }
    if (needs.includes('proposal')) {
      s.proposalId = (await must('propose', http.post(`/api/meetings/${s.meetingId}/reschedule`).set(people['member A'].auth).send({ startsAt: '2021-01-19T06:00:00.000Z' }))).id as string;
    }
    if (needs.includes('message')) {
      s.messageId = (await must('message', http.post(`/api/connections/${s.connectionId}/messages`).set(people['member B'].auth).send({ phraseKey: 'quantity.moq' }))).id as number;
    }
    if (needs.includes('pendingA2')) s.pendingA2 = (await must('A2 registers', w.register(people['member A'], id, enterprises.a2, setup.venues.laoCai))).id as string;
    if (needs.includes('notification')) {
      const [row] = await t.db.query<{ id: number }[]>(
        `INSERT INTO notifications (user_id, kind, event_id, source, data, link) VALUES ($1, 'registration.approved', $2, $3, '{}', '/events') RETURNING id::int AS id`,
        [people['member A'].id, id, `matrix:${regA.id}`],
      );
      s.notificationId = row.id;
    }
    if (needs.includes('closed')) for (const status of ['live', 'closed']) await must(status, http.patch(`/api/events/${id}`).set(owner.auth).send({ status }));
    return s;
  }

  /** What each row sends: well-formed, so only access decides. `global`: the row does not touch event E. */
  const CALLS: Record<string, { needs?: Need[]; global?: true; call: (s: Scene) => Call }> = {
    'GET /health': { global: true, call: () => ({}) },
    'POST /api/auth/register': { global: true, call: () => ({ body: { email: uniqueEmail('matrix'), password: 'correct horse battery staple', displayName: 'Matrix' } }) },
    'POST /api/auth/login': { global: true, call: () => ({ body: { email: people.throwaway.email, password: 'correct horse battery staple' } }) },
    'GET /api/me': { global: true, call: () => ({}) },
    'PATCH /api/me': { global: true, call: () => ({ body: { locale: 'vi', timezone: 'Asia/Ho_Chi_Minh', emailMuted: ['connection.expiring'] } }) },
    'GET /api/notifications': { global: true, call: () => ({ query: 'unread=true&limit=10' }) },
    'POST /api/notifications/read': { global: true, call: () => ({}) },
    'POST /api/notifications/{id}/read': { needs: ['notification'], call: (s) => ({ params: { id: String(s.notificationId) } }) },
    'GET /api/users': { global: true, call: () => ({}) },
    'GET /api/users/{id}': { global: true, call: () => ({ params: { id: people['member A'].id } }) },
    'PATCH /api/users/{id}': { global: true, call: () => ({ params: { id: people['member A'].id }, body: { roles: [] } }) },
    'GET /api/reference/hs': { global: true, call: () => ({ query: 'q=0810&locale=vi' }) },
    'GET /api/reference/regions': { global: true, call: () => ({ query: 'country=VN' }) },
    'GET /api/reference/phrasebook': { global: true, call: () => ({}) },
    'POST /api/enterprises': { global: true, call: () => ({ body: enterpriseBody('CN') }) },
    'GET /api/enterprises': { global: true, call: () => ({ query: 'country=VN' }) },
    'GET /api/enterprises/{id}': { global: true, call: () => ({ params: { id: enterprises.a } }) },
    'PATCH /api/enterprises/{id}': { global: true, call: () => ({ params: { id: enterprises.a }, body: { website: 'https://batxat-agri.vn' } }) },
    'POST /api/events': { global: true, call: () => ({ body: eventBody() }) },
    'GET /api/events': { global: true, call: () => ({}) },
    'GET /api/events/{id}': { call: (s) => ({ params: { id: s.eventId } }) },
    'PATCH /api/events/{id}': { call: (s) => ({ params: { id: s.eventId }, body: { name: { en: 'Renamed conference' } } }) },
    'POST /api/events/{id}/staff': { call: (s) => ({ params: { id: s.eventId }, body: { email: people.bystander.email, role: 'moderator' } }) },
    'GET /api/events/{id}/staff': { call: (s) => ({ params: { id: s.eventId } }) },
    'PUT /api/events/{id}/staff/{userId}/rooms': { call: (s) => ({ params: { id: s.eventId, userId: people.moderator.id }, body: { roomIds: [s.rooms.agriculture] } }) },
    'DELETE /api/events/{id}/staff/{userId}': { call: (s) => ({ params: { id: s.eventId, userId: people.moderator.id } }) },
    'POST /api/events/{id}/venues': {
      call: (s) => ({
        params: { id: s.eventId },
        body: { name: 'Điểm cầu Hà Giang', city: 'Hà Giang', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 50, tables: 5 },
      }),
    },
    'GET /api/events/{id}/venues': { call: (s) => ({ params: { id: s.eventId } }) },
    'GET /api/events/{id}/venues/{venueId}/tables': { call: (s) => ({ params: { id: s.eventId, venueId: s.venues.laoCai } }) },
    'POST /api/events/{id}/rooms': { call: (s) => ({ params: { id: s.eventId }, body: { name: { en: 'Machinery' }, sectorCodes: ['XVI'], capacity: 40 } }) },
    'GET /api/events/{id}/rooms': { call: (s) => ({ params: { id: s.eventId } }) },
    'PATCH /api/events/{id}/venues/{venueId}': { call: (s) => ({ params: { id: s.eventId, venueId: s.venues.laoCai }, body: { name: 'Điểm cầu chính Lào Cai (Nhà thi đấu)', tables: 45 } }) },
    'DELETE /api/events/{id}/venues/{venueId}': { call: (s) => ({ params: { id: s.eventId, venueId: s.venues.online } }) },
    'PATCH /api/events/{id}/rooms/{roomId}': { call: (s) => ({ params: { id: s.eventId, roomId: s.rooms.industry }, body: { capacity: 90 } }) },
    'DELETE /api/events/{id}/rooms/{roomId}': { call: (s) => ({ params: { id: s.eventId, roomId: s.rooms.industry } }) },
    'POST /api/events/{id}/registrations': { call: (s) => ({ params: { id: s.eventId }, body: { enterpriseId: enterprises.a2, venueId: s.venues.laoCai, attendance: 'onsite' } }) },
    'GET /api/events/{id}/registrations': { call: (s) => ({ params: { id: s.eventId } }) },
    'GET /api/events/{id}/registrations/{rid}': { call: (s) => ({ params: { id: s.eventId, rid: s.regA.id } }) },
    'PATCH /api/events/{id}/registrations/{rid}': { call: (s) => ({ params: { id: s.eventId, rid: s.regA.id }, body: { roomId: s.rooms.industry } }) },
    'POST /api/events/{id}/registrations/{rid}/approve': { needs: ['pendingA2'], call: (s) => ({ params: { id: s.eventId, rid: s.pendingA2! } }) },
    'POST /api/events/{id}/registrations/{rid}/reject': { needs: ['pendingA2'], call: (s) => ({ params: { id: s.eventId, rid: s.pendingA2! }, body: { reason: 'Outside the sectors' } }) },
    'POST /api/events/{id}/room-assignments': { call: (s) => ({ params: { id: s.eventId }, body: { dryRun: true } }) },
    'POST /api/events/{id}/check-ins': { call: (s) => ({ params: { id: s.eventId }, body: { badgeCode: s.regA.badgeCode } }) },
    'GET /api/events/{id}/log': { call: (s) => ({ params: { id: s.eventId }, query: 'afterSeq=0' }) },
    'POST /api/events/{id}/announcements': {
      call: (s) => ({ params: { id: s.eventId }, body: { text: { vi: 'Phiên giao thương bắt đầu lúc 9:00', en: 'Matchmaking starts at 9:00' }, audience: { venueId: s.venues.laoCai } } }),
    },
    'GET /api/events/{id}/announcements': { call: (s) => ({ params: { id: s.eventId } }) },
    'GET /api/events/{id}/recommendations': { call: (s) => ({ params: { id: s.eventId }, query: `registrationId=${s.regA.id}&locale=vi` }) },
    'GET /api/events/{id}/directory': { call: (s) => ({ params: { id: s.eventId }, query: 'q=xat&limit=10' }) },
    'GET /api/events/{id}/directory/settings': { call: (s) => ({ params: { id: s.eventId } }) },
    'PUT /api/events/{id}/directory/settings': { call: (s) => ({ params: { id: s.eventId }, body: { ownSide: true } }) },
    'GET /api/events/{id}/directory/{registrationId}': { call: (s) => ({ params: { id: s.eventId, registrationId: s.regB.id } }) },
    'PUT /api/events/{id}/directory/favourites/{registrationId}': { call: (s) => ({ params: { id: s.eventId, registrationId: s.regB.id } }) },
    'DELETE /api/events/{id}/directory/favourites/{registrationId}': { call: (s) => ({ params: { id: s.eventId, registrationId: s.regB.id } }) },
    'POST /api/events/{id}/connections': { call: (s) => ({ params: { id: s.eventId }, body: { fromRegistrationId: s.regA.id, toRegistrationId: s.regB.id, message: 'Xin chào' } }) },
    'GET /api/events/{id}/connections': { call: (s) => ({ params: { id: s.eventId } }) },
    'POST /api/events/{id}/connections/scan': { needs: ['checkedIn'], call: (s) => ({ params: { id: s.eventId }, body: { fromRegistrationId: s.regA.id, badgeCode: s.regB.badgeCode } }) },
    'GET /api/events/{id}/registrations/{rid}/partners': { needs: ['requested'], call: (s) => ({ params: { id: s.eventId, rid: s.regA.id } }) },
    'GET /api/connections/{id}': { needs: ['requested'], call: (s) => ({ params: { id: s.connectionId! } }) },
    'POST /api/connections/{id}/accept': { needs: ['requested'], call: (s) => ({ params: { id: s.connectionId! } }) },
    'POST /api/connections/{id}/decline': { needs: ['requested'], call: (s) => ({ params: { id: s.connectionId! } }) },
    'POST /api/connections/{id}/withdraw': { needs: ['requested'], call: (s) => ({ params: { id: s.connectionId! } }) },
    'POST /api/connections/{id}/outcomes': {
      needs: ['accepted'],
      call: (s) => ({ params: { id: s.connectionId! }, body: { kind: 'mou_signed', value: { amount: '1000.00', currency: 'USD' } } }),
    },
    'GET /api/connections/{id}/outcomes': { needs: ['accepted'], call: (s) => ({ params: { id: s.connectionId! } }) },
    'POST /api/connections/{id}/messages': { needs: ['requested'], call: (s) => ({ params: { id: s.connectionId! }, body: { phraseKey: 'samples.request' } }) },
    'GET /api/connections/{id}/messages': { needs: ['message'], call: (s) => ({ params: { id: s.connectionId! } }) },
    'POST /api/connections/{id}/messages/read': { needs: ['message'], call: (s) => ({ params: { id: s.connectionId! }, body: {} }) },
    'POST /api/connections/{id}/messages/{messageId}/report': {
      needs: ['message'],
      call: (s) => ({ params: { id: s.connectionId!, messageId: String(s.messageId!) }, body: { reason: 'spam' } }),
    },
    'GET /api/events/{id}/conversations': { needs: ['message'], call: (s) => ({ params: { id: s.eventId } }) },
    'GET /api/events/{id}/reported-messages': { call: (s) => ({ params: { id: s.eventId } }) },
    'POST /api/events/{id}/schedule': { needs: ['accepted'], call: (s) => ({ params: { id: s.eventId }, body: { dryRun: true } }) },
    'GET /api/events/{id}/standby': { needs: ['accepted'], call: (s) => ({ params: { id: s.eventId } }) },
    'GET /api/events/{id}/attendance/now': { needs: ['meeting'], call: (s) => ({ params: { id: s.eventId } }) },
    'POST /api/events/{id}/meetings': { needs: ['accepted'], call: (s) => ({ params: { id: s.eventId }, body: { connectionId: s.connectionId, startsAt: '2021-01-19T02:00:00.000Z' } }) },
    'GET /api/events/{id}/meetings': { needs: ['meeting'], call: (s) => ({ params: { id: s.eventId } }) },
    'GET /api/meetings/{id}': { needs: ['meeting'], call: (s) => ({ params: { id: s.meetingId! } }) },
    'POST /api/meetings/{id}/scan': { needs: ['meeting'], call: (s) => ({ params: { id: s.meetingId! }, body: { badgeCode: s.regB.badgeCode } }) },
    'POST /api/meetings/{id}/reschedule': { needs: ['meeting'], call: (s) => ({ params: { id: s.meetingId! }, body: { startsAt: '2021-01-19T06:00:00.000Z' } }) },
    'GET /api/meetings/{id}/reschedules': { needs: ['meeting'], call: (s) => ({ params: { id: s.meetingId! } }) },
    'POST /api/meetings/{id}/reschedule/{proposalId}/accept': { needs: ['proposal'], call: (s) => ({ params: { id: s.meetingId!, proposalId: s.proposalId! } }) },
    'POST /api/meetings/{id}/reschedule/{proposalId}/decline': { needs: ['proposal'], call: (s) => ({ params: { id: s.meetingId!, proposalId: s.proposalId! } }) },
    'POST /api/meetings/{id}/reschedule/{proposalId}/withdraw': { needs: ['proposal'], call: (s) => ({ params: { id: s.meetingId!, proposalId: s.proposalId! } }) },
    'PATCH /api/meetings/{id}': { needs: ['meeting'], call: (s) => ({ params: { id: s.meetingId! }, body: { status: 'held' } }) },
    'PUT /api/events/{id}/registrations/{rid}/availability': {
      call: (s) => ({ params: { id: s.eventId, rid: s.regA.id }, body: { windows: [{ startsAt: '2021-01-19T01:00:00.000Z', endsAt: '2021-01-19T05:00:00.000Z' }] } }),
    },
    'GET /api/events/{id}/registrations/{rid}/availability': { call: (s) => ({ params: { id: s.eventId, rid: s.regA.id } }) },
    'GET /api/events/{id}/report': { call: (s) => ({ params: { id: s.eventId }, query: 'format=json&locale=vi' }) },
    'GET /api/events/{id}/report/public': { needs: ['closed'], call: (s) => ({ params: { id: s.eventId }, query: 'locale=zh' }) },
    'GET /api/events/{id}/printables/badges': { call: (s) => ({ params: { id: s.eventId }, query: `registrationId=${s.regA.id}&layout=a6&locale=vi` }) },
    'GET /api/events/{id}/printables/schedules': { call: (s) => ({ params: { id: s.eventId }, query: `registrationId=${s.regA.id}` }) },
    'GET /api/events/{id}/printables/venues/{venueId}/table-plan': { call: (s) => ({ params: { id: s.eventId, venueId: s.venues.laoCai }, query: 'locale=zh' }) },
    'GET /api/events/{id}/printables/venues/{venueId}/check-in-list': { call: (s) => ({ params: { id: s.eventId, venueId: s.venues.laoCai }, query: 'locale=en' }) },
    'GET /api/events/{id}/import/template': { call: (s) => ({ params: { id: s.eventId }, query: 'format=xlsx&locale=vi' }) },
    'POST /api/events/{id}/import': {
      call: (s) => ({
        params: { id: s.eventId },
        query: 'dryRun=true&locale=vi',
        type: 'text/csv',
        body: `Tên tiếng Việt,Quốc gia,Tỉnh/thành,Người liên hệ,Email liên hệ,Điện thoại liên hệ,Điểm cầu\r\nHTX Bát Xát,VN,Lào Cai,Nguyễn Thị Hoa,${uniqueEmail('import')},+84 214 3840 123,Điểm cầu chính Lào Cai\r\n`,
      }),
    },
    'POST /api/events/{id}/imports': {
      call: (s) => ({
        params: { id: s.eventId },
        query: 'locale=zh',
        type: 'text/csv',
        body: `Tên tiếng Việt,Quốc gia,Tỉnh/thành,Người liên hệ,Email liên hệ,Điện thoại liên hệ,Điểm cầu\r\nHTX Bát Xát,VN,Lào Cai,Nguyễn Thị Hoa,${uniqueEmail('import')},+84 214 3840 123,Điểm cầu chính Lào Cai\r\n`,
      }),
    },
    'GET /api/events/{id}/imports/{importId}': { call: (s) => ({ params: { id: s.eventId, importId: '00000000-0000-4000-8000-000000000000' } }) },
    'POST /api/auth/password-reset': { global: true, call: () => ({ body: { email: uniqueEmail('reset') } }) },
    'POST /api/auth/password-reset/confirm': { global: true, call: () => ({ body: { token: 'no-such-reset-token', password: 'correct horse battery staple' } }) },
    'GET /api/admin/mailbox': { global: true, call: () => ({}) },
    'GET /api/admin/mailbox/{id}': { global: true, call: () => ({ params: { id: '999999999999' } }) },
    'POST /api/unsubscribe': { global: true, call: () => ({ body: { token: unsubscribeToken(t.config.jwtSecret!, people.throwaway.id, 'announcement') } }) },
    'GET /api/me/calendar-feed': { global: true, call: () => ({}) },
    'POST /api/me/calendar-feed': { global: true, call: () => ({}) },
    'DELETE /api/me/calendar-feed': { global: true, call: () => ({}) },
    'GET /calendar/{file}': { global: true, call: () => ({ params: { file: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' } }) },
  };

  async function run(visit?: (cell: Cell) => void | Promise<void>): Promise<string[]> {
    const mismatches: string[] = [];
    const logHead = async (eventId: string) => Number((await t.db.query('SELECT coalesce(max(seq), 0) AS seq FROM event_log WHERE event_id = $1', [eventId]))[0].seq);
    const rows = ops.filter((o) => expected.has(o.route) && CALLS[o.route]);

    const checkRow = async (op: Operation) => {
      const spec = CALLS[op.route];
      let s: Scene | undefined;
      for (const actor of ACTORS) {
        if (!spec.global) s ??= await scene(spec.needs);
        const call = spec.call(s!);
        const url = fillPath(op.path, call.params ?? {}) + (call.query ? `?${call.query}` : '');
        let req = (t.http as unknown as Record<string, (u: string) => Test>)[op.method.toLowerCase()](url);
        if (actor !== 'anonymous') req = req.set(people[actor].auth);
        const before = s && (await logHead(s.eventId));
        if (call.type) req = req.type(call.type);
        const res = await (call.body === undefined ? req : req.send(call.body as object));
        const want = expected.get(op.route)![actor];
        await visit?.({ op, actor, want, response: res });
        if (res.status !== want) mismatches.push(`${op.route} as ${actor}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        if (s && res.status >= 400 && (await logHead(s.eventId)) !== before) mismatches.push(`${op.route} as ${actor}: refused with ${res.status} but appended to the event log`);
        if (op.mutating && res.status < 300) s = undefined; // the next actor meets a fresh event
      }
    };
    // Rows touch their own events, so a few run side by side.
    const queue = [...rows];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let op = queue.shift(); op; op = queue.shift()) await checkRow(op);
      }),
    );
    return mismatches;
  }

  return { document, ops, expected, calls: new Set(Object.keys(CALLS)), run };
}
