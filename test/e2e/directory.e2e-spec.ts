import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * The participant directory (issue 15, item 5): approved participants browse
 * the other side (their own only if the organizers open it), search names in
 * any language with or without diacritics, filter, page, keep favourites, and
 * see contact details only as the privacy rule allows.
 */
describe('directory: who is coming, searched, filtered and saved', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  type P = Awaited<ReturnType<World['approved']>>;
  let batXat: P; // VN, the viewer of most tests
  let dongDang: P; // VN, OCOP 4 stars and a growing-area code, online
  let silk: P; // CN, Hangzhou, textiles, ISO
  let kunming: P; // CN, online, ceramic tiles, GACC, works in vi
  let pendingCn: { id: string };
  let outsider: Account;

  const dir = (who: Account, query: Record<string, string | number> = {}, eventId = setup.eventId) => t.http.get(`/api/events/${eventId}/directory`).query(query).set(who.auth);
  const ids = async (who: Account, query: Record<string, string | number> = {}) => {
    const res = await dir(who, query);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return (res.body.items as { registrationId: string }[]).map((r) => r.registrationId).sort();
  };
  const sorted = (...ps: P[]) => ps.map((p) => p.registration.id).sort();

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
    batXat = await world.approved(organizer, setup, 'VN', {
      name: { vi: 'Công ty Sầu riêng Bát Xát', en: 'Bat Xat Durian Company' },
      certifications: [{ kind: 'packing_facility_code', code: 'VNPH-0216' }],
    });
    dongDang = await world.approved(
      organizer,
      setup,
      'VN',
      {
        name: { vi: 'Hợp tác xã Thanh Long Đồng Đăng', en: 'Dong Dang Dragon Fruit Cooperative' },
        certifications: [
          { kind: 'ocop', stars: 4 },
          { kind: 'growing_area_code', code: 'VN-LCI-0123' },
        ],
      },
      setup.venues.online,
    );
    silk = await world.approved(organizer, setup, 'CN', { name: { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles' } });
    kunming = await world.approved(
      organizer,
      setup,
      'CN',
      {
        name: { zh: '昆明陶瓷砖厂', en: 'Kunming Ceramic Tiles' },
        region: 'CN-YN',
        sectors: ['XIII'],
        offers: [{ hsCode: '6907', description: '陶瓷砖 / ceramic tiles' }],
        needs: [{ hsCode: '2523', description: 'Clinker' }],
        certifications: [{ kind: 'gacc_registration', code: 'CYNK-2020-88' }],
        languages: ['zh', 'vi'],
        contact: { email: 'sales@kunming-tiles.cn', phone: '+86 871 6000 0000', person: '李明' },
      },
      setup.venues.online,
    );
    const pending = await world.member('CN', { name: { zh: '待审核公司', en: 'Pending Silk Trading' } });
    pendingCn = (await world.register(pending.account, setup.eventId, pending.enterpriseId, setup.venues.hangzhou)).body;
    outsider = (await world.member('VN')).account;
  });
  afterAll(() => t.close());

  it('shows an enterprise the approved participants of the other side only, and staff everyone', async () => {
    expect(await ids(batXat.account)).toEqual(sorted(silk, kunming));
    expect(await ids(silk.account)).toEqual(sorted(batXat, dongDang));
    expect(await ids(organizer)).toEqual(sorted(batXat, dongDang, silk, kunming));
    const page = (await dir(batXat.account)).body;
    expect(page).toMatchObject({ total: 2, sides: ['CN'] });
    const entry = page.items.find((i: { registrationId: string }) => i.registrationId === kunming.registration.id);
    expect(entry).toMatchObject({
      side: 'CN',
      attendance: 'online',
      favourite: false,
      venue: { id: setup.venues.online },
      enterprise: { id: kunming.enterpriseId, name: { zh: '昆明陶瓷砖厂' }, region: 'CN-YN', offers: [{ hsCode: '6907' }], needs: [{ hsCode: '2523' }], languages: ['vi', 'zh'] },
    });
  });

  it('finds names with and without Vietnamese diacritics, in Chinese and in English', async () => {
    expect(await ids(silk.account, { q: 'Bát Xát' })).toEqual(sorted(batXat));
    expect(await ids(silk.account, { q: 'bat xat' })).toEqual(sorted(batXat));
    expect(await ids(silk.account, { q: 'dong dang' })).toEqual(sorted(dongDang));
    expect(await ids(silk.account, { q: 'ĐỒNG đăng' })).toEqual(sorted(dongDang));
    expect(await ids(batXat.account, { q: '丝路' })).toEqual(sorted(silk));
    expect(await ids(batXat.account, { q: '陶瓷' })).toEqual(sorted(kunming));
    expect(await ids(batXat.account, { q: 'ceramic tiles' })).toEqual(sorted(kunming));
    expect(await ids(batXat.account, { q: 'nobody like this' })).toEqual([]);
    // The viewer's own side is not searched into view.
    expect(await ids(batXat.account, { q: 'dong dang' })).toEqual([]);
  });

  it.each([
    ['sector XI (declared)', { sector: 'XI' }, () => sorted(silk)],
    ['sector 69 (a product in the chapter)', { sector: '69' }, () => sorted(kunming)],
    ['HS prefix of an offer', { hs: '6907' }, () => sorted(kunming)],
    ['HS prefix of a need', { hs: '0810' }, () => sorted(silk)],
    ['country', { country: 'cn' }, () => sorted(silk, kunming)],
    ['region', { region: 'CN-YN' }, () => sorted(kunming)],
    ['venue', { venueId: 'hangzhou' }, () => sorted(silk)],
    ['attendance', { attendance: 'online' }, () => sorted(kunming)],
    ['language', { language: 'vi' }, () => sorted(kunming)],
    ['certification: GACC', { certification: 'gacc_registration' }, () => sorted(kunming)],
    ['certification: ISO', { certification: 'iso' }, () => sorted(silk)],
  ])('filters by %s', async (_, query, expected) => {
    const q = { ...query } as Record<string, string>;
    if (q.venueId === 'hangzhou') q.venueId = setup.venues.hangzhou;
    expect(await ids(batXat.account, q)).toEqual(expected());
  });

  it('filters the Vietnamese side by OCOP stars, growing-area code and packing facility', async () => {
    expect(await ids(silk.account, { certification: 'ocop' })).toEqual(sorted(dongDang));
    expect(await ids(silk.account, { certification: 'ocop', ocopStars: 4 })).toEqual(sorted(dongDang));
    expect(await ids(silk.account, { certification: 'ocop', ocopStars: 5 })).toEqual([]);
    expect(await ids(silk.account, { certification: 'growing_area_code' })).toEqual(sorted(dongDang));
    expect(await ids(silk.account, { certification: 'packing_facility_code' })).toEqual(sorted(batXat));
    // A pre-2025 province code finds its province now (Yên Bái → Lào Cai).
    expect(await ids(silk.account, { region: 'VN-06' })).toEqual(sorted(batXat, dongDang));
  });

  it('pages with the total', async () => {
    const first = (await dir(organizer, { limit: 3 })).body;
    const second = (await dir(organizer, { limit: 3, offset: 3 })).body;
    expect([first.total, first.items.length, second.total, second.items.length]).toEqual([4, 3, 4, 1]);
    const all = [...first.items, ...second.items].map((i: { registrationId: string }) => i.registrationId).sort();
    expect(all).toEqual(sorted(batXat, dongDang, silk, kunming));
  });

  it('opens the own side only when the organizers allow it', async () => {
    const refused = await dir(batXat.account, { side: 'VN' });
    expect(refused.status).toBe(400);
    expect(refused.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['side']);
    expect((await t.http.get(`/api/events/${setup.eventId}/directory/${dongDang.registration.id}`).set(batXat.account.auth)).status).toBe(404);
    expect((await t.http.put(`/api/events/${setup.eventId}/directory/settings`).set(batXat.account.auth).send({ ownSide: true })).status).toBe(403);
    const opened = await t.http.put(`/api/events/${setup.eventId}/directory/settings`).set(organizer.auth).send({ ownSide: true });
    expect(opened.body).toEqual({ ownSide: true });
    expect((await t.http.get(`/api/events/${setup.eventId}/directory/settings`).set(organizer.auth)).body).toEqual({ ownSide: true });
    try {
      // Never itself.
      expect(await ids(batXat.account, { side: 'VN' })).toEqual(sorted(dongDang));
      expect(await ids(batXat.account)).toEqual(sorted(dongDang, silk, kunming));
      expect((await dir(batXat.account)).body.sides).toEqual(['VN', 'CN']);
    } finally {
      await t.http.put(`/api/events/${setup.eventId}/directory/settings`).set(organizer.auth).send({ ownSide: false }).expect(200);
    }
    expect(await ids(batXat.account)).toEqual(sorted(silk, kunming));
  });

  it('keeps favourites per registration, idempotently', async () => {
    const fav = (who: Account, rid: string) => t.http.put(`/api/events/${setup.eventId}/directory/favourites/${rid}`).set(who.auth);
    const unfav = (who: Account, rid: string) => t.http.delete(`/api/events/${setup.eventId}/directory/favourites/${rid}`).set(who.auth);
    expect((await fav(batXat.account, silk.registration.id)).status).toBe(204);
    expect((await fav(batXat.account, silk.registration.id)).status).toBe(204);
    expect(await ids(batXat.account, { favourites: 'true' })).toEqual(sorted(silk));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM directory_favourites WHERE registration_id = $1`, [batXat.registration.id]);
    expect(n).toBe(1);
    expect((await t.http.get(`/api/events/${setup.eventId}/directory/${silk.registration.id}`).set(batXat.account.auth)).body.favourite).toBe(true);
    // Another registration's favourites are its own.
    expect(await ids(kunming.account, { favourites: 'true' })).toEqual([]);
    expect((await t.http.get(`/api/events/${setup.eventId}/directory/${silk.registration.id}`).set(organizer.auth)).body.favourite).toBe(false);
    // Not visible (pending, own, own side) → 404; staff have no favourites.
    expect((await fav(batXat.account, pendingCn.id)).status).toBe(404);
    expect((await fav(batXat.account, batXat.registration.id)).status).toBe(404);
    expect((await fav(batXat.account, dongDang.registration.id)).status).toBe(404);
    expect((await fav(organizer, silk.registration.id)).status).toBe(403);
    expect((await dir(organizer, { favourites: 'true' })).status).toBe(400);
    expect((await unfav(batXat.account, silk.registration.id)).status).toBe(204);
    expect((await unfav(batXat.account, silk.registration.id)).status).toBe(204);
    expect(await ids(batXat.account, { favourites: 'true' })).toEqual([]);
  });

  it('shows contact details only to staff and accepted partners', async () => {
    const contactOf = async (who: Account, p: P) => {
      const res = await t.http.get(`/api/events/${setup.eventId}/directory/${p.registration.id}`).set(who.auth);
      expect(res.status).toBe(200);
      expect(res.body.enterprise.id).toBe(p.enterpriseId);
      return res.body.enterprise.contact;
    };
    expect(await contactOf(batXat.account, kunming)).toBeUndefined();
    expect(JSON.stringify((await dir(batXat.account)).body)).not.toContain('kunming-tiles.cn');
    expect(await contactOf(organizer, kunming)).toEqual({ email: 'sales@kunming-tiles.cn', phone: '+86 871 6000 0000', person: '李明' });
    const requested = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(batXat.account.auth)
      .send({ fromRegistrationId: batXat.registration.id, toRegistrationId: kunming.registration.id });
    expect(requested.status).toBe(201);
    expect(await contactOf(batXat.account, kunming)).toBeUndefined();
    await t.http.post(`/api/connections/${requested.body.id}/accept`).set(kunming.account.auth).expect(200);
    expect(await contactOf(batXat.account, kunming)).toMatchObject({ email: 'sales@kunming-tiles.cn' });
    // Still not the other CN enterprise's, nor to a third party.
    expect(await contactOf(batXat.account, silk)).toBeUndefined();
    expect(await contactOf(dongDang.account, kunming)).toBeUndefined();
  });

  it('is for approved participants and staff only', async () => {
    expect((await dir(outsider)).status).toBe(403);
    expect((await dir(outsider)).body.code).toBe('NOT_A_PARTICIPANT');
    const pending = await world.member('VN');
    await world.register(pending.account, setup.eventId, pending.enterpriseId, setup.venues.laoCai);
    expect((await dir(pending.account)).body.code).toBe('NOT_APPROVED');
    expect((await dir(batXat.account, { as: silk.registration.id })).status).toBe(404);
    expect((await t.http.get(`/api/events/${setup.eventId}/directory`)).status).toBe(401);
  });

  it.each([
    ['q', 'x'.repeat(101)],
    ['side', 'Vietnam'],
    ['sector', 'XYZ'],
    ['hs', '08a'],
    ['hs', '1234567'],
    ['country', 'VNM'],
    ['region', 'Lao Cai'],
    ['region', 'VN-99'],
    ['venueId', 'not-a-uuid'],
    ['attendance', 'hybrid'],
    ['language', 'vie'],
    ['certification', 'michelin'],
    ['ocopStars', '6'],
    ['favourites', 'yes'],
    ['limit', '0'],
    ['as', 'mine'],
  ])('answers 400 naming the field for a bad %s (%s)', async (field, value) => {
    const res = await dir(batXat.account, { [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 400 for a side that is not of the event, 404 for an unknown event', async () => {
    const res = await dir(batXat.account, { side: 'LA' });
    expect(res.status).toBe(400);
    expect(res.body.details.fields[0].field).toBe('side');
    expect((await dir(organizer, {}, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
