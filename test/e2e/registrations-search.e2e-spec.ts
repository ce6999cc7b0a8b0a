import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * The staff registrations list at scale: search by name (vi/zh/en, diacritics
 * optional) or badge code, filters, pagination totals, and 400s naming the field.
 */
describe('registrations: server-side search, filters and pages', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  let batXat: { id: string; badgeCode: string };
  let dongDang: { id: string; badgeCode: string };
  let silk: { id: string; badgeCode: string };
  let kunming: { id: string };
  let pendingVn: { id: string };

  const list = (query: Record<string, string | number>) => t.http.get(`/api/events/${setup.eventId}/registrations`).query(query).set(organizer.auth);
  const ids = async (query: Record<string, string | number>) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return (res.body.items as { id: string }[]).map((r) => r.id).sort();
  };
  const sorted = (...rs: { id: string }[]) => rs.map((r) => r.id).sort();

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
    batXat = (await world.approved(organizer, setup, 'VN', { name: { vi: 'Hợp tác xã Nông sản Bát Xát', en: 'Bat Xat Farm Cooperative' } })).registration;
    dongDang = (await world.approved(organizer, setup, 'VN', { name: { vi: 'Công ty Đồng Đăng Thép', en: 'Dong Dang Steel' } }, setup.venues.online)).registration;
    silk = (await world.approved(organizer, setup, 'CN', { name: { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles' } })).registration;
    kunming = (await world.approved(organizer, setup, 'CN', { name: { zh: '昆明陶瓷砖厂', en: 'Kunming Ceramic Tiles' } })).registration;
    const pending = await world.member('VN', { name: { vi: 'Sầu riêng Bát Xát', en: 'Bat Xat Durian' } });
    pendingVn = (await world.register(pending.account, setup.eventId, pending.enterpriseId, setup.venues.laoCai)).body;
    await t.http.patch(`/api/events/${setup.eventId}/registrations/${batXat.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    await world.checkIn(organizer, setup.eventId, silk.badgeCode);
  });
  afterAll(() => t.close());

  it('finds a Vietnamese name with and without diacritics, any case, words in any order', async () => {
    expect(await ids({ q: 'Bát Xát' })).toEqual(sorted(batXat, pendingVn));
    expect(await ids({ q: 'bat xat' })).toEqual(sorted(batXat, pendingVn));
    expect(await ids({ q: 'XAT bat' })).toEqual(sorted(batXat, pendingVn));
    expect(await ids({ q: 'hop tac xa' })).toEqual(sorted(batXat));
    // đ folds to d, typed either way.
    expect(await ids({ q: 'dong dang' })).toEqual(sorted(dongDang));
    expect(await ids({ q: 'Đồng Đăng' })).toEqual(sorted(dongDang));
    expect(await ids({ q: 'nobody like this' })).toEqual([]);
  });

  it('finds a Chinese name and an English one', async () => {
    expect(await ids({ q: '丝路' })).toEqual(sorted(silk));
    expect(await ids({ q: '陶瓷' })).toEqual(sorted(kunming));
    expect(await ids({ q: 'ceramic' })).toEqual(sorted(kunming));
  });

  it('finds a registration by its badge code, however it is typed', async () => {
    expect(await ids({ q: silk.badgeCode })).toEqual(sorted(silk));
    expect(await ids({ q: silk.badgeCode.replace(/-/g, '').toLowerCase() })).toEqual(sorted(silk));
    const res = await list({ q: silk.badgeCode });
    expect(res.body.items[0]).toMatchObject({ badgeCode: silk.badgeCode, side: 'CN', enterprise: { name: { zh: '浙江丝路纺织有限公司' } } });
    expect(res.body.items[0].checkedInAt).not.toBeNull();
  });

  it('treats LIKE wildcards typed in the box literally', async () => {
    expect(await ids({ q: '%' })).toEqual([]);
    expect(await ids({ q: '_' })).toEqual([]);
  });

  it('filters by status, side, venue, room, attendance and checked in', async () => {
    expect(await ids({ status: 'pending' })).toEqual(sorted(pendingVn));
    expect(await ids({ side: 'cn' })).toEqual(sorted(silk, kunming));
    expect(await ids({ venueId: setup.venues.online })).toEqual(sorted(dongDang));
    expect(await ids({ roomId: setup.rooms.agriculture })).toEqual(sorted(batXat));
    expect(await ids({ attendance: 'online' })).toEqual(sorted(dongDang));
    expect(await ids({ attendance: 'onsite' })).toEqual(sorted(batXat, silk, kunming, pendingVn));
    expect(await ids({ checkedIn: 'true' })).toEqual(sorted(silk));
    expect(await ids({ checkedIn: 'false' })).toEqual(sorted(batXat, dongDang, kunming, pendingVn));
  });

  it('combines the search with filters', async () => {
    expect(await ids({ q: 'bat xat', status: 'approved' })).toEqual(sorted(batXat));
    expect(await ids({ q: 'bat xat', status: 'approved', roomId: setup.rooms.agriculture, side: 'VN', attendance: 'onsite', checkedIn: 'false' })).toEqual(sorted(batXat));
    expect(await ids({ q: 'bat xat', side: 'CN' })).toEqual([]);
    expect(await ids({ side: 'CN', checkedIn: 'false', venueId: setup.venues.hangzhou })).toEqual(sorted(kunming));
    expect(await ids({ q: 'textiles', checkedIn: 'false' })).toEqual([]);
  });

  it('pages with a total that counts every match, not only the page', async () => {
    const first = await list({ limit: 2, offset: 0 });
    const second = await list({ limit: 2, offset: 2 });
    const third = await list({ limit: 2, offset: 4 });
    expect([first.body.total, second.body.total, third.body.total]).toEqual([5, 5, 5]);
    expect([first.body.items.length, second.body.items.length, third.body.items.length]).toEqual([2, 2, 1]);
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map((r: { id: string }) => r.id);
    expect(new Set(all).size).toBe(5);
    const filtered = await list({ side: 'VN', limit: 1, offset: 1 });
    expect(filtered.body).toMatchObject({ total: 3 });
    expect(filtered.body.items).toHaveLength(1);
  });

  it.each([
    ['status', 'maybe'],
    ['side', 'Vietnam'],
    ['venueId', 'lao-cai'],
    ['roomId', '42'],
    ['attendance', 'hybrid'],
    ['checkedIn', 'yes'],
    ['q', 'x'.repeat(101)],
    ['limit', '0'],
    ['offset', '-1'],
  ])('answers 400 naming the field for a bad %s', async (field, value) => {
    const res = await list({ [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('keeps an enterprise member to its own registrations, search or not', async () => {
    const member = await world.member('VN', { name: { vi: 'Thanh long Bát Xát' } });
    const own = (await world.register(member.account, setup.eventId, member.enterpriseId, setup.venues.laoCai)).body;
    const res = await t.http.get(`/api/events/${setup.eventId}/registrations`).query({ q: 'bat xat' }).set(member.account.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, items: [{ id: own.id }] });
  });

  it('uses the indexes: the folded names by trigram, a page by the event order', async () => {
    // Planner choices depend on sizes, so force index use where it is possible and check it is.
    const plan = async (sql: string, params: unknown[]) => {
      const runner = t.db.createQueryRunner();
      try {
        // And sorting: on a small table an index in another order plus a sort can cost less.
        await runner.query('SET enable_seqscan = off');
        await runner.query('SET enable_sort = off');
        const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await runner.query('RESET enable_seqscan');
        await runner.query('RESET enable_sort');
        await runner.release();
      }
    };
    expect(await plan(`SELECT id FROM enterprises WHERE search_text LIKE $1`, ['%bat xat%'])).toContain('enterprises_search_text_trgm_idx');
    expect(await plan(`SELECT id FROM registrations WHERE event_id = $1 ORDER BY created_at, id LIMIT 50`, [setup.eventId])).toContain('registrations_event_created_idx');
  });
});
