import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { ack, closeAllSockets, connect, createLiveTestApp, eventually } from '../factories/live';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Contact details are private until a connection is accepted (issue 7, item 4),
 * then visible to the partner, and to nobody else who was not already allowed
 * (the enterprise's own members, and the staff of events it registered for).
 * Every way out is read: enterprise reads and lists, recommendations,
 * connections, partners, /me, the socket's `log` and `connection` payloads, the
 * report (json, csv, xlsx) and the public summary. Each read is also checked to
 * hold the enterprise itself, so "no contact" is never "nothing at all".
 */
interface Contact {
  email: string;
  phone: string;
  person: string;
}

const secretContact = (tag: string): Contact => ({
  email: `${tag}.${randomUUID().slice(0, 8)}@private-contact.test`,
  phone: `+84 214 ${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`,
  person: `Người liên hệ ${tag} ${randomUUID().slice(0, 8)}`,
});

function leaked(payload: unknown, contacts: Contact[]): string[] {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
  return contacts.flatMap((c) => Object.values(c).filter((secret) => text.includes(secret)));
}

describe('security: contact details stay private until a connection is accepted', () => {
  let live: Awaited<ReturnType<typeof createLiveTestApp>>;
  let w: World;
  let organizer: Account;
  let otherOrganizer: Account;
  let setup: ConferenceSetup;
  const contacts = { a: secretContact('a'), b: secretContact('b'), c: secretContact('c'), d: secretContact('d') };
  // In every name, so list queries find this test's enterprises among everyone else's.
  const RUN = `run${randomUUID().slice(0, 6)}`;
  let a: Awaited<ReturnType<World['approved']>>;
  let b: typeof a;
  let c: typeof a;
  let d: typeof a;
  let connectionId: string;
  const received = new Map<string, { event: string; payload: unknown }[]>();
  const sockets = new Map<string, Socket>();

  const http = () => live.api.http;
  const get = async (who: Account, url: string) => {
    const res = await http().get(url).set(who.auth);
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    return res.body;
  };

  beforeAll(async () => {
    live = await createLiveTestApp();
    w = new World(live.api);
    organizer = await w.organizer();
    otherOrganizer = await w.organizer();
    await w.openEvent(otherOrganizer);
    setup = await w.openEvent(organizer);
    // A offers durian, which B and D need; C offers it too (a competitor of A, same side).
    a = await w.approved(organizer, setup, 'VN', { name: { vi: 'Công ty Sầu riêng Bát Xát', en: `Bat Xat Durian ${RUN}` }, contact: contacts.a });
    b = await w.approved(organizer, setup, 'CN', { name: { zh: '浙江果业', en: `Zhejiang Fruit Trading ${RUN}` }, contact: contacts.b });
    c = await w.approved(organizer, setup, 'VN', { name: { vi: 'Hợp tác xã Thanh Long', en: `Dragon Fruit Cooperative ${RUN}` }, contact: contacts.c });
    d = await w.approved(organizer, setup, 'CN', { name: { zh: '云南进口', en: `Yunnan Import Co. ${RUN}` }, contact: contacts.d });
    for (const [name, p] of Object.entries({ a, b, c, d })) {
      const socket = await connect(live.gateway.url, p.account.token);
      const log: { event: string; payload: unknown }[] = [];
      socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
      expect(await ack(socket, 'event.subscribe', { eventId: setup.eventId, afterSeq: 0 })).toMatchObject({ ok: true });
      received.set(name, log);
      sockets.set(name, socket);
    }
    const requested = await http()
      .post(`/api/events/${setup.eventId}/connections`)
      .set(a.account.auth)
      .send({ fromRegistrationId: a.registration.id, toRegistrationId: b.registration.id, message: 'Xin chào' });
    expect(requested.status).toBe(201);
    connectionId = requested.body.id;
    // D asks A too, and A declines: a declined pair unlocks nothing.
    const declined = await http().post(`/api/events/${setup.eventId}/connections`).set(d.account.auth).send({ fromRegistrationId: d.registration.id, toRegistrationId: a.registration.id });
    expect(declined.status).toBe(201);
    expect((await http().post(`/api/connections/${declined.body.id}/decline`).set(a.account.auth)).status).toBe(200);
    await eventually(received.get('b')!, (m) => m.event === 'connection');
  }, 60_000);

  afterAll(async () => {
    closeAllSockets();
    await live.close();
  });

  /** Everything `viewer` can read about `target` through REST; none of it may hold `hidden`; it must hold `target`. */
  async function restViews(viewer: Account, target: { enterpriseId: string; registration: { id: string } }, viewerRegistration: string | undefined, hidden: Contact[]) {
    const e = setup.eventId;
    const views: [string, unknown, boolean][] = [];
    const one = await get(viewer, `/api/enterprises/${target.enterpriseId}`);
    views.push(['enterprise', one, one.id === target.enterpriseId]);
    const name = encodeURIComponent((one.name as Record<string, string>).en);
    for (const query of [`q=${name}`, `q=${RUN}&limit=200`, `q=${RUN}&hs=0810`, `q=${RUN}&sector=II`, `q=${RUN}&country=${one.country}`]) {
      const list = await get(viewer, `/api/enterprises?${query}`);
      views.push([`enterprises?${query}`, list, list.items.some((i: { id: string }) => i.id === target.enterpriseId)]);
    }
    if (viewerRegistration) {
      const recs = await get(viewer, `/api/events/${e}/recommendations?registrationId=${viewerRegistration}&limit=200`);
      views.push(['recommendations', recs, true]);
      const partners = await get(viewer, `/api/events/${e}/registrations/${viewerRegistration}/partners`);
      views.push(['partners', partners, true]);
    }
    const connections = await get(viewer, `/api/events/${e}/connections`);
    views.push(['connections', connections, true]);
    views.push(['me', await get(viewer, '/api/me'), true]);
    for (const [what, body, holdsTarget] of views) expect({ what, leaked: leaked(body, hidden), holdsTarget }).toEqual({ what, leaked: [], holdsTarget: true });
  }

  /** The staff report in its three formats (as the organizer): none may hold a contact. Returns the exports' text. */
  async function reports(hidden: Contact[]): Promise<{ csv: string; xlsx: string }> {
    const { default: ExcelJS } = await import('exceljs');
    const base = `/api/events/${setup.eventId}/report`;
    const json = await get(organizer, `${base}?format=json&locale=vi`);
    expect(leaked(json, hidden)).toEqual([]);
    const csv = await http().get(`${base}?format=csv&locale=en`).set(organizer.auth);
    expect(csv.status).toBe(200);
    expect(leaked(csv.text, hidden)).toEqual([]);
    const xlsx = await http()
      .get(`${base}?format=xlsx&locale=zh`)
      .set(organizer.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
    expect(leaked(cells.join('\n'), hidden)).toEqual([]);
    return { csv: csv.text, xlsx: cells.join('\n') };
  }

  it('before acceptance: nobody outside the enterprise sees its contact, through any REST read', async () => {
    await restViews(b.account, a, b.registration.id, [contacts.a]);
    await restViews(a.account, b, a.registration.id, [contacts.b]);
    await restViews(c.account, a, c.registration.id, [contacts.a, contacts.b]);
    await restViews(d.account, a, d.registration.id, [contacts.a]);
    await restViews(otherOrganizer, a, undefined, [contacts.a, contacts.b]);
    // C's recommendations do name B (C offers durian, B needs it): the checks above read real lists.
    const recs = await get(c.account, `/api/events/${setup.eventId}/recommendations?registrationId=${c.registration.id}&limit=200`);
    expect(recs.items.map((r: { registrationId: string }) => r.registrationId)).toContain(b.registration.id);
    expect(leaked(recs, [contacts.b, contacts.d])).toEqual([]);
    // Its own members do see it.
    expect((await get(a.account, `/api/enterprises/${a.enterpriseId}`)).contact).toEqual(contacts.a);
  });

  it('before acceptance: no socket payload carries a contact, and the report and its exports carry none', async () => {
    for (const name of ['a', 'b', 'c', 'd']) {
      const log = received.get(name)!;
      expect(log.some((m) => m.event === 'log')).toBe(true);
      expect({ name, leaked: leaked(log, Object.values(contacts)) }).toEqual({ name, leaked: [] });
    }
    expect(received.get('b')!.some((m) => m.event === 'connection' && (m.payload as { id: string }).id === connectionId)).toBe(true);
    await reports(Object.values(contacts));
  });

  it('after acceptance: the two partners see each other’s contact, and nobody else does', async () => {
    expect((await http().post(`/api/connections/${connectionId}/accept`).set(b.account.auth)).status).toBe(200);
    await eventually(received.get('a')!, (m) => m.event === 'log' && (m.payload as { type: string }).type === 'connection.accepted');

    expect((await get(a.account, `/api/enterprises/${b.enterpriseId}`)).contact).toEqual(contacts.b);
    expect((await get(b.account, `/api/enterprises/${a.enterpriseId}`)).contact).toEqual(contacts.a);
    const listed = await get(a.account, `/api/enterprises?q=${RUN}`);
    const byId = new Map(listed.items.map((i: { id: string; contact?: Contact }) => [i.id, i.contact]));
    expect({ b: byId.get(b.enterpriseId), c: byId.get(c.enterpriseId), d: byId.get(d.enterpriseId) }).toEqual({ b: contacts.b, c: undefined, d: undefined });

    // A third member, the declined requester, a staff member of another event: still nothing.
    await restViews(c.account, a, c.registration.id, [contacts.a, contacts.b]);
    await restViews(c.account, b, c.registration.id, [contacts.a, contacts.b]);
    await restViews(d.account, a, d.registration.id, [contacts.a, contacts.b]);
    await restViews(otherOrganizer, b, undefined, [contacts.a, contacts.b]);
    // The partners' other views show nothing of the bystanders'.
    await restViews(a.account, c, a.registration.id, [contacts.c, contacts.d]);
  });

  it('after acceptance: sockets, the report (json, csv, xlsx) and the public summary still carry no contact', async () => {
    await eventually(received.get('b')!, (m) => m.event === 'connection' && (m.payload as { status: string }).status === 'accepted');
    for (const name of ['c', 'd']) expect({ name, leaked: leaked(received.get(name)!, [contacts.a, contacts.b]) }).toEqual({ name, leaked: [] });
    // The `connection` payloads to the partners are connections, not profiles.
    for (const name of ['a', 'b'])
      expect({
        name,
        leaked: leaked(
          received.get(name)!.filter((m) => m.event === 'connection' || m.event === 'log'),
          Object.values(contacts),
        ),
      }).toEqual({ name, leaked: [] });

    const { csv, xlsx } = await reports(Object.values(contacts));
    // The made connection is in the exports (by name), its contacts are not.
    expect(csv).toMatch(/Bat Xat Durian|Sầu riêng Bát Xát/);
    expect(xlsx).toMatch(/Bat Xat Durian|Sầu riêng Bát Xát/);

    for (const status of ['live', 'closed']) expect((await http().patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status })).status).toBe(200);
    for (const locale of ['vi', 'zh', 'en']) {
      const summary = await http().get(`/api/events/${setup.eventId}/report/public?locale=${locale}`);
      expect(summary.status).toBe(200);
      expect(summary.body.totals.connectionsMade).toBe(1);
      expect(leaked(summary.body, Object.values(contacts))).toEqual([]);
      expect(JSON.stringify(summary.body)).not.toMatch(/Bat Xat|Zhejiang Fruit|浙江果业|Dragon Fruit|Yunnan Import/);
    }
  });
});
