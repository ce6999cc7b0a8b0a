import { randomUUID } from 'node:crypto';
import { ConnectionExpiry } from '@tradebridge/connections';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

describe('connections: request, answer, idempotency, QR, recorded, expiry, contacts', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    t = await createTestApp({ MAX_PENDING_REQUESTS: '3', CONNECTION_TTL: '1h' });
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterAll(() => t.close());

  const request = (who: Account, body: Record<string, unknown>, key?: string) => {
    const req = t.http.post(`/api/events/${setup.eventId}/connections`).set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  const pairRows = async (a: string, b: string): Promise<number> => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM connections WHERE event_id = $1 AND pair_low = least($2::uuid, $3::uuid) AND pair_high = greatest($2::uuid, $3::uuid)`, [
      setup.eventId,
      a,
      b,
    ]);
    return n;
  };

  it('requests with a message, accepts, and then each side sees the other’s contact details', async () => {
    const buyer = await world.approved(organizer, setup, 'CN');
    const grower = await world.approved(organizer, setup, 'VN');
    // Before: no contact.
    expect((await t.http.get(`/api/enterprises/${grower.enterpriseId}`).set(buyer.account.auth)).body.contact).toBeUndefined();

    const res = await request(buyer.account, { fromRegistrationId: buyer.registration.id, toRegistrationId: grower.registration.id, message: '我们想采购榴莲' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'requested', channel: 'online', message: '我们想采购榴莲', respondedAt: null });
    expect(res.body.score).toBeGreaterThan(0); // durian need × durian offer
    // A requested connection does not open contacts yet.
    expect((await t.http.get(`/api/enterprises/${grower.enterpriseId}`).set(buyer.account.auth)).body.contact).toBeUndefined();

    // Only the receiving side answers.
    expect((await t.http.post(`/api/connections/${res.body.id}/accept`).set(buyer.account.auth)).status).toBe(403);
    const accepted = await t.http.post(`/api/connections/${res.body.id}/accept`).set(grower.account.auth);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await t.http.get(`/api/enterprises/${grower.enterpriseId}`).set(buyer.account.auth)).body.contact).toMatchObject({ email: 'export@batxat-agri.vn' });
    expect((await t.http.get(`/api/enterprises/${buyer.enterpriseId}`).set(grower.account.auth)).body.contact).toMatchObject({ email: 'trade@silkroad-textiles.cn' });
    // An outsider still does not.
    const outsider = await world.account('outsider');
    expect((await t.http.get(`/api/enterprises/${grower.enterpriseId}`).set(outsider.auth)).body.contact).toBeUndefined();

    const again = await t.http.post(`/api/connections/${res.body.id}/decline`).set(grower.account.auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONNECTION_NOT_PENDING');

    const log = (await t.http.get(`/api/events/${setup.eventId}/log`).set(organizer.auth)).body.items;
    const mine = log.filter((e: { data: { connection?: { id: string } } }) => e.data.connection?.id === res.body.id);
    expect(mine.map((e: { type: string }) => e.type)).toEqual(['connection.requested', 'connection.accepted']);
  });

  it('refuses a connection within one side (422 SAME_SIDE_CONNECTION), in the service and in the database', async () => {
    const a = await world.approved(organizer, setup, 'VN');
    const b = await world.approved(organizer, setup, 'VN');
    const res = await request(a.account, { fromRegistrationId: a.registration.id, toRegistrationId: b.registration.id });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SAME_SIDE_CONNECTION');
    await expect(
      t.db.query(
        `INSERT INTO connections (event_id, from_registration_id, from_side, to_registration_id, to_side, channel, created_by)
         VALUES ($1, $2, 'VN', $3, 'VN', 'online', $4)`,
        [setup.eventId, a.registration.id, b.registration.id, a.account.id],
      ),
    ).rejects.toThrow(/connections_different_sides_check/);
    // Lying about a side is caught by the composite foreign key.
    await expect(
      t.db.query(
        `INSERT INTO connections (event_id, from_registration_id, from_side, to_registration_id, to_side, channel, created_by)
         VALUES ($1, $2, 'CN', $3, 'VN', 'online', $4)`,
        [setup.eventId, a.registration.id, b.registration.id, a.account.id],
      ),
    ).rejects.toThrow(/connections_from_fkey/);
  });

  it('makes exactly one connection from 50 parallel requests for the same pair, from both directions', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? request(vn.account, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id })
          : request(cn.account, { fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(49);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.code}`))).toEqual(new Set(['409 CONNECTION_EXISTS']));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM connections WHERE event_id = $1 AND pair_low = least($2::uuid, $3::uuid) AND pair_high = greatest($2::uuid, $3::uuid)`, [
      setup.eventId,
      vn.registration.id,
      cn.registration.id,
    ]);
    expect(n).toBe(1);
  });

  it('replays the identical first response for the same Idempotency-Key and body, and refuses another body (422)', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const other = await world.approved(organizer, setup, 'CN');
    const key = randomUUID();
    const body = { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, message: 'Xin chào' };
    const [first, ...concurrent] = await Promise.all([request(vn.account, body, key), request(vn.account, body, key), request(vn.account, body, key)]);
    const created = [first, ...concurrent].filter((r) => !r.headers['idempotent-replayed']);
    expect(created).toHaveLength(1);
    for (const r of [first, ...concurrent]) {
      expect(r.status).toBe(201);
      expect(r.body).toEqual(created[0].body);
    }
    const later = await request(vn.account, body, key);
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.text).toBe(created[0].text);

    const reused = await request(vn.account, { ...body, toRegistrationId: other.registration.id }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are per user: another user's same key is independent.
    const own = await request(other.account, { fromRegistrationId: other.registration.id, toRegistrationId: vn.registration.id }, key);
    expect(own.status).toBe(201);
    expect((await request(vn.account, body, 'bad key with spaces')).status).toBe(400);
  });

  it('caps the requests a registration has waiting (429 TOO_MANY_PENDING_REQUESTS)', async () => {
    const spammer = await world.approved(organizer, setup, 'CN');
    const targets = await Promise.all(Array.from({ length: 4 }, () => world.approved(organizer, setup, 'VN')));
    const statuses = [];
    for (const target of targets) {
      statuses.push((await request(spammer.account, { fromRegistrationId: spammer.registration.id, toRegistrationId: target.registration.id })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('lets the requester withdraw; a declined pair cannot be requested again, a withdrawn one can', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const body = { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id };
    const first = (await request(vn.account, body)).body;
    expect((await t.http.post(`/api/connections/${first.id}/withdraw`).set(cn.account.auth)).status).toBe(403);
    expect((await t.http.post(`/api/connections/${first.id}/withdraw`).set(vn.account.auth)).body.status).toBe('withdrawn');
    const second = await request(vn.account, body);
    expect(second.status).toBe(201);
    expect((await t.http.post(`/api/connections/${second.body.id}/decline`).set(cn.account.auth)).body.status).toBe('declined');
    const third = await request(vn.account, body);
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('CONNECTION_DECLINED');
  });

  it('connects on site by badge QR when both are checked in at the same venue, accepted at once', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN', {}, setup.venues.laoCai);
    const scan = () =>
      t.http.post(`/api/events/${setup.eventId}/connections/scan`).set(vn.account.auth).send({ fromRegistrationId: vn.registration.id, badgeCode: cn.registration.badgeCode });
    await world.checkIn(organizer, setup.eventId, vn.registration.badgeCode);
    const early = await scan();
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('NOT_CHECKED_IN');
    await world.checkIn(organizer, setup.eventId, cn.registration.badgeCode);
    const ok = await scan();
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'accepted', channel: 'qr', fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id });
    const twice = await scan();
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CONNECTION_EXISTS');
  });

  it('refuses a badge scan between parties checked in at different venues (422 NOT_SAME_VENUE), writing nothing', async () => {
    const vn = await world.approved(organizer, setup, 'VN'); // Lào Cai
    const cn = await world.approved(organizer, setup, 'CN'); // Hangzhou
    await world.checkIn(organizer, setup.eventId, vn.registration.badgeCode);
    await world.checkIn(organizer, setup.eventId, cn.registration.badgeCode);
    const typed = await t.http
      .post(`/api/events/${setup.eventId}/connections/scan`)
      .set(vn.account.auth)
      .send({ fromRegistrationId: vn.registration.id, badgeCode: cn.registration.badgeCode });
    expect(typed.status).toBe(422);
    expect(typed.body.code).toBe('NOT_SAME_VENUE');
    expect(await pairRows(vn.registration.id, cn.registration.id)).toBe(0);
    expect((await t.http.get(`/api/enterprises/${cn.enterpriseId}`).set(vn.account.auth)).body.contact).toBeUndefined();
    // A remote pair connects with an ordinary request.
    expect((await request(vn.account, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id })).status).toBe(201);
  });

  /** Places a registration in the agriculture room (moderators record only connections made in their rooms). */
  const inRoom = async <T extends { registration: { id: string } }>(p: T): Promise<T> => {
    await t.http.patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    return p;
  };
  /** A moderator of the event who runs both its rooms (moderators record only in their rooms). */
  const roomsModerator = async () => {
    const moderator = await world.account('moderator');
    await t.http.post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
    await t.http
      .put(`/api/events/${setup.eventId}/staff/${moderator.id}/rooms`)
      .set(organizer.auth)
      .send({ roomIds: [setup.rooms.agriculture, setup.rooms.industry] })
      .expect(200);
    return moderator;
  };

  it('refuses to record a connection a party declined (409 CONNECTION_DECLINED) unless the declining party asked for it', async () => {
    const moderator = await roomsModerator();
    const vn = await inRoom(await world.approved(organizer, setup, 'VN'));
    const cn = await world.approved(organizer, setup, 'CN');
    const asked = (await request(vn.account, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id })).body;
    expect((await t.http.post(`/api/connections/${asked.id}/decline`).set(cn.account.auth)).body.status).toBe('declined');
    const contactsHidden = async () => {
      expect((await t.http.get(`/api/enterprises/${cn.enterpriseId}`).set(vn.account.auth)).body.contact).toBeUndefined();
      expect((await t.http.get(`/api/enterprises/${vn.enterpriseId}`).set(cn.account.auth)).body.contact).toBeUndefined();
    };
    const record = (extra: Record<string, unknown> = {}) =>
      request(moderator, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, channel: 'recorded', ...extra });

    const plain = await record();
    expect(plain.status).toBe(409);
    expect(plain.body.code).toBe('CONNECTION_DECLINED');
    // The party that was declined cannot lift the decline by asking staff.
    const byDeclined = await record({ requestedBy: vn.registration.id });
    expect(byDeclined.status).toBe(409);
    expect(byDeclined.body.code).toBe('CONNECTION_DECLINED');
    expect(await pairRows(vn.registration.id, cn.registration.id)).toBe(1);
    await contactsHidden();

    // `requestedBy` belongs to recorded connections and names one of the pair.
    const online = await request(vn.account, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, requestedBy: cn.registration.id });
    expect(online.status).toBe(400);
    expect(online.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['requestedBy']);
    const stranger = await world.approved(organizer, setup, 'CN');
    const third = await record({ requestedBy: stranger.registration.id });
    expect(third.status).toBe(400);
    expect(third.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['requestedBy']);
    await contactsHidden();

    // The declining enterprise itself asked staff: recorded, logged with who asked.
    const consented = await record({ requestedBy: cn.registration.id });
    expect(consented.status).toBe(201);
    expect(consented.body).toMatchObject({ status: 'accepted', channel: 'recorded' });
    expect((await t.http.get(`/api/enterprises/${cn.enterpriseId}`).set(vn.account.auth)).body.contact).toMatchObject({ email: 'trade@silkroad-textiles.cn' });
    const logged = await t.db.query(`SELECT type, data->>'requestedBy' AS "requestedBy" FROM event_log WHERE event_id = $1 AND data->'connection'->>'id' = $2`, [
      setup.eventId,
      consented.body.id,
    ]);
    expect(logged).toEqual([{ type: 'connection.accepted', requestedBy: cn.registration.id }]);
  });

  it('lets no staff record slip past a decline made at the same moment', async () => {
    const moderator = await roomsModerator();
    for (let i = 0; i < 6; i++) {
      const vn = await inRoom(await world.approved(organizer, setup, 'VN'));
      const cn = await world.approved(organizer, setup, 'CN');
      const asked = (await request(vn.account, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id })).body;
      const [declined, recorded] = await Promise.all([
        t.http.post(`/api/connections/${asked.id}/decline`).set(cn.account.auth),
        request(moderator, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, channel: 'recorded' }),
      ]);
      expect(declined.status).toBe(200);
      expect(recorded.status).toBe(409);
      expect(['CONNECTION_EXISTS', 'CONNECTION_DECLINED']).toContain(recorded.body.code);
      expect(await pairRows(vn.registration.id, cn.registration.id)).toBe(1);
    }
  });

  it('takes an outcome amount as a JSON number or a decimal string, and names value.amount when it is neither', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const made = (await request(organizer, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, channel: 'recorded' })).body;
    const url = `/api/connections/${made.id}/outcomes`;
    const record = (amount: unknown) =>
      t.http
        .post(url)
        .set(vn.account.auth)
        .send({ kind: 'order_placed', value: { amount, currency: 'VND' } });

    const asNumber = await record(250000);
    expect(asNumber.status).toBe(201);
    expect(asNumber.body.value).toEqual({ amount: '250000.00', currency: 'VND' });
    expect((await record(1500000.5)).body.value).toEqual({ amount: '1500000.50', currency: 'VND' });
    expect((await record('1500000000')).body.value).toEqual({ amount: '1500000000.00', currency: 'VND' });
    // The largest the column holds, as a string (beyond what a JSON number carries exactly).
    expect((await record('9999999999999999.99')).body.value).toEqual({ amount: '9999999999999999.99', currency: 'VND' });

    for (const bad of ['abc', '1.500.000', '12,5', '-5', -5, '1e5', 0.123, 1e300, Number('12345678901234567'), '12345678901234567', true, {}, '']) {
      const res = await record(bad);
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['value.amount']);
    }
    const listed = (await t.http.get(url).set(vn.account.auth)).body;
    expect(listed.total).toBe(4);
  });

  it('lets a moderator record a connection made off-line; members cannot', async () => {
    const moderator = await roomsModerator();
    const vn = await inRoom(await world.approved(organizer, setup, 'VN'));
    const cn = await world.approved(organizer, setup, 'CN');
    const body = { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, channel: 'recorded' };
    expect((await request(vn.account, body)).status).toBe(403);
    const recorded = await request(moderator, body);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ status: 'accepted', channel: 'recorded', expiresAt: null });
    const staffList = await t.http.get(`/api/events/${setup.eventId}/connections?channel=recorded`).set(moderator.auth);
    expect(staffList.body.items.map((c: { id: string }) => c.id)).toContain(recorded.body.id);
    // A member sees only its own enterprise's connections.
    const mine = await t.http.get(`/api/events/${setup.eventId}/connections?limit=200`).set(vn.account.auth);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([recorded.body.id]);
  });

  it('expires unanswered requests: answering late is refused, and the sweeper logs the expiry', async () => {
    const shortLived = await createTestApp({ CONNECTION_TTL: '1' });
    try {
      const w = new World(shortLived);
      const org = await w.organizer();
      const s = await w.openEvent(org);
      const vn = await w.approved(org, s, 'VN');
      const cn = await w.approved(org, s, 'CN');
      const cn2 = await w.approved(org, s, 'CN');
      const ask = (to: string) => shortLived.http.post(`/api/events/${s.eventId}/connections`).set(vn.account.auth).send({ fromRegistrationId: vn.registration.id, toRegistrationId: to });
      const late = (await ask(cn.registration.id)).body;
      const swept = (await ask(cn2.registration.id)).body;
      await new Promise((r) => setTimeout(r, 1_200));

      const refused = await shortLived.http.post(`/api/connections/${late.id}/accept`).set(cn.account.auth);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONNECTION_EXPIRED');
      expect((await shortLived.http.get(`/api/connections/${late.id}`).set(vn.account.auth)).body.status).toBe('expired');

      await shortLived.app.get(ConnectionExpiry).sweep();
      expect((await shortLived.http.get(`/api/connections/${swept.id}`).set(vn.account.auth)).body.status).toBe('expired');
      const types = (await shortLived.http.get(`/api/events/${s.eventId}/log`).set(org.auth)).body.items.map((e: { type: string }) => e.type);
      expect(types.filter((x: string) => x === 'connection.expired')).toHaveLength(2);
      // An expired pair may be requested again.
      expect((await ask(cn.registration.id)).status).toBe(201);
    } finally {
      await shortLived.close();
    }
  });

  it('hides a connection from outsiders (404) and validates ids', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const c = (await request(vn.account, { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id })).body;
    const outsider = await world.account('outsider');
    expect((await t.http.get(`/api/connections/${c.id}`).set(outsider.auth)).status).toBe(404);
    expect((await t.http.get(`/api/connections/${c.id}`).set(organizer.auth)).status).toBe(200);
    const bad = await request(vn.account, { fromRegistrationId: 'me', toRegistrationId: cn.registration.id, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'fromRegistrationId']);
  });
  it('a closed event refuses every connection write through the one gate (409 EVENT_CLOSED, the same answer as events), writing nothing', async () => {
    const closing = await world.openEvent(organizer);
    const vn = await world.approved(organizer, closing, 'VN');
    const cn = await world.approved(organizer, closing, 'CN');
    const other = await world.approved(organizer, closing, 'CN');
    const pending = await t.http
      .post(`/api/events/${closing.eventId}/connections`)
      .set(cn.account.auth)
      .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id })
      .expect(201);
    const toWithdraw = await t.http
      .post(`/api/events/${closing.eventId}/connections`)
      .set(other.account.auth)
      .send({ fromRegistrationId: other.registration.id, toRegistrationId: vn.registration.id })
      .expect(201);
    await t.http.patch(`/api/events/${closing.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    await world.checkIn(organizer, closing.eventId, vn.registration.badgeCode);
    await world.checkIn(organizer, closing.eventId, cn.registration.badgeCode);
    await t.http.patch(`/api/events/${closing.eventId}`).set(organizer.auth).send({ status: 'closed' }).expect(200);
    const before = await t.db.query(`SELECT id, status FROM connections WHERE event_id = $1 ORDER BY id`, [closing.eventId]);

    const refused = [
      await t.http.post(`/api/events/${closing.eventId}/connections`).set(vn.account.auth).send({ fromRegistrationId: vn.registration.id, toRegistrationId: other.registration.id }),
      await t.http
        .post(`/api/events/${closing.eventId}/connections`)
        .set(organizer.auth)
        .send({ fromRegistrationId: vn.registration.id, toRegistrationId: other.registration.id, channel: 'recorded' }),
      await t.http.post(`/api/connections/${pending.body.id}/accept`).set(vn.account.auth),
      await t.http.post(`/api/connections/${pending.body.id}/decline`).set(vn.account.auth),
      await t.http.post(`/api/connections/${toWithdraw.body.id}/withdraw`).set(other.account.auth),
      await t.http.post(`/api/events/${closing.eventId}/connections/scan`).set(vn.account.auth).send({ fromRegistrationId: vn.registration.id, badgeCode: cn.registration.badgeCode }),
    ];
    const edit = await t.http
      .patch(`/api/events/${closing.eventId}`)
      .set(organizer.auth)
      .send({ name: { en: 'Renamed' } });
    for (const res of [...refused, edit]) {
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({ status: 409, code: 'EVENT_CLOSED', message: edit.body.message });
    }
    expect(await t.db.query(`SELECT id, status FROM connections WHERE event_id = $1 ORDER BY id`, [closing.eventId])).toEqual(before);
  });
});
