import fc from 'fast-check';
import type { Locale } from '@tradebridge/contracts';
import { languageName, shortenName } from './reasons';
import { hsMatchLevel, scoreMatch, WEIGHTS } from './score';
import type { MatchProfile, ScoreContext } from './score';

// A small stand-in for the reference lookup: names as the HS 2022 data ships them.
const HS_NAMES: Record<string, Record<Locale, string>> = {
  '08': {
    en: 'Edible fruit and nuts; peel of citrus fruit or melons',
    vi: 'Quả và quả hạch (nut) ăn được; vỏ quả thuộc chi cam quýt hoặc các loại dưa',
    zh: '食用水果及坚果；柑橘属水果或甜瓜的果皮',
  },
  '0810': { en: 'Other fruit, fresh', vi: 'Quả khác, tươi', zh: '其他鲜果' },
  '081060': { en: 'Durians, fresh', vi: 'Quả sầu riêng, tươi', zh: '鲜榴莲' },
  '071420': { en: 'Sweet potatoes, fresh, chilled, frozen or dried', vi: 'Khoai lang, tươi, ướp lạnh, đông lạnh hoặc khô', zh: '鲜、冷、冻或干的甘薯' },
  '0303': {
    en: 'Fish, frozen (excluding fish fillets and other fish meat of heading 0304)',
    vi: 'Cá, đông lạnh, trừ phi-lê cá và các loại thịt cá khác thuộc nhóm 03.04',
    zh: '冻鱼，但税目03.04的鱼片及其他鱼肉除外',
  },
  '8445': { en: 'Machines for preparing textile fibres; spinning, doubling or twisting machines', vi: 'Máy chuẩn bị xơ sợi dệt', zh: '纺织纤维的预处理机器' },
  '5208': { en: 'Woven fabrics of cotton', vi: 'Vải dệt thoi từ bông', zh: '棉机织物' },
};
const CITIES: Record<string, Record<Locale, string>> = {
  'v-laocai': { en: 'Lao Cai', vi: 'Lào Cai', zh: '老街' },
  'v-hangzhou': { en: 'Hangzhou', vi: 'Hàng Châu', zh: '杭州' },
};

function ctx(locale: Locale): ScoreContext {
  return {
    locale,
    hsName: (code, l) => HS_NAMES[code]?.[l],
    venueCity: (venueId, l) => CITIES[venueId]?.[l] ?? venueId,
  };
}

function profile(over: Partial<MatchProfile> = {}): MatchProfile {
  return {
    registrationId: 'r',
    side: 'VN',
    offers: [],
    needs: [],
    certifications: [],
    languages: [],
    roomId: null,
    venueId: 'v-laocai',
    attendance: 'online',
    ...over,
  };
}

// A Chinese textile buyer who also imports durian, and a Vietnamese durian grower.
const cnBuyer = profile({
  registrationId: 'cn-1',
  side: 'CN',
  offers: ['5208', '8445'],
  needs: ['081060'],
  languages: ['zh', 'en'],
  venueId: 'v-hangzhou',
});
const vnGrower = profile({
  registrationId: 'vn-1',
  side: 'VN',
  offers: ['081060'],
  needs: [],
  certifications: [{ kind: 'growing_area_code', code: 'VN-LC-0123' }],
  languages: ['vi'],
});

describe('hsMatchLevel', () => {
  it.each([
    ['081060', '081060', 6],
    ['0810', '081060', 4],
    ['081060', '0810', 4],
    ['08', '081060', 2],
    ['0810', '0811', 2],
    ['0810', '0910', 0],
    ['0810', '0810', 4],
    ['08', '08', 2],
    ['081060', '081090', 4],
    ['', '08', 0],
  ] as const)('%s vs %s → %d', (a, b, level) => {
    expect(hsMatchLevel(a, b)).toBe(level);
  });
});

