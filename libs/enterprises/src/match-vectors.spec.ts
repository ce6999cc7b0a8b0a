import { hsPrefixes, hsPrefixKey, matchVectors } from './match-vectors';

describe('match vectors', () => {
  it('lists every 2/4/6-digit prefix of the product lines once', () => {
    expect(hsPrefixes(['081060', '0810', '40', '081060'])).toEqual(['08', '0810', '081060', '40']);
  });

  it('keys each prefix by its digits and level, so no two prefixes share a key', () => {
    expect(['08', '0810', '081060', '80', '8000', '0800', '800000'].map(hsPrefixKey)).toEqual([81, 8102, 810603, 801, 80002, 8002, 8000003]);
    const all: string[] = [];
    for (let ch = 1; ch <= 99; ch++) {
      const c = String(ch).padStart(2, '0');
      all.push(c, `${c}00`, `${c}01`, `${c}0100`, `${c}0101`, `${c}99`, `${c}9999`);
    }
    expect(new Set(all.map(hsPrefixKey)).size).toBe(all.length);
  });

  it('keeps certification kinds and the best valid OCOP rating', () => {
    const v = matchVectors(
      [],
      [],
      [
        { kind: 'ocop', stars: 4 },
        { kind: 'ocop', stars: 2 },
        { kind: 'growing_area_code', code: 'X' },
        { kind: 'ocop', stars: 5 },
      ],
    );
    expect(v).toEqual({ offerPrefixes: [], needPrefixes: [], needCodes: [], certificationKinds: ['growing_area_code', 'ocop'], ocopStars: 5 });
    expect(matchVectors([], [], [{ kind: 'ocop', stars: 2 }]).ocopStars).toBe(0);
  });
});
