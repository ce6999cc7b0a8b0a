import { hsPrefixes, hsPrefixKey } from '@tradebridge/enterprises';
import { REQUIRED_CERTIFICATIONS } from './score';
import type { MatchProfile } from './score';
import { WEIGHTS } from './weights';

/**
 * Ranks one viewer's candidates inside PostgreSQL: one pass over the other
 * side's approved registrations, reading each enterprise's match vectors
 * (migration 1763800008000 and the generated columns after it). The viewer's
 * own codes are few (≤ 50), so the score is spelled out as a few terms with
 * bound parameters — no per-row subqueries. It mirrors score.ts exactly; the e2e test "ranks in SQL
 * exactly as the pure score" holds the two together.
 *
 * Rule 1, for a need code x against the offering side's prefixes P: x's
 * 6-digit form in P → WEIGHTS.hs6, else its 4-digit form → hs4, else its
 * chapter → hs2 — summed over the viewer's needs (against the candidate's offer
 * prefixes) and over the candidate's needs (against the viewer's offer
 * prefixes). Every weight comes from weights.ts, as the pure score's do.
 */
export function rankRecommendationsQuery(eventId: string, viewer: MatchProfile, limit: number, offset: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [eventId, viewer.registrationId, viewer.side];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  // What each prefix length adds: the chapter hs2, the heading hs4 − hs2, the subheading hs6 − hs4.
  const levelWeight: Record<number, number> = { 2: WEIGHTS.hs2, 4: WEIGHTS.hs4 - WEIGHTS.hs2, 6: WEIGHTS.hs6 - WEIGHTS.hs4 };
  const terms: string[] = [];
  // They offer what you need: per need code x, hs6 / hs4 / hs2 when their offers' prefixes hold x's 6-,
  // 4- or 2-digit form. Their prefixes are prefix-closed, so that equals levelWeight[2] when x's chapter
  // is there + [4] when its heading is + [6] when its subheading is: a weighted overlap of your needs' prefixes
  // with theirs. Keys of equal total weight go in one array, intersected per candidate
  // (enterprises.offer_prefix_keys, migration OfferPrefixKeys).
  const needWeight = new Map<number, number>();
  for (const need of new Set(viewer.needs)) {
    for (const length of [2, 4, 6]) {
      if (need.length < length) continue;
      const key = hsPrefixKey(need.slice(0, length));
      needWeight.set(key, (needWeight.get(key) ?? 0) + levelWeight[length]);
    }
  }
  const keysByWeight = new Map<number, number[]>();
  for (const [key, weight] of needWeight) keysByWeight.set(weight, [...(keysByWeight.get(weight) ?? []), key]);
  for (const [weight, keys] of keysByWeight) terms.push(`${weight} * icount(c.offer_prefix_keys & ${bind(keys.sort((a, b) => a - b))}::int[])`);
  if (viewer.offers.length) {
    // You offer what they need: per need code m of theirs, hs6 / hs4 / hs2 when your offers' prefixes
    // hold m's 6-, 4- or 2-digit form. Your prefixes are prefix-closed (a 6-digit one brings its 4-
    // and 2-digit forms), so that equals levelWeight[2] per need under one of your chapters + [4] per
    // need under one of your headings + [6] per need under one of your subheadings: a weighted sum of their
    // need counts per prefix (enterprises.need_prefix_counts, migration NeedPrefixCounts).
    const lookups = hsPrefixes(viewer.offers).map((prefix) => `${levelWeight[prefix.length]} * coalesce((c.need_prefix_counts ->> ${bind(prefix)}::text)::int, 0)`);
    if (lookups.length) terms.push(`(${lookups.join(' + ')})`);
  }

  // Rule 2: a required kind counts once per (seller, kind) when the seller trades a chapter that requires it.
  const chaptersRequiring = (chapters: Iterable<string>) => {
    const byKind = new Map<string, string[]>();
    for (const ch of new Set(chapters)) for (const kind of REQUIRED_CERTIFICATIONS[ch] ?? []) byKind.set(kind, [...(byKind.get(kind) ?? []), ch]);
    return byKind;
  };
  const needChapters = viewer.needs.map((c) => c.slice(0, 2));
  for (const [kind, chapters] of chaptersRequiring(needChapters)) {
    terms.push(`CASE WHEN ${bind(kind)}::text = ANY(c.certification_kinds) AND c.offer_prefixes && ${bind(chapters)}::text[] THEN ${WEIGHTS.certification} ELSE 0 END`);
  }
  const held = new Set(viewer.certifications.map((c) => c.kind));
  for (const [kind, chapters] of chaptersRequiring(viewer.offers.map((c) => c.slice(0, 2)))) {
    if (held.has(kind)) terms.push(`CASE WHEN c.need_prefixes && ${bind(chapters)}::text[] THEN ${WEIGHTS.certification} ELSE 0 END`);
  }
  // Rule 3: OCOP stars when they offer something you need.
  if (needChapters.length) terms.push(`CASE WHEN c.ocop_stars > 0 AND c.offer_prefixes && ${bind([...new Set(needChapters)])}::text[] THEN c.ocop_stars ELSE 0 END`);
  // Rule 4: same room, both on site at the same venue, a shared language.
  if (viewer.roomId) terms.push(`CASE WHEN c.room_id = ${bind(viewer.roomId)}::uuid THEN ${WEIGHTS.sameRoom} ELSE 0 END`);
  if (viewer.attendance === 'onsite') terms.push(`CASE WHEN c.attendance = 'onsite' AND c.venue_id = ${bind(viewer.venueId)}::uuid THEN ${WEIGHTS.sameVenueOnsite} ELSE 0 END`);
  const languages = viewer.languages.map((l) => l.trim().toLowerCase());
  if (languages.length) terms.push(`CASE WHEN c.languages && ${bind(languages)}::text[] THEN ${WEIGHTS.sharedLanguage} ELSE 0 END`);

  const sql = `
WITH scored AS MATERIALIZED (
  SELECT c.id, ${terms.length ? terms.join('\n       + ') : '0'} AS score
    FROM (SELECT r.id, r.room_id, r.venue_id, r.attendance, e.languages, e.offer_prefixes, e.offer_prefix_keys, e.need_prefixes, e.need_prefix_counts, e.certification_kinds, e.ocop_stars
            FROM registrations r
            JOIN enterprises e ON e.id = r.enterprise_id
           WHERE r.event_id = $1 AND r.status = 'approved' AND r.side <> $3 AND r.id <> $2
             -- no requested, accepted, declined or withdrawn connection with the viewer
             AND NOT EXISTS (
               SELECT 1 FROM connections x
                WHERE x.event_id = $1 AND x.pair_low = least(r.id, $2::uuid) AND x.pair_high = greatest(r.id, $2::uuid)
                  AND x.status IN ('requested', 'accepted', 'declined', 'withdrawn'))) AS c
)
SELECT id, score::int AS score, count(*) OVER ()::int AS total
  FROM scored
 WHERE score > 0
 ORDER BY score DESC, id
 LIMIT ${bind(limit)} OFFSET ${bind(offset)}`;
  return { sql, params };
}
