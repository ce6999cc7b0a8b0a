import { createTestApp, TestApp } from '../factories/app';

describe('reference data: HS 2022 and regions, in vi/zh/en', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('ships every section, chapter and heading of HS 2022', async () => {
    const count = async (level: string) => (await t.http.get(`/api/reference/hs?level=${level}&limit=1`)).body.total;
    expect(await count('section')).toBe(21);
    expect(await count('chapter')).toBe(96); // 01–97 without the reserved chapter 77
    expect(await count('heading')).toBe(1228);
    expect(await count('subheading')).toBeGreaterThanOrEqual(100);
  });

  it('names durian in the three languages', async () => {
    for (const [locale, name] of [
      ['en', /durian/i],
      ['vi', /sầu riêng/i],
      ['zh', /榴莲/],
    ] as const) {
      const res = await t.http.get(`/api/reference/hs?q=081060&locale=${locale}`);
      expect(res.body.items[0]).toMatchObject({ code: '081060', level: 'subheading', parent: '0810' });
      expect(res.body.items[0].name).toMatch(name);
    }
  });

  it('searches by name in any language, ignoring Vietnamese accents', async () => {
    const codes = async (q: string) => (await t.http.get(`/api/reference/hs?q=${encodeURIComponent(q)}&limit=200`)).body.items.map((e: { code: string }) => e.code);
    expect(await codes('sau rieng')).toContain('081060');
    expect(await codes('榴莲')).toContain('081060');
    expect(await codes('clinker')).toContain('252310');
    expect(await codes('gạch')).toEqual(expect.arrayContaining(['6907']));
  });

  it('ranks everyday trade names first: whole words and prefixes before substrings, with and without accents', async () => {
    const top = async (q: string, locale = 'vi') => {
      const res = await t.http.get(`/api/reference/hs?q=${encodeURIComponent(q)}&locale=${locale}&limit=3`);
      expect(res.status).toBe(200);
      return res.body.items.map((e: { code: string }) => e.code);
    };
    expect((await top('chè'))[0]).toBe('0902');
    expect((await top('vải thiều'))[0]).toBe('0810');
    expect((await top('tea', 'en'))[0]).toBe('0902');
    expect((await top('茶', 'zh'))[0]).toBe('0902');
    expect(await top('sầu riêng')).toEqual(['0810', '081060']);
    expect((await top('cao su'))[0]).toBe('4001');
    expect((await top('mây'))[0]).toBe('1401');
    for (const q of ['coffee', 'cà phê', '咖啡']) expect((await top(q))[0]).toBe('0901');
    // "chè" folds to "che": cheese (0406), human hair (0501) and bristles (0502) are not near the top.
    const tea = await t.http.get(`/api/reference/hs?q=${encodeURIComponent('chè')}&limit=10`);
    expect(tea.body.items.map((e: { code: string }) => e.code)).not.toEqual(expect.arrayContaining(['0406']));
  });

  it('browses children of a code', async () => {
    const res = await t.http.get('/api/reference/hs?parent=08&limit=200');
    expect(res.body.items.every((e: { code: string; level: string }) => e.code.startsWith('08') && e.level === 'heading')).toBe(true);
    expect(res.body.items.map((e: { code: string }) => e.code)).toContain('0810');
  });

  it('lists the 34 Vietnamese units in force since 1 July 2025, with former provinces as aliases', async () => {
    const vn = await t.http.get('/api/reference/regions?country=VN&locale=vi');
    expect(vn.body.total).toBe(34);
    const laoCai = vn.body.items.find((r: { code: string }) => r.code === 'VN-02');
    expect(laoCai.name).toBe('Lào Cai');
    expect(laoCai.aliases.map((a: { code: string }) => a.code)).toContain('VN-06'); // Yên Bái
    const aliasCount = vn.body.items.reduce((n: number, r: { aliases: unknown[] }) => n + r.aliases.length, 0);
    expect(aliasCount + 34).toBe(63); // every pre-2025 province is a unit or an alias

    const byOldName = await t.http.get(`/api/reference/regions?country=VN&q=${encodeURIComponent('Yên Bái')}`);
    expect(byOldName.body.items.map((r: { code: string }) => r.code)).toEqual(['VN-02']);
    expect((await t.http.get('/api/reference/regions?country=CN')).body.total).toBe(34);
    expect((await t.http.get('/api/reference/regions?country=LA')).body.total).toBe(18);
    const zhejiang = await t.http.get(`/api/reference/regions?q=${encodeURIComponent('浙江')}&locale=zh`);
    expect(zhejiang.body.items[0]).toMatchObject({ code: 'CN-ZJ', name: '浙江省' });
  });

  it('refuses bad query parameters with 400 naming them', async () => {
    const res = await t.http.get('/api/reference/hs?locale=fr&level=family&limit=5000');
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['level', 'limit', 'locale']);
  });
});
