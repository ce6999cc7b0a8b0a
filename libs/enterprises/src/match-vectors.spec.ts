import { hsPrefixes, matchVectors } from './match-vectors';

describe('match vectors', () => {
  it('lists every 2/4/6-digit prefix of the product lines once', () => {
    expect(hsPrefixes(['081060', '0810', '40', '081060'])).toEqual(['08', '0810', '081060', '40']);
  });

  it('keeps certification kinds and the best valid OCOP rating', () => {
    const v = matchVectors([], [], [{ kind: 'ocop', stars: 4 }, { kind: 'ocop', stars: 2 }, { kind: 'growing_area_code', code: 'X' }, { kind: 'ocop', stars: 5 }]);
    expect(v).toEqual({ offerPrefixes: [], needPrefixes: [], needCodes: [], certificationKinds: ['growing_area_code', 'ocop'], ocopStars: 5 });
    expect(matchVectors([], [], [{ kind: 'ocop', stars: 2 }]).ocopStars).toBe(0);
  });
});
