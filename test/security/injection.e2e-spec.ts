import { randomUUID } from 'node:crypto';
import { fold } from '@tradebridge/reference';
import { createTestApp, TestApp } from '../factories/app';
import { populateConference, PopulatedConference } from '../factories/conference';
import { fillPath, OpenApiDocument, Operation, operations, percentEncode } from '../factories/openapi';
import { enterpriseBody, World } from '../factories/world';

/**
 * Injection probes (issue 7, item 4) on every query parameter of every read in
 * the OpenAPI document: SQL metacharacters, LIKE wildcards, backslashes, NUL,
 * very long text, and other events' ids. Each answer is a 4xx with the error
 * shape, or a 200 that is correct for the filter and holds nothing of another
 * event. Free text (`q`) must match literally; every other parameter has a
 * format, so a probe is a 400 naming it.
 */
const PROBES = [
  "' OR 1=1--",
  "' OR '1'='1",
  "'; DROP TABLE enterprises; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  "1' AND (SELECT count(*) FROM users) > 0 --",
  '%',
  '_',
  '%%',
  '\\',
  '\\%',
  '\\_',
  "O'Brien",
  '$1',
  ':q',
  '?',
  '*',
  ')',
  '(',
  'a\u0000b',
  'NULL',
  '0 OR 1=1',
  '-1',
  '1e308',
  '99999999999999999999',
  '🇻🇳',
  'x'.repeat(5_000),
];
/** Parameters that take free text; every other one has a format. */
const FREE_TEXT = new Set(['q']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('security: injection probes on every filter and query parameter', () => {
  let t: TestApp;
  let w: World;
  let mine: PopulatedConference;
  let other: PopulatedConference;
  let ops: Operation[];
  /** Ids that belong to the other conference only (enterprises and users are shared directories). */
  let foreign: Set<string>;
  const RUN = `inj${randomUUID().slice(0, 6)}`;
  const odd = `O'Brien % Trading_Co \\ Ltd ${RUN}`;
  let oddId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = new World(t);
    mine = await populateConference(w);
    other = await populateConference(w);
    const p = other.pools;
    foreign = new Set([...p.events!, ...p.registrations!, ...p.connections!, ...p.meetings!, ...p.venues!, ...p.rooms!, ...p.outcomes!]);
    oddId = (await w.enterprise(mine.a.account, enterpriseBody('VN', { name: { en: odd, vi: `Công ty 100% Việt_Nam ${RUN}` } }))).id;
    ops = operations((await t.http.get('/api/docs-json')).body as OpenApiDocument);
  }, 60_000);
  afterAll(() => t.close());

  /** This conference's ids for each path parameter of a read. */
  function pathFor(op: Operation): string {
    const resource = /^\/api\/([a-z-]+)\/\{id\}/.exec(op.path)?.[1];
    const ids: Record<string, string> = {
      id:
        ({ connections: mine.acceptedId, meetings: mine.meetingId, enterprises: mine.a.enterpriseId, users: mine.a.account.id } as Record<string, string>)[resource ?? ''] ??
        mine.setup.eventId,
      rid: mine.a.registration.id,
      userId: mine.moderator.id,
    };
    if (op.path.endsWith('/report/public')) ids.id = mine.closedEventId;
    return fillPath(op.path, ids);
  }

  /** What a read needs besides the probed parameter (recommendations need a registration). */
  function required(op: Operation, probed: string): string[] {
    return op.query.filter((q) => q.required && q.name !== probed).map((q) => `${q.name}=${q.name === 'registrationId' ? mine.a.registration.id : ''}`);
  }

  it('answers every probe on every parameter with a 4xx or a clean 200, never a 5xx, never another event’s ids, never slowly', async () => {
    const reads = ops.filter((o) => o.method === 'GET' && o.query.length > 0);
    expect(reads.length).toBeGreaterThanOrEqual(15);
    const problems: string[] = [];
    let sent = 0;
    const cases = reads.flatMap((op) =>
      op.query.flatMap((param) => [
        ...PROBES.map((probe) => ({ op, param: param.name, value: probe })),
        // Another event's ids as filters of this event's lists.
        ...(param.schema.format === 'uuid' || /Id$/.test(param.name) ? [...foreign].slice(0, 6).map((id) => ({ op, param: param.name, value: id })) : []),
      ]),
    );
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const query = [`${percentEncode(c.param)}=${percentEncode(c.value)}`, ...required(c.op, c.param)].join('&');
          const url = `${pathFor(c.op)}?${query}`;
          const started = Date.now();
          const res = await t.http.get(url).set(mine.organizer.auth);
          sent++;
          const took = Date.now() - started;
          const label = `${c.op.route} ?${c.param}=${JSON.stringify(c.value.slice(0, 40))}`;
          if (res.status >= 500) problems.push(`${label}: ${res.status} ${res.text.slice(0, 200)}`);
          else if (res.status >= 400 && !(res.body?.statusCode === res.status && typeof res.body.code === 'string')) problems.push(`${label}: ${res.status} without the error shape`);
          else if (res.status < 300) {
            const leaked = (res.text.match(UUID) ?? []).filter((id) => foreign.has(id));
            if (leaked.length) problems.push(`${label}: holds another event's ids ${leaked.slice(0, 3).join(', ')}`);
            if (!FREE_TEXT.has(c.param) && !foreign.has(c.value)) problems.push(`${label}: accepted (${res.status}) a probe on a parameter with a format`);
          }
          // An injected pg_sleep(10) would show here; nothing else comes near on this machine, even loaded.
          if (took > 8_000) problems.push(`${label}: took ${took} ms`);
        }
      }),
    );
    console.log(`injection probes: ${sent} requests on ${reads.length} reads`);
    expect(problems).toEqual([]);
  }, 120_000);

  it('refuses a probe on a formatted parameter with 400 naming the parameter', async () => {
    const checks: [string, string][] = [
      ['/api/enterprises', 'country'],
      ['/api/enterprises', 'sector'],
      ['/api/enterprises', 'hs'],
      ['/api/enterprises', 'limit'],
      ['/api/enterprises', 'offset'],
      [`/api/events/${mine.setup.eventId}/log`, 'afterSeq'],
      [`/api/events/${mine.setup.eventId}/report`, 'locale'],
      [`/api/events/${mine.setup.eventId}/report`, 'format'],
      [`/api/events/${mine.setup.eventId}/registrations`, 'side'],
      [`/api/events/${mine.setup.eventId}/connections`, 'registrationId'],
    ];
    for (const [path, param] of checks) {
      for (const probe of ["' OR 1=1--", '%', '_', '\\', '1e308']) {
        const res = await t.http.get(`${path}?${param}=${percentEncode(probe)}`).set(mine.organizer.auth);
        const fields = (res.body.details?.fields ?? []) as { field: string }[];
        expect({ path, param, probe, status: res.status, named: fields.some((f) => f.field === param) }).toEqual({ path, param, probe, status: 400, named: true });
      }
    }
  });

  it('matches free text literally: wildcards, quotes and backslashes find only names that hold them', async () => {
    const names = async (q: string) => {
      const res = await t.http.get(`/api/enterprises?q=${percentEncode(q)}&limit=200`).set(mine.organizer.auth);
      expect(res.status).toBe(200);
      return res.body.items as { id: string; name: Record<string, string> }[];
    };
    // Found by each of its odd characters…
    for (const q of ["O'Brien", '% Trading_Co', 'Trading_Co \\ Ltd', `_Co \\ Ltd ${RUN}`, `100% Việt_Nam ${RUN}`]) {
      expect({ q, found: (await names(q)).map((i) => i.id) }).toEqual({ q, found: [oddId] });
    }
    // …and each wildcard alone matches only names that contain it literally.
    for (const q of ['%', '_', '\\', "'", "' OR 1=1--", "' OR '1'='1", '%%', '\\%']) {
      const items = await names(q);
      for (const item of items)
        expect({ q, name: item.name, holds: Object.values(item.name).some((n) => fold(n).toLowerCase().includes(fold(q).toLowerCase())) }).toMatchObject({ q, holds: true });
      if (['%', '_', '\\', "'"].includes(q)) expect(items.map((i) => i.id)).toContain(oddId);
      else expect(items.map((i) => i.id)).not.toContain(mine.a.enterpriseId);
    }
    // The same for the reference data (searched in memory): a code prefix or a name that holds the text.
    for (const q of ['%', "' OR 1=1--", '_', '\\']) {
      const res = await t.http.get(`/api/reference/hs?q=${percentEncode(q)}&limit=200`);
      expect(res.status).toBe(200);
      for (const item of res.body.items as { code: string; names: Record<string, string> }[]) {
        const holds = item.code.startsWith(q) || Object.values(item.names).some((n) => fold(n).toLowerCase().includes(fold(q).toLowerCase()));
        expect({ q, code: item.code, holds }).toEqual({ q, code: item.code, holds: true });
      }
    }
  });

  it('keeps each event’s lists to that event, whatever ids the filters name', async () => {
    const e = mine.setup.eventId;
    for (const [path, param, value] of [
      [`/api/events/${e}/connections`, 'registrationId', other.a.registration.id],
      [`/api/events/${e}/connections`, 'roomId', other.setup.rooms.agriculture],
      [`/api/events/${e}/meetings`, 'registrationId', other.c.registration.id],
      [`/api/events/${e}/registrations`, 'roomId', other.setup.rooms.agriculture],
      [`/api/events/${e}/registrations`, 'venueId', other.setup.venues.laoCai],
    ]) {
      const res = await t.http.get(`${path}?${param}=${value}`).set(mine.organizer.auth);
      expect({ path, param, status: res.status, total: res.body.total }).toEqual({ path, param, status: 200, total: 0 });
    }
    // And the organizer of one event reads nothing of the other through its ids.
    for (const path of [`/api/connections/${other.acceptedId}`, `/api/meetings/${other.meetingId}`, `/api/events/${other.setup.eventId}/log`, `/api/events/${other.setup.eventId}/report`]) {
      const res = await t.http.get(path).set(mine.organizer.auth);
      expect({ path, status: res.status }).toEqual({ path, status: path.endsWith('/log') || path.endsWith('/report') ? 403 : 404 });
    }
  });
});
