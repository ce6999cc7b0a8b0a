import { RecommendationsRepository, ProfilesRepository } from '@tradebridge/matchmaking';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

describe('matchmaking: recommendations, meetings, outcomes', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  const acceptedPair = (setup: ConferenceSetup, venues: { vn?: string; cn?: string } = {}) => world.acceptedPair(organizer, setup, venues);

  it('runs the whole flow: register → recommend → request → accept → schedule → held → MOU', async () => {
    const setup = await world.openEvent(organizer);
    const grower = await world.approved(organizer, setup, 'VN'); // offers durian 081060, growing-area code, OCOP 4
    const buyer = await world.approved(organizer, setup, 'CN'); // needs durian 081060
    const rec = await t.http.get(`/api/events/${setup.eventId}/recommendations?registrationId=${buyer.registration.id}&locale=en`).set(buyer.account.auth);
    expect(rec.status).toBe(200);
    const top = rec.body.items[0];
    expect(top.registrationId).toBe(grower.registration.id);
    expect(top.reasons[0]).toMatch(/^offers HS 081060 \(.*[Dd]urian.*\), which you need$/);
    expect(top.reasons).toContain('holds a growing-area code you require');

    const requested = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: top.registrationId, message: '想采购榴莲' });
    expect(requested.status).toBe(201);
    expect(requested.body.score).toBe(top.score);
    expect((await t.http.post(`/api/connections/${requested.body.id}/accept`).set(grower.account.auth)).body.status).toBe('accepted');

    const run = await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ scheduled: 1, unscheduled: 0, upperBound: 1, ratio: 1, applied: true });
    const meetings = await t.http.get(`/api/events/${setup.eventId}/meetings`).set(grower.account.auth);
    expect(meetings.body.total).toBe(1);
    const meeting = meetings.body.items[0];
    // Lào Cai ↔ Hangzhou: different venues, so an online meeting with a link.
    expect(meeting).toMatchObject({ connectionId: requested.body.id, mode: 'online', table: null, status: 'scheduled' });
    expect(meeting.link).toMatch(/\/meet\//);

    // Each party records its own attendance; the meeting is held once both have.
    const buyerCame = await t.http.patch(`/api/meetings/${meeting.id}`).set(buyer.account.auth).send({ status: 'held' });
    expect(buyerCame.body).toMatchObject({ status: 'scheduled', attendance: ['attended', null] });
    const held = await t.http.patch(`/api/meetings/${meeting.id}`).set(grower.account.auth).send({ attendance: 'attended' });
    expect(held.body).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    const mou = await t.http
      .post(`/api/connections/${requested.body.id}/outcomes`)
      .set(grower.account.auth)
      .send({ kind: 'mou_signed', value: { amount: '1250000.00', currency: 'usd' }, note: 'MOU 500 tấn sầu riêng / 500 t durian' });
    expect(mou.status).toBe(201);
    expect(mou.body).toMatchObject({ kind: 'mou_signed', value: { amount: '1250000.00', currency: 'USD' }, current: true });

    const types = (await t.http.get(`/api/events/${setup.eventId}/log`).set(organizer.auth)).body.items.map((e: { type: string }) => e.type);
    expect(types.slice(-6)).toEqual(['connection.requested', 'connection.accepted', 'meetings.scheduled', 'meeting.updated', 'meeting.updated', 'outcome.recorded']);
  });

  it('explains recommendations in Vietnamese, Chinese and English, naming the goods', async () => {
    const setup = await world.openEvent(organizer);
    const grower = await world.approved(organizer, setup, 'VN');
    const buyer = await world.approved(organizer, setup, 'CN');
    const reasons = async (locale: string) =>
      (await t.http.get(`/api/events/${setup.eventId}/recommendations?registrationId=${buyer.registration.id}&locale=${locale}`).set(buyer.account.auth)).body.items[0].reasons as string[];
    const [vi, zh, en] = [await reasons('vi'), await reasons('zh'), await reasons('en')];
    expect(vi[0]).toMatch(/^chào bán HS 081060 \(.*sầu riêng.*\), mặt hàng bạn cần$/i);
    expect(zh[0]).toMatch(/^供应 HS 081060（.*榴莲.*），正是您所需要的$/);
    expect(en[0]).toMatch(/durian/i);
    expect(vi).toContain('có mã số vùng trồng mà bạn yêu cầu');
    expect(zh).toContain('持有您要求的种植区编码');
    expect(vi.length).toBe(en.length);
    expect(zh.length).toBe(en.length);
    void grower;
  });

  it('claims a shared language only when both declared it or wrote their names in it', async () => {
    const setup = await world.openEvent(organizer);
    await world.approved(organizer, setup, 'VN', { name: { vi: 'Hợp tác xã Sầu riêng Bảo Thắng' } });
    const buyer = await world.approved(organizer, setup, 'CN', { name: { zh: '杭州果业贸易有限公司' } });
    const res = await t.http.get(`/api/events/${setup.eventId}/recommendations?registrationId=${buyer.registration.id}&locale=en`).set(buyer.account.auth);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) expect(item.reasons.join('\n')).not.toMatch(/you both work in/);
  });

  it('recommends only the other side, excludes existing and declined pairs, and ranks in SQL exactly as the pure score', async () => {
    const setup = await world.openEvent(organizer);
    const buyer = await world.approved(organizer, setup, 'CN');
    const sameSide = await world.approved(organizer, setup, 'CN');
    const growers = [];
    for (let i = 0; i < 6; i++) {
      // Varied profiles so scores differ: 6-digit, 4-digit and 2-digit matches, some without certificates.
      const offers = [[{ hsCode: '081060', description: 'durian' }], [{ hsCode: '0810', description: 'fruit' }], [{ hsCode: '08', description: 'fruit, nuts' }]][i % 3];
      growers.push(await world.approved(organizer, setup, 'VN', { offers, certifications: i < 3 ? [{ kind: 'growing_area_code', code: `GA-${i}` }] : [] }));
    }
    const url = `/api/events/${setup.eventId}/recommendations?registrationId=${buyer.registration.id}&limit=50`;
    const all = (await t.http.get(url).set(buyer.account.auth)).body;
    const ids = all.items.map((r: { registrationId: string }) => r.registrationId);
    expect(ids).not.toContain(sameSide.registration.id);
    expect(ids).not.toContain(buyer.registration.id);
    for (const g of growers) expect(ids).toContain(g.registration.id);
    const scores = all.items.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // The SQL ranking agrees with the pure function on every candidate.
    const viewer = (await t.app.get(ProfilesRepository).load(setup.eventId, [buyer.registration.id])).get(buyer.registration.id)!;
    const ranked = await t.app.get(RecommendationsRepository).rank(setup.eventId, viewer, 50, 0);
    expect(ranked.items.map((r) => [r.id, r.score])).toEqual(all.items.map((r: { registrationId: string; score: number }) => [r.registrationId, r.score]));
    expect(ranked.total).toBe(all.total);

    // Requested and declined pairs leave the list.
    const [first, second] = growers;
    const asked = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: first.registration.id });
    const other = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(second.account.auth)
      .send({ fromRegistrationId: second.registration.id, toRegistrationId: buyer.registration.id });
    await t.http.post(`/api/connections/${other.body.id}/decline`).set(buyer.account.auth).expect(200);
    const after = (await t.http.get(url).set(buyer.account.auth)).body;
    const afterIds = after.items.map((r: { registrationId: string }) => r.registrationId);
    expect(afterIds).not.toContain(first.registration.id);
    expect(afterIds).not.toContain(second.registration.id);
    expect(after.total).toBe(all.total - 2);
    void asked;

    // Paging.
    const page = (await t.http.get(`${url.replace('limit=50', 'limit=2')}&offset=1`).set(buyer.account.auth)).body;
    expect(page.items.map((r: { registrationId: string }) => r.registrationId)).toEqual(afterIds.slice(1, 3));
    const past = (await t.http.get(`${url.replace('limit=50', 'limit=2')}&offset=1000`).set(buyer.account.auth)).body;
    expect(past).toEqual({ items: [], total: after.total });
  });

  it('ranks in SQL exactly as the pure score on randomized profiles (HS levels, certificates, OCOP, rooms, venues, languages)', async () => {
    const setup = await world.openEvent(organizer);
    let state = 20261122;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pickFrom = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const codes = [
      '08',
      '0810',
      '081060',
      '081090',
      '0804',
      '080450',
      '07',
      '0714',
      '071420',
      '03',
      '0306',
      '030617',
      '40',
      '4001',
      '400122',
      '52',
      '5407',
      '540752',
      '84',
      '8447',
      '6907',
      '690721',
      '16',
      '1604',
    ];
    const lines = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({ hsCode: pickFrom(codes), description: 'x' }));
    const certs = () =>
      [
        random() < 0.4 ? { kind: 'growing_area_code', code: 'GA' } : null,
        random() < 0.3 ? { kind: 'packing_facility_code', code: 'PF' } : null,
        random() < 0.3 ? { kind: 'gacc_registration', code: 'GACC' } : null,
        random() < 0.4 ? { kind: 'ocop', stars: 3 + Math.floor(random() * 3) } : null,
      ].filter(Boolean);
    const profile = () => ({ offers: lines(), needs: lines(), certifications: certs(), languages: pickFrom([['vi'], ['zh'], ['en'], ['vi', 'en'], ['zh', 'en']]) });
    const venues = [setup.venues.laoCai, setup.venues.hangzhou, setup.venues.online];
    const people = [];
    for (let i = 0; i < 24; i++) {
      const country = i % 2 === 0 ? 'VN' : 'CN';
      const p = await world.approved(organizer, setup, country, profile(), pickFrom(venues));
      const room = pickFrom([setup.rooms.agriculture, setup.rooms.industry, null]);
      if (room) await t.http.patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: room }).expect(200);
      people.push(p);
    }
    const profiles = t.app.get(ProfilesRepository);
    const repo = t.app.get(RecommendationsRepository);
    const { scoreMatch } = await import('@tradebridge/matchmaking');
    const context = { locale: 'en' as const, hsName: () => undefined, venueCity: () => '' };
    for (const viewer of people.slice(0, 8)) {
      const loaded = await profiles.load(
        setup.eventId,
        people.map((p) => p.registration.id),
      );
      const me = loaded.get(viewer.registration.id)!;
      const expected = [...loaded.values()]
        .filter((c) => c.side !== me.side)
        .map((c) => ({ id: c.registrationId, score: scoreMatch(me, c, context).score }))
        .filter((c) => c.score > 0)
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      const ranked = await repo.rank(setup.eventId, me, 100, 0);
      expect(ranked.items).toEqual(expected);
      expect(ranked.total).toBe(expected.length);
    }
  });

  it("refuses recommendations for someone else's or an unapproved registration", async () => {
    const setup = await world.openEvent(organizer);
    const a = await world.approved(organizer, setup, 'VN');
    const stranger = await world.account('stranger');
    const r = await t.http.get(`/api/events/${setup.eventId}/recommendations?registrationId=${a.registration.id}`).set(stranger.auth);
    expect(r.status).toBe(404);
    expect(r.body.details.fields[0].field).toBe('registrationId');
    const pending = await world.member('CN');
    const reg = (await world.register(pending.account, setup.eventId, pending.enterpriseId, setup.venues.hangzhou)).body;
    const p = await t.http.get(`/api/events/${setup.eventId}/recommendations?registrationId=${reg.id}`).set(pending.account.auth);
    expect(p.status).toBe(422);
    expect(p.body.code).toBe('NOT_APPROVED');
    expect((await t.http.get(`/api/events/${setup.eventId}/recommendations`).set(a.account.auth)).status).toBe(400);
  });

  it('books exactly one of 50 parallel bookings of one slot for one enterprise (409 SLOT_TAKEN for the rest)', async () => {
    const setup = await world.openEvent(organizer);
    const host = await world.approved(organizer, setup, 'VN');
    const partners = await Promise.all(Array.from({ length: 50 }, () => world.approved(organizer, setup, 'CN')));
    const connections = await Promise.all(
      partners.map((p) =>
        t.http
          .post(`/api/events/${setup.eventId}/connections`)
          .set(organizer.auth)
          .send({ fromRegistrationId: host.registration.id, toRegistrationId: p.registration.id, channel: 'recorded' }),
      ),
    );
    expect(connections.every((c) => c.status === 201)).toBe(true);
    const results = await Promise.all(
      connections.map((c) => t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: c.body.id, startsAt: '2021-01-19T02:00:00Z' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.code}`))).toEqual(new Set(['409 SLOT_TAKEN']));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.registration_id = $1 AND p.active`, [
      host.registration.id,
    ]);
    expect(n).toBe(1);
  });

  it('gives pairs on site at one venue a table, shows times in each party’s venue zone, and never moves booked meetings', async () => {
    const setup = await world.openEvent(organizer);
    // Both at Lào Cai → a table; Lào Cai ↔ Hangzhou → online.
    const together = await acceptedPair(setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const apart = await acceptedPair(setup);
    const first = await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({ dryRun: true });
    expect(first.body).toMatchObject({ scheduled: 2, applied: false });
    expect((await t.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth)).body.total).toBe(0);

    await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200);
    const list = (await t.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth)).body.items;
    const onsite = list.find((m: { connectionId: string }) => m.connectionId === together.connectionId);
    const online = list.find((m: { connectionId: string }) => m.connectionId === apart.connectionId);
    expect(onsite).toMatchObject({ mode: 'onsite', venueId: setup.venues.laoCai, link: null });
    expect(onsite.table).toBeGreaterThanOrEqual(1);
    expect(online).toMatchObject({ mode: 'online', venueId: null, table: null });

    // The Chinese party at Hangzhou sees UTC+8 and its partner's UTC+7.
    const asCn = (await t.http.get(`/api/events/${setup.eventId}/meetings`).set(apart.cn.account.auth)).body.items[0];
    const hour = (iso: string) => Number(iso.slice(11, 13));
    expect(asCn.local.timezone).toBe('Asia/Shanghai');
    expect(asCn.local.startsAt).toMatch(/\+08:00$/);
    expect(asCn.partnerLocal.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(asCn.partnerLocal.startsAt).toMatch(/\+07:00$/);
    expect((hour(asCn.local.startsAt) - hour(asCn.partnerLocal.startsAt) + 24) % 24).toBe(1);

    // A re-run books only new pairs; published meetings stay put.
    const later = await acceptedPair(setup);
    const rerun = await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({});
    expect(rerun.body).toMatchObject({ scheduled: 1, upperBound: 1 });
    const again = (await t.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth)).body.items;
    expect(again.find((m: { id: string }) => m.id === onsite.id)).toEqual(onsite);
    expect(again.find((m: { connectionId: string }) => m.connectionId === later.connectionId)).toBeDefined();
  });

  it('enforces no double booking in the database for every path, and frees the slot on cancel', async () => {
    const setup = await world.openEvent(organizer);
    const a = await acceptedPair(setup);
    const book = (connectionId: string, startsAt: string) => t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt });
    const m = await book(a.connectionId, '2021-01-19T03:00:00Z');
    expect(m.status).toBe(201);
    // A second connection of the same VN party at an overlapping time.
    const cn2 = await world.approved(organizer, setup, 'CN');
    const c2 = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(organizer.auth)
      .send({ fromRegistrationId: a.vn.registration.id, toRegistrationId: cn2.registration.id, channel: 'recorded' });
    const clash = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: c2.body.id, startsAt: '2021-01-19T03:15:00Z' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('SLOT_TAKEN');

    // Straight to the database: the exclusion constraint itself refuses it.
    await expect(
      t.db.query(
        `INSERT INTO meetings (event_id, connection_id, period, mode, link, source, created_by)
         VALUES ($1, $2, tstzrange('2021-01-19T03:10:00Z', '2021-01-19T03:40:00Z'), 'online', 'x', 'manual', $3)`,
        [setup.eventId, c2.body.id, organizer.id],
      ),
    ).rejects.toThrow(/meeting_participants_no_overlap/);

    // Cancelling frees the time; a member of a party may cancel.
    expect((await t.http.patch(`/api/meetings/${m.body.id}`).set(a.cn.account.auth).send({ status: 'cancelled' })).body.status).toBe('cancelled');
    const reopen = await t.http.patch(`/api/meetings/${m.body.id}`).set(a.cn.account.auth).send({ status: 'held' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: c2.body.id, startsAt: '2021-01-19T03:15:00Z' })).status).toBe(201);
    // Outside the event, or not accepted.
    const outside = await book(a.connectionId, '2021-01-20T03:00:00Z');
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('OUTSIDE_EVENT');
    const outsider = await world.account('outsider');
    expect((await t.http.patch(`/api/meetings/${m.body.id}`).set(outsider.auth).send({ status: 'held' })).status).toBe(404);
  });

  it('respects availability windows when scheduling', async () => {
    const setup = await world.openEvent(organizer);
    const pair = await acceptedPair(setup);
    const window = { startsAt: '2021-01-19T06:00:00.000Z', endsAt: '2021-01-19T07:00:00.000Z' };
    const put = await t.http
      .put(`/api/events/${setup.eventId}/registrations/${pair.vn.registration.id}/availability`)
      .set(pair.vn.account.auth)
      .send({ windows: [window] });
    expect(put.status).toBe(200);
    expect(put.body.items).toEqual([window]);
    const overlap = await t.http
      .put(`/api/events/${setup.eventId}/registrations/${pair.vn.registration.id}/availability`)
      .set(pair.vn.account.auth)
      .send({ windows: [window, { startsAt: '2021-01-19T06:30:00Z', endsAt: '2021-01-19T08:00:00Z' }] });
    expect(overlap.status).toBe(400);
    expect((await t.http.put(`/api/events/${setup.eventId}/registrations/${pair.vn.registration.id}/availability`).set(pair.cn.account.auth).send({ windows: [] })).status).toBe(404);

    await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200);
    const meeting = (await t.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth)).body.items[0];
    expect(Date.parse(meeting.startsAt)).toBeGreaterThanOrEqual(Date.parse(window.startsAt));
    expect(Date.parse(meeting.endsAt)).toBeLessThanOrEqual(Date.parse(window.endsAt));
  });

  it('keeps corrected outcomes as history, and refuses outcomes on open requests, bad currencies and after the follow-up period', async () => {
    const setup = await world.openEvent(organizer);
    const pair = await acceptedPair(setup);
    const url = `/api/connections/${pair.connectionId}/outcomes`;
    const first = (
      await t.http
        .post(url)
        .set(pair.vn.account.auth)
        .send({ kind: 'contract_signed', value: { amount: '90000', currency: 'CNY' } })
    ).body;
    const fixed = await t.http
      .post(url)
      .set(organizer.auth)
      .send({ kind: 'contract_signed', value: { amount: '95000.50', currency: 'CNY' }, correctsOutcomeId: first.id });
    expect(fixed.status).toBe(201);
    expect(fixed.body.supersedesId).toBe(first.id);
    const twice = await t.http.post(url).set(pair.cn.account.auth).send({ kind: 'follow_up', correctsOutcomeId: first.id });
    expect(twice.status).toBe(409);
    const history = (await t.http.get(url).set(pair.cn.account.auth)).body;
    expect(history.items.map((o: { id: string; current: boolean }) => [o.id, o.current])).toEqual([
      [first.id, false],
      [fixed.body.id, true],
    ]);

    const badCurrency = await t.http
      .post(url)
      .set(pair.vn.account.auth)
      .send({ kind: 'order_placed', value: { amount: '10', currency: 'XYZ' } });
    expect(badCurrency.status).toBe(400);
    expect(badCurrency.body).toMatchObject({ code: 'UNKNOWN_CURRENCY', details: { fields: [{ field: 'value.currency' }] } });
    const negative = await t.http
      .post(url)
      .set(pair.vn.account.auth)
      .send({ kind: 'order_placed', value: { amount: '-5', currency: 'USD' } });
    expect(negative.status).toBe(400);

    const vn = await world.approved(organizer, setup, 'VN');
    const open = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(vn.account.auth)
      .send({ fromRegistrationId: vn.registration.id, toRegistrationId: pair.cn.registration.id });
    const notAccepted = await t.http.post(`/api/connections/${open.body.id}/outcomes`).set(vn.account.auth).send({ kind: 'follow_up' });
    expect(notAccepted.status).toBe(422);
    expect(notAccepted.body.code).toBe('NOT_ACCEPTED');
    const outsider = await world.account('outsider');
    expect((await t.http.post(url).set(outsider.auth).send({ kind: 'follow_up' })).status).toBe(404);

    // Closed events accept outcomes for the follow-up period, then no more.
    for (const status of ['live', 'closed']) await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status }).expect(200);
    expect((await t.http.post(url).set(pair.vn.account.auth).send({ kind: 'follow_up', note: 'Gọi lại sau Tết' })).status).toBe(201);
    await t.db.query(`UPDATE events SET closed_at = now() - interval '181 days' WHERE id = $1`, [setup.eventId]);
    const late = await t.http.post(url).set(pair.vn.account.auth).send({ kind: 'follow_up' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('FOLLOW_UP_CLOSED');
  });
});
