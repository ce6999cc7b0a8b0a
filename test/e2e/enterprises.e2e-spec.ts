import { createTestApp, TestApp } from '../factories/app';
import { enterpriseBody, World } from '../factories/world';

describe('enterprises: profiles, reference checks, privacy', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
  });
  afterAll(() => t.close());

  it('creates a bilingual profile; the creator is its first member and sees the contact', async () => {
    const owner = await world.account('hoa');
    const res = await t.http.post('/api/enterprises').set(owner.auth).send(enterpriseBody('VN'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: { vi: 'Công ty TNHH Nông sản Bát Xát' },
      country: 'VN',
      region: 'VN-02',
      offers: [
        { hsCode: '081060', description: 'Sầu riêng tươi / fresh durian' },
        { hsCode: '081090', description: 'Chanh leo, thanh long / passion fruit, dragon fruit' },
      ],
      certifications: [
        { kind: 'growing_area_code', code: 'VN-LCOR-0102' },
        { kind: 'ocop', stars: 4 },
      ],
      contact: { email: 'export@batxat-agri.vn' },
    });
    const me = await t.http.get('/api/me').set(owner.auth);
    expect(me.body.enterprises).toEqual([{ id: res.body.id, name: res.body.name }]);
  });

  it('defaults languages to the locales its name is actually written in, never every locale', async () => {
    const owner = await world.account();
    const both = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('VN', { name: { vi: 'Hợp tác xã Chè Shan Tuyết', zh: '雪山茶合作社' } }));
    expect(both.status).toBe(201);
    expect(both.body.languages).toEqual(['vi', 'zh']);
    const one = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('CN', { name: { zh: '云南普洱茶业' } }));
    expect(one.body.languages).toEqual(['zh']);
    const declared = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('CN', { name: { zh: '广西贸易' }, languages: ['ZH', 'en'] }));
    expect(declared.body.languages).toEqual(['en', 'zh']);
    const [row] = await t.db.query('SELECT languages FROM enterprises WHERE id = $1', [one.body.id]);
    expect(row.languages).toEqual(['zh']);
  });

  it('answers an unknown HS code with 400 UNKNOWN_HS_CODE naming the field, and writes nothing', async () => {
    const owner = await world.account();
    const body = enterpriseBody('VN', {
      name: { en: 'Unknown goods trader' },
      offers: [
        { hsCode: '081060', description: 'durian' },
        { hsCode: '9999', description: 'not a heading' },
      ],
      needs: [{ hsCode: '7700', description: 'chapter 77 is reserved' }],
    });
    const res = await t.http.post('/api/enterprises').set(owner.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNKNOWN_HS_CODE');
    expect(res.body.details.fields).toEqual([
      { field: 'offers[1].hsCode', message: '"9999" is not a known HS 2022 code' },
      { field: 'needs[0].hsCode', message: '"7700" is not a known HS 2022 code' },
    ]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM enterprises WHERE search_text LIKE '%unknown goods trader%'`);
    expect(n).toBe(0);
  });

  it('accepts any 6-digit code under a known heading', async () => {
    const owner = await world.account();
    const res = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('VN', { offers: [{ hsCode: '400129', description: 'natural rubber, other' }] }));
    expect(res.status).toBe(201);
  });

  it('checks region and country against reference data; a pre-2025 province resolves to its new unit', async () => {
    const owner = await world.account();
    const yenBai = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('VN', { region: 'VN-06' }));
    expect(yenBai.status).toBe(201);
    expect(yenBai.body.region).toBe('VN-02'); // Yên Bái merged into Lào Cai on 1 July 2025

    const wrongCountry = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('VN', { region: 'CN-ZJ' }));
    expect(wrongCountry.status).toBe(400);
    expect(wrongCountry.body).toMatchObject({ code: 'UNKNOWN_REGION', details: { fields: [{ field: 'region' }] } });

    const noCountry = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send(enterpriseBody('VN', { country: 'XX', region: 'XX-01' }));
    expect(noCountry.status).toBe(400);
    expect(noCountry.body.details.fields[0].field).toBe('country');
  });

  it('lists every shape problem with its path (nested and unknown fields)', async () => {
    const owner = await world.account();
    const res = await t.http
      .post('/api/enterprises')
      .set(owner.auth)
      .send({ name: {}, country: 'Vietnam', region: 'Lao Cai', offers: [{ hsCode: 'abc' }], needs: 'durian', certifications: [{ kind: 'ocop', stars: 9 }], website: 'ftp://x', hacker: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = new Set(res.body.details.fields.map((f: { field: string }) => f.field));
    for (const field of ['name', 'country', 'region', 'offers[0].hsCode', 'offers[0].description', 'needs', 'certifications[0].stars', 'website', 'hacker']) {
      expect(fields).toContain(field);
    }
  });

  it('shows contact details only to members and the staff of events the enterprise registered for', async () => {
    const owner = await world.account('owner');
    const stranger = await world.account('stranger');
    const organizer = await world.organizer();
    // A name of its own: every spec's enterprises share the factory's, more than a page of them in one test run.
    const tag = `Riêng ${Date.now().toString(36)}`;
    const { id } = await world.enterprise(owner, { name: { vi: `Công ty TNHH Nông sản Bát Xát ${tag}`, en: `Bat Xat Agricultural Products ${tag}` } });

    const asStranger = await t.http.get(`/api/enterprises/${id}`).set(stranger.auth);
    expect(asStranger.status).toBe(200);
    expect(asStranger.body.contact).toBeUndefined();
    const listed = await t.http.get(`/api/enterprises?q=${encodeURIComponent(`bát xát ${tag}`)}&limit=200`).set(stranger.auth);
    expect(listed.body.items.find((e: { id: string }) => e.id === id).contact).toBeUndefined();

    // Staff of an event it has not registered for still do not see it...
    const setup = await world.openEvent(organizer);
    expect((await t.http.get(`/api/enterprises/${id}`).set(organizer.auth)).body.contact).toBeUndefined();
    // ...but once it registers, that event's staff do.
    expect((await world.register(owner, setup.eventId, id, setup.venues.laoCai)).status).toBe(201);
    expect((await t.http.get(`/api/enterprises/${id}`).set(organizer.auth)).body.contact).toEqual({
      email: 'export@batxat-agri.vn',
      phone: '+84 214 3840 123',
      person: 'Nguyễn Thị Hoa',
    });
  });

  it("lets only the enterprise's members edit it (403 for another enterprise's member)", async () => {
    const owner = await world.account('owner');
    const other = await world.account('other');
    await world.enterprise(other, enterpriseBody('CN'));
    const { id } = await world.enterprise(owner);

    const denied = await t.http.patch(`/api/enterprises/${id}`).set(other.auth).send({ website: 'https://evil.example' });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');

    const ok = await t.http
      .patch(`/api/enterprises/${id}`)
      .set(owner.auth)
      .send({ name: { vi: 'Hợp tác xã Sầu riêng Bảo Thắng', zh: '保胜榴莲合作社' }, needs: [{ hsCode: '8424', description: 'irrigation sprayers' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toEqual({ vi: 'Hợp tác xã Sầu riêng Bảo Thắng', zh: '保胜榴莲合作社' });
    expect(ok.body.needs).toEqual([{ hsCode: '8424', description: 'irrigation sprayers' }]);
    expect(ok.body.offers).toHaveLength(2); // untouched

    const missing = await t.http.patch('/api/enterprises/00000000-0000-4000-8000-000000000000').set(owner.auth).send({ website: 'https://x.vn' });
    expect(missing.status).toBe(404);
  });

  it('filters by country, sector, HS prefix and name in any language, paged', async () => {
    const owner = await world.account();
    const tag = `Lô ${Date.now()}`;
    const vn = await world.enterprise(owner, enterpriseBody('VN', { name: { vi: `Thanh long ${tag}`, en: `Dragon fruit ${tag}` } }));
    const cn = await world.enterprise(owner, enterpriseBody('CN', { name: { zh: `纺织 ${tag}`, en: `Textiles ${tag}` } }));
    const q = encodeURIComponent(tag.replace('Lô', 'lo'));

    const all = await t.http.get(`/api/enterprises?q=${q}`).set(owner.auth);
    expect(all.body.total).toBe(2);
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((e) => e.id);
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&country=CN`).set(owner.auth))).toEqual([cn.id]);
    // `hs` matches offers and needs: the Chinese maker needs the durian the Vietnamese grower offers.
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&hs=0810`).set(owner.auth))).toEqual([vn.id, cn.id]);
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&hs=081090`).set(owner.auth))).toEqual([vn.id]);
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&hs=5407`).set(owner.auth))).toEqual([cn.id]);
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&sector=XI`).set(owner.auth))).toEqual([cn.id]);
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&sector=08`).set(owner.auth))).toEqual([vn.id, cn.id]);
    expect(ids(await t.http.get(`/api/enterprises?q=${q}&sector=54`).set(owner.auth))).toEqual([cn.id]);
    const page = await t.http.get(`/api/enterprises?q=${q}&limit=1&offset=1`).set(owner.auth);
    expect(page.body).toMatchObject({ total: 2, items: [{ id: cn.id }] });

    const bad = await t.http.get('/api/enterprises?limit=0&hs=x&country=Viet').set(owner.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['country', 'hs', 'limit']);
  });

  it('treats filter values as data, never as SQL', async () => {
    const owner = await world.account();
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM enterprises');
    expect(n).toBeGreaterThan(0);
    // Other specs share this database (the injection spec names one "Công ty 100% Việt_Nam"):
    // a hit must hold the probe literally, and no probe may match everything.
    for (const q of ["' OR 1=1 --", '%', '_', "\\'; DROP TABLE enterprises; --"]) {
      const res = await t.http.get(`/api/enterprises?q=${encodeURIComponent(q)}&limit=100`).set(owner.auth);
      expect(res.status).toBe(200);
      expect(res.body.total).toBeLessThan(n);
      for (const item of res.body.items as { name: Record<string, string> }[]) {
        expect(Object.values(item.name).some((name) => name.includes(q))).toBe(true);
      }
    }
  });
});