describe('scoreMatch: a durian grower for a Chinese buyer', () => {
  it('scores the 6-digit match and the growing-area code the fruit requires', () => {
    const m = scoreMatch(cnBuyer, vnGrower, ctx('en'));
    expect(m.factors).toEqual([
      { kind: 'they_offer_you_need', points: WEIGHTS.hs6, code: '081060' },
      { kind: 'certification', points: WEIGHTS.certification, code: 'growing_area_code', seller: 'candidate' },
    ]);
    expect(m.score).toBe(WEIGHTS.hs6 + WEIGHTS.certification);
  });

  it('explains it in English, Vietnamese and Chinese, naming the goods', () => {
    expect(scoreMatch(cnBuyer, vnGrower, ctx('en')).reasons).toEqual(['offers HS 081060 (Durians, fresh), which you need', 'holds a growing-area code you require']);
    expect(scoreMatch(cnBuyer, vnGrower, ctx('vi')).reasons).toEqual(['chào bán HS 081060 (Quả sầu riêng, tươi), mặt hàng bạn cần', 'có mã số vùng trồng mà bạn yêu cầu']);
    expect(scoreMatch(cnBuyer, vnGrower, ctx('zh')).reasons).toEqual(['供应 HS 081060（鲜榴莲），正是您所需要的', '持有您要求的种植区编码']);
  });

  it('reads the other direction from the grower’s side', () => {
    const en = scoreMatch(vnGrower, cnBuyer, ctx('en'));
    expect(en.factors).toEqual([
      { kind: 'you_offer_they_need', points: WEIGHTS.hs6, code: '081060' },
      { kind: 'certification', points: WEIGHTS.certification, code: 'growing_area_code', seller: 'viewer' },
    ]);
    expect(en.reasons).toEqual(['needs HS 081060 (Durians, fresh), which you offer', 'you hold the growing-area code they require']);
    expect(scoreMatch(vnGrower, cnBuyer, ctx('vi')).reasons).toEqual(['cần mua HS 081060 (Quả sầu riêng, tươi), mặt hàng bạn chào bán', 'bạn có mã số vùng trồng mà đối tác yêu cầu']);
    expect(scoreMatch(vnGrower, cnBuyer, ctx('zh')).reasons).toEqual(['需要 HS 081060（鲜榴莲），正是您所供应的', '您持有对方要求的种植区编码']);
  });

  it('names both codes of a partial match, and omits the name of an unknown code', () => {
    const viewer = profile({ needs: ['0810'] });
    const candidate = profile({ offers: ['081060'] });
    expect(scoreMatch(viewer, candidate, ctx('en')).reasons).toEqual(['offers HS 081060 (Durians, fresh), matching your need for HS 0810 (Other fruit, fresh)']);
    expect(scoreMatch(viewer, candidate, ctx('vi')).reasons).toEqual(['chào bán HS 081060 (Quả sầu riêng, tươi), phù hợp với nhu cầu HS 0810 (Quả khác, tươi) của bạn']);
    expect(scoreMatch(viewer, candidate, ctx('zh')).reasons).toEqual(['供应 HS 081060（鲜榴莲），与您所需的 HS 0810（其他鲜果）相关']);
    expect(scoreMatch(viewer, candidate, ctx('en')).factors[0].code).toBe('081060'); // the more specific code
    const unknown = scoreMatch(profile({ needs: ['392010'] }), profile({ offers: ['392010'] }), ctx('en'));
    expect(unknown.reasons).toEqual(['offers HS 392010, which you need']);
    const unknownPartial = scoreMatch(profile({ needs: ['3920'] }), profile({ offers: ['392010'] }), ctx('zh'));
    expect(unknownPartial.reasons).toEqual(['供应 HS 392010，与您所需的 HS 3920 相关']);
  });

  it('shortens long HS names at a word boundary', () => {
    const m = scoreMatch(profile({ needs: ['0303'] }), profile({ offers: ['0303'], certifications: [{ kind: 'gacc_registration' }] }), ctx('en'));
    expect(m.reasons[0]).toBe('offers HS 0303 (Fish, frozen…), which you need');
    expect(m.reasons[1]).toBe('holds a GACC registration you require');
    const long = 'Machines for preparing textile fibres; spinning, doubling or twisting machines';
    const short = shortenName(long);
    expect(Array.from(short).length).toBeLessThanOrEqual(60);
    expect(short).toBe('Machines for preparing textile fibres; spinning, doubling…');
    expect(shortenName('Other fruit, fresh')).toBe('Other fruit, fresh');
    // Chinese has no spaces: cut at punctuation, or hard when there is none.
    expect(shortenName('鲜'.repeat(70))).toBe(`${'鲜'.repeat(59)}…`);
    expect(shortenName(`${'鲜'.repeat(40)}，${'冻'.repeat(40)}`)).toBe(`${'鲜'.repeat(40)}…`);
  });
});

