import type { MatchProfile, ScoreContext } from './score';

/**
 * The ranking query and the pure score read one set of weights (weights.ts):
 * with other weights, both change. (The e2e test "SQL ranking equals the pure
 * score" checks them equal on real PostgreSQL with the shipped weights.)
 */
const OTHER = { hs6: 41, hs4: 23, hs2: 7, certification: 11, sameRoom: 13, sameVenueOnsite: 5, sharedLanguage: 3 };

function withWeights(weights: typeof OTHER) {
  let modules!: { score: typeof import('./score'); sql: typeof import('./recommendations.sql') };
  jest.isolateModules(() => {
    jest.doMock('./weights', () => ({ WEIGHTS: weights }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules loads fresh copies synchronously, under the mock
    modules = { score: require('./score'), sql: require('./recommendations.sql') };
  });
  jest.dontMock('./weights');
  return modules;
}

const profile = (overrides: Partial<MatchProfile>): MatchProfile => ({
  registrationId: 'r',
  side: 'VN',
  offers: [],
  needs: [],
  certifications: [],
  languages: [],
  roomId: '00000000-0000-4000-8000-000000000001',
  venueId: '00000000-0000-4000-8000-000000000002',
  attendance: 'onsite',
  ...overrides,
});

// A viewer whose need (durian, chapter 08) and offer (chapter 07) both call for certificates.
const viewer = profile({ registrationId: 'viewer', side: 'CN', needs: ['081060'], offers: ['070310'], certifications: [{ kind: 'growing_area_code' }], languages: ['zh', 'vi'] });
const candidate = profile({ registrationId: 'candidate', offers: ['081060'], needs: ['070310'], certifications: [{ kind: 'growing_area_code' }], languages: ['vi'] });
const ctx: ScoreContext = { locale: 'en', hsName: () => undefined, venueCity: () => 'Lào Cai' };

/** The constants the query multiplies or adds: per prefix level, and per CASE term. */
function constants(sql: string) {
  return {
    levels: [...sql.matchAll(/(\d+) \* (?:icount|coalesce)\(/g)].map((m) => Number(m[1])).sort((a, b) => a - b),
    cases: [...sql.matchAll(/THEN (\d+) ELSE/g)].map((m) => Number(m[1])),
  };
}

describe('recommendation weights, defined once', () => {
  it('a change of a weight changes the ranking query and the pure score alike', () => {
    const { score, sql } = withWeights(OTHER);
    const { sql: text } = sql.rankRecommendationsQuery('e', viewer, 20, 0);
    // Per need code the query adds the chapter's, heading's and subheading's increments (7, 23 − 7, 41 − 23).
    expect(constants(text)).toEqual({
      levels: [7, 7, 16, 16, 18, 18],
      // The candidate's two certificates for chapter 08, the viewer's for 07, then room, venue and language.
      cases: [OTHER.certification, OTHER.certification, OTHER.certification, OTHER.sameRoom, OTHER.sameVenueOnsite, OTHER.sharedLanguage],
    });
    const pure = score.scoreMatch(viewer, candidate, ctx);
    expect(pure.score).toBe(2 * OTHER.hs6 + 2 * OTHER.certification + OTHER.sameRoom + OTHER.sameVenueOnsite + OTHER.sharedLanguage);
  });

  it('the shipped weights are the ones both read', () => {
    const { WEIGHTS } = jest.requireActual<typeof import('./weights')>('./weights');
    const { rankRecommendationsQuery } = jest.requireActual<typeof import('./recommendations.sql')>('./recommendations.sql');
    const { scoreMatch } = jest.requireActual<typeof import('./score')>('./score');
    const { levels, cases } = constants(rankRecommendationsQuery('e', viewer, 20, 0).sql);
    const steps = [WEIGHTS.hs2, WEIGHTS.hs4 - WEIGHTS.hs2, WEIGHTS.hs6 - WEIGHTS.hs4];
    expect(levels).toEqual([...steps, ...steps].sort((a, b) => a - b));
    expect(cases).toEqual([WEIGHTS.certification, WEIGHTS.certification, WEIGHTS.certification, WEIGHTS.sameRoom, WEIGHTS.sameVenueOnsite, WEIGHTS.sharedLanguage]);
    expect(scoreMatch(viewer, candidate, ctx).score).toBe(2 * WEIGHTS.hs6 + 2 * WEIGHTS.certification + WEIGHTS.sameRoom + WEIGHTS.sameVenueOnsite + WEIGHTS.sharedLanguage);
  });
});
