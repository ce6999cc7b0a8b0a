/**
 * The recommendation score's weights, defined once: the pure score (score.ts)
 * and the ranking query (recommendations.sql.ts) both read them, so a change
 * here moves both, and the e2e test "SQL ranking equals the pure score" holds.
 * The HS levels must not drop with specificity (hs6 ≥ hs4 ≥ hs2): the query
 * adds a need's chapter, heading and subheading increments.
 */
export const WEIGHTS = {
  hs6: 30,
  hs4: 20,
  hs2: 8,
  certification: 10,
  sameRoom: 10,
  sameVenueOnsite: 8,
  sharedLanguage: 4,
} as const;