describe('scoreMatch: ranking rules', () => {
  const viewer = profile({ side: 'CN', needs: ['081060'] });
  const at = (code: string) => scoreMatch(viewer, profile({ offers: [code] }), ctx('en')).score;

  it('a 6-digit match beats 4 beats 2 beats none', () => {
    expect(at('081060')).toBe(WEIGHTS.hs6);
    expect(at('081090')).toBe(WEIGHTS.hs4);
    expect(at('0811')).toBe(WEIGHTS.hs2);
    expect(at('0910')).toBe(0);
    expect(at('081060')).toBeGreaterThan(at('0810'));
    expect(at('0810')).toBeGreaterThan(at('08'));
  });

  it('takes the best offer per need, and counts each distinct need once', () => {
    const m = scoreMatch(profile({ needs: ['081060', '081060'] }), profile({ offers: ['08', '0810', '081060'] }), ctx('en'));
    expect(m.factors).toEqual([{ kind: 'they_offer_you_need', points: WEIGHTS.hs6, code: '081060' }]);
  });

  it('counts both directions', () => {
    const me = profile({ side: 'CN', offers: ['8445'], needs: ['081060'] });
    const onlySells = profile({ offers: ['081060'] });
    const onlyBuys = profile({ needs: ['8445'] });
    const both = profile({ offers: ['081060'], needs: ['8445'] });
    const score = (c: MatchProfile) => scoreMatch(me, c, ctx('en')).score;
    expect(score(both)).toBe(score(onlySells) + score(onlyBuys));
    expect(score(both)).toBeGreaterThan(Math.max(score(onlySells), score(onlyBuys)));
    expect(scoreMatch(me, both, ctx('en')).reasons).toEqual([
      'offers HS 081060 (Durians, fresh), which you need',
      'needs HS 8445 (Machines for preparing textile fibres; spinning, doubling…), which you offer',
    ]);
  });

  it('counts a required certification once per kind, however many products need it', () => {
    const buyer = profile({ side: 'CN', needs: ['081060', '081090', '071420'] });
    const grower = profile({
      offers: ['081060', '081090', '071420'],
      certifications: [{ kind: 'growing_area_code' }, { kind: 'packing_facility_code' }, { kind: 'gacc_registration' }, { kind: 'iso' }],
    });
    const certs = scoreMatch(buyer, grower, ctx('en')).factors.filter((f) => f.kind === 'certification');
    expect(certs.map((f) => f.code)).toEqual(['growing_area_code', 'packing_facility_code']); // no GACC for fruit
    // Without a product match in a chapter that needs it, a certificate earns nothing.
    const noFruit = scoreMatch(profile({ needs: ['5208'] }), profile({ offers: ['5208'], certifications: [{ kind: 'growing_area_code' }] }), ctx('en'));
    expect(noFruit.factors.map((f) => f.kind)).toEqual(['they_offer_you_need']);
  });

  it('adds OCOP stars for a producer of something I need', () => {
    const ocop = (stars: number) => scoreMatch(viewer, profile({ offers: ['081060'], certifications: [{ kind: 'ocop', stars }] }), ctx('en'));
    expect(ocop(4).score).toBe(WEIGHTS.hs6 + 4);
    expect(ocop(4).reasons).toContain('OCOP 4-star producer');
    expect(ocop(5).score).toBeGreaterThan(ocop(3).score);
    expect(ocop(2).score).toBe(WEIGHTS.hs6); // below the OCOP scale
    expect(scoreMatch(viewer, profile({ offers: ['081060'], certifications: [{ kind: 'ocop', stars: 3 }] }), ctx('vi')).reasons).toContain('có sản phẩm đạt OCOP 3 sao');
    expect(scoreMatch(viewer, profile({ offers: ['081060'], certifications: [{ kind: 'ocop', stars: 5 }] }), ctx('zh')).reasons).toContain('OCOP 5星级生产企业');
    // Nothing they sell is wanted: the rating says nothing about this pair.
    const unrelated = scoreMatch(viewer, profile({ offers: ['5208'], certifications: [{ kind: 'ocop', stars: 5 }] }), ctx('en'));
    expect(unrelated.score).toBe(0);
  });

  it('gives the same-room, same-venue-on-site and shared-language bonuses', () => {
    const me = profile({ side: 'CN', roomId: 'room-1', venueId: 'v-laocai', attendance: 'onsite', languages: ['zh', 'en'] });
    const them = profile({ roomId: 'room-1', venueId: 'v-laocai', attendance: 'onsite', languages: ['vi', 'en'] });
    const en = scoreMatch(me, them, ctx('en'));
    expect(en.score).toBe(WEIGHTS.sameRoom + WEIGHTS.sameVenueOnsite + WEIGHTS.sharedLanguage);
    expect(en.reasons).toEqual(['same trade room', 'both on site at Lao Cai', 'you both work in English']);
    expect(scoreMatch(me, them, ctx('vi')).reasons).toEqual(['cùng phòng giao thương với bạn', 'cả hai cùng có mặt trực tiếp tại Lào Cai', 'hai bên đều làm việc bằng tiếng Anh']);
    expect(scoreMatch(me, them, ctx('zh')).reasons).toEqual(['与您在同一洽谈室', '双方均在老街现场参会', '双方均可使用英语沟通']);

    // No bonus for an unassigned room, one side online, or another venue.
    expect(scoreMatch({ ...me, roomId: null }, { ...them, roomId: null }, ctx('en')).factors.map((f) => f.kind)).not.toContain('same_room');
    expect(scoreMatch(me, { ...them, attendance: 'online' }, ctx('en')).factors.map((f) => f.kind)).not.toContain('same_venue_onsite');
    expect(scoreMatch(me, { ...them, venueId: 'v-hangzhou' }, ctx('en')).factors.map((f) => f.kind)).not.toContain('same_venue_onsite');
  });

  it('names the shared language: the viewer’s own first, then English, then alphabetically', () => {
    const lang = (mine: string[], theirs: string[], locale: Locale) =>
      scoreMatch(profile({ languages: mine }), profile({ languages: theirs }), ctx(locale)).factors.find((f) => f.kind === 'shared_language')?.code;
    expect(lang(['vi', 'en', 'zh'], ['zh', 'en', 'vi'], 'vi')).toBe('vi');
    expect(lang(['vi', 'en', 'zh'], ['zh', 'en', 'vi'], 'zh')).toBe('zh');
    expect(lang(['fr', 'en', 'vi'], ['vi', 'fr', 'en'], 'zh')).toBe('en');
    expect(lang(['ru', 'fr'], ['fr', 'ru'], 'en')).toBe('fr');
    expect(lang(['EN'], ['en'], 'en')).toBe('en');
    expect(lang(['vi'], ['zh'], 'en')).toBeUndefined();
    const shared = scoreMatch(profile({ languages: ['vi', 'zh'] }), profile({ languages: ['zh', 'vi'] }), ctx('vi'));
    expect(shared.factors.filter((f) => f.kind === 'shared_language')).toHaveLength(1);
    expect(shared.reasons).toEqual(['hai bên đều làm việc bằng tiếng Việt']);
    expect(languageName('fr', 'zh')).toBe('法语');
    expect(languageName('not a tag!', 'en')).toBe('not a tag!');
  });

  it('orders reasons by points, then by factor kind, then by code', () => {
    const me = profile({ side: 'CN', needs: ['0810', '081060'], offers: ['8445'], roomId: 'r1', languages: ['en'] });
    const them = profile({ offers: ['081060', '0811'], needs: ['84'], roomId: 'r1', languages: ['en'], certifications: [{ kind: 'packing_facility_code' }] });
    const m = scoreMatch(me, them, ctx('en'));
    expect(m.factors.map((f) => [f.kind, f.points, f.code])).toEqual([
      ['they_offer_you_need', 30, '081060'],
      ['they_offer_you_need', 20, '081060'],
      ['certification', 10, 'packing_facility_code'],
      ['same_room', 10, undefined],
      ['you_offer_they_need', 8, '8445'],
      ['shared_language', 4, 'en'],
    ]);
  });

  it('is deterministic and does not depend on the order of codes', () => {
    const a = profile({ needs: ['081060', '0714', '52'], offers: ['8445', '0303'], languages: ['en', 'vi'] });
    const b = profile({ offers: ['071420', '5208', '081060'], needs: ['03', '84'], certifications: [{ kind: 'gacc_registration' }], languages: ['vi', 'en'] });
    const first = scoreMatch(a, b, ctx('vi'));
    expect(scoreMatch(a, b, ctx('vi'))).toEqual(first);
    const shuffled = scoreMatch(
      { ...a, needs: [...a.needs].reverse(), offers: [...a.offers].reverse(), languages: [...a.languages].reverse() },
      { ...b, offers: [...b.offers].reverse(), needs: [...b.needs].reverse() },
      ctx('vi'),
    );
    expect(shuffled).toEqual(first);
  });
});

