import { isKnownHsCode, isKnownSectorCode, resolveRegion } from '@tradebridge/reference';
import { featuredEnterprises, referenceEnterprises } from './enterprises';

describe('the reference conference enterprises', () => {
  const enterprises = referenceEnterprises();

  it('are 138 Vietnamese and 100 Chinese, as in the Lào Cai 2021 article', () => {
    expect(enterprises.filter((e) => e.side === 'VN')).toHaveLength(138);
    expect(enterprises.filter((e) => e.side === 'CN')).toHaveLength(100);
    const chineseRegions = new Set(enterprises.filter((e) => e.side === 'CN').map((e) => e.profile.region));
    expect([...chineseRegions].sort()).toEqual(['CN-BJ', 'CN-SH', 'CN-TJ', 'CN-YN', 'CN-ZJ']);
  });

  it('are the same on every run', () => {
    expect(referenceEnterprises()).toEqual(enterprises);
    expect(referenceEnterprises(7)).not.toEqual(enterprises);
  });

  it('have distinct keys and names in three languages', () => {
    expect(new Set(enterprises.map((e) => e.key)).size).toBe(enterprises.length);
    for (const language of ['vi', 'zh', 'en'] as const) {
      expect(new Set(enterprises.map((e) => e.profile.name[language])).size).toBe(enterprises.length);
      for (const e of enterprises) expect(e.profile.name[language].length).toBeLessThanOrEqual(300);
    }
  });

  it('use regions, HS codes and sectors of the reference data', () => {
    for (const { profile } of enterprises) {
      expect(resolveRegion(profile.country, profile.region)).toBeDefined();
      for (const line of [...profile.offers, ...profile.needs]) expect(isKnownHsCode(line.hsCode)).toBe(true);
      for (const sector of profile.sectors) expect(isKnownSectorCode(sector)).toBe(true);
      expect(profile.offers.length + profile.needs.length).toBeGreaterThan(0);
      expect(new Set(profile.offers.map((o) => o.hsCode)).size).toBe(profile.offers.length);
    }
  });

  it('give Vietnamese produce growing-area codes, packing facilities and OCOP stars', () => {
    const certifications = enterprises.filter((e) => e.side === 'VN').flatMap((e) => e.profile.certifications);
    expect(certifications.some((c) => c.kind === 'growing_area_code' && /^VN-[A-Z]+OR-\d{4}$/.test(c.code ?? ''))).toBe(true);
    expect(certifications.some((c) => c.kind === 'packing_facility_code')).toBe(true);
    const stars = certifications.filter((c) => c.kind === 'ocop').map((c) => c.stars);
    expect(stars.length).toBeGreaterThan(10);
    for (const s of stars) expect([3, 4, 5]).toContain(s);
    const durian = enterprises.filter((e) => e.profile.offers.some((o) => o.hsCode === '081060'));
    expect(durian.length).toBeGreaterThan(3);
  });

  it('feature four enterprises to log in as, two of them able to scan each other at Lào Cai', () => {
    const featured = featuredEnterprises(enterprises);
    expect(featured).toHaveLength(4);
    expect(
      featured
        .filter((e) => e.venue === 'laoCai' && e.checksIn)
        .map((e) => e.side)
        .sort(),
    ).toEqual(['CN', 'VN']);
  });
});