describe('scoreMatch properties', () => {
  const chapter = fc.constantFrom('02', '03', '07', '08', '16', '52', '84');
  const hsCode = fc.tuple(chapter, fc.constantFrom('', '10', '14', '11'), fc.constantFrom('', '60', '20', '90')).map(([c, h, s]) => (h === '' ? c : c + h + s));
  const certification = fc.oneof(
    fc.record({ kind: fc.constantFrom('growing_area_code', 'packing_facility_code', 'gacc_registration', 'iso', 'haccp', 'halal', 'other') }),
    fc.record({ kind: fc.constant('ocop'), stars: fc.integer({ min: 0, max: 6 }) }),
  );
  const matchProfile = fc.record({
    registrationId: fc.constant('r'),
    side: fc.constantFrom('VN', 'CN'),
    offers: fc.array(hsCode, { maxLength: 5 }),
    needs: fc.array(hsCode, { maxLength: 5 }),
    certifications: fc.array(certification, { maxLength: 4 }),
    languages: fc.uniqueArray(fc.constantFrom('vi', 'zh', 'en', 'fr', 'lo'), { maxLength: 3 }),
    roomId: fc.constantFrom(null, 'room-1', 'room-2'),
    venueId: fc.constantFrom('v-laocai', 'v-hangzhou'),
    attendance: fc.constantFrom<'onsite' | 'online'>('onsite', 'online'),
  });
  const locale = fc.constantFrom<Locale>('vi', 'zh', 'en');

  it('scores are non-negative integers equal to the sum of factor points, one reason per factor', () => {
    fc.assert(
      fc.property(matchProfile, matchProfile, locale, (v, c, l) => {
        const m = scoreMatch(v, c, ctx(l));
        expect(Number.isInteger(m.score)).toBe(true);
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBe(m.factors.reduce((s, f) => s + f.points, 0));
        expect(m.reasons).toHaveLength(m.factors.length);
        for (const r of m.reasons) expect(r.length).toBeGreaterThan(0);
        for (let i = 1; i < m.factors.length; i++) expect(m.factors[i - 1].points).toBeGreaterThanOrEqual(m.factors[i].points);
      }),
    );
  });

  it('the score does not depend on the locale', () => {
    fc.assert(
      fc.property(matchProfile, matchProfile, (v, c) => {
        const en = scoreMatch(v, c, ctx('en'));
        expect(scoreMatch(v, c, ctx('vi')).factors).toEqual(en.factors.map((f) => (f.kind === 'shared_language' ? expect.anything() : f)));
        expect(scoreMatch(v, c, ctx('zh')).score).toBe(en.score);
      }),
    );
  });

  it('adding an offer to the candidate never lowers the score', () => {
    fc.assert(
      fc.property(matchProfile, matchProfile, hsCode, locale, (v, c, extra, l) => {
        const before = scoreMatch(v, c, ctx(l)).score;
        expect(scoreMatch(v, { ...c, offers: [...c.offers, extra] }, ctx(l)).score).toBeGreaterThanOrEqual(before);
        // An offer exactly matching one of my needs never lowers it either.
        if (v.needs.length > 0) {
          expect(scoreMatch(v, { ...c, offers: [...c.offers, v.needs[0]] }, ctx(l)).score).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it('a more specific match never scores less (6 ≥ 4 ≥ 2)', () => {
    fc.assert(
      fc.property(matchProfile, matchProfile, fc.constantFrom('0810', '08'), (v, c, coarse) => {
        const viewer = { ...v, needs: ['081060', ...v.needs.filter((n) => !n.startsWith('08'))] };
        const base = { ...c, offers: c.offers.filter((o) => !o.startsWith('08')) };
        const fine = scoreMatch(viewer, { ...base, offers: [...base.offers, '081060'] }, ctx('en')).score;
        const rough = scoreMatch(viewer, { ...base, offers: [...base.offers, coarse] }, ctx('en')).score;
        expect(fine).toBeGreaterThan(rough);
      }),
    );
  });
});
