import type { Locale } from '@tradebridge/contracts';
import { FACTOR_KINDS, reasonText } from './reasons';
import type { FactorKind, HsRef, ReasonParams, RequiredCertificationKind } from './reasons';
import { WEIGHTS } from './weights';

/**
 * Recommendation score of one candidate for one viewer: a pure function (no I/O)
 * whose rules are mirrored in SQL for ranking, so keep both in step.
 *
 * hsMatchLevel(a, b): the largest L in {6, 4, 2} such that both codes have at
 * least L characters and their first L characters are equal; 0 if none.
 *
 * 1. Products, both directions, each NEED counted once (listing many similar
 *    offers does not inflate a score). Codes are de-duplicated (exact code).
 *    - For each viewer need: best level against the candidate's offers;
 *      6 → WEIGHTS.hs6, 4 → hs4, 2 → hs2, 0 → nothing.  Factor they_offer_you_need.
 *    - For each candidate need: best level against the viewer's offers; same
 *      weights.  Factor you_offer_they_need.
 *    (SQL: per need code, the best level its 6/4/2-digit prefixes reach among
 *    the other side's offer prefixes.)
 *    Factor code = the more specific (longer) of the two matched codes; the
 *    offered code when equally long. Among several best matches, the one with
 *    the longest, then alphabetically smallest, factor code.
 * 2. Certifications. A product match (level ≥ 2, so both codes share the HS
 *    chapter = first 2 digits) in chapter 07 or 08 requires growing_area_code and
 *    packing_facility_code; in 02, 03, 04, 05 or 16 requires gacc_registration.
 *    The seller (candidate for rule-1 they_offer_you_need matches, viewer for
 *    you_offer_they_need) earns WEIGHTS.certification once per distinct
 *    (seller, required kind) it holds, however many products require it.
 *    Factor certification, code = the kind.
 * 3. OCOP. If any they_offer_you_need match exists and the candidate holds an
 *    `ocop` certification with integer stars 3–5: + stars (the highest held).
 * 4. Same room: both roomId equal and non-null → WEIGHTS.sameRoom.
 *    Same venue on site: both attendance 'onsite' and equal venueId →
 *    WEIGHTS.sameVenueOnsite.  Shared language: the lower-cased language sets
 *    intersect → WEIGHTS.sharedLanguage, once.
 * 5. Score = sum of factor points. Factors (and reasons, same order) sort by
 *    points desc, then FACTOR_KINDS order, then code (plain code-unit order).
 */

export type { FactorKind } from './reasons';

export interface MatchCertification {
  kind: string;
  code?: string;
  stars?: number;
}

export interface MatchProfile {
  registrationId: string;
  /** Delegation country, e.g. 'VN' | 'CN'. */
  side: string;
  /** HS codes of 2, 4 or 6 digits. */
  offers: string[];
  needs: string[];
  certifications: MatchCertification[];
  /** ISO 639-1 codes the enterprise works in, e.g. ['vi', 'en']. */
  languages: string[];
  roomId: string | null;
  venueId: string;
  attendance: 'onsite' | 'online';
}

export interface ScoreContext {
  locale: Locale;
  /** Name of an HS code in a locale (the service passes the reference lookup). */
  hsName(code: string, locale: Locale): string | undefined;
  /** City of a venue in a locale, e.g. "Lào Cai" / "老街" / "Lao Cai". */
  venueCity(venueId: string, locale: Locale): string;
}

export interface MatchFactor {
  kind: FactorKind;
  points: number;
  /** HS code (products), certification kind, venue id or language code. */
  code?: string;
  /** Certification factors only: whose certificate it is. */
  seller?: 'candidate' | 'viewer';
}

export interface ScoredMatch {
  /** Integer ≥ 0. */
  score: number;
  /** Human-readable, in ctx.locale, most valuable first. */
  reasons: string[];
  /** Machine-readable breakdown, same order as reasons. */
  factors: MatchFactor[];
}

export { WEIGHTS } from './weights';

export type HsMatchLevel = 0 | 2 | 4 | 6;

/** The points of a product match at a level (read when scoring, so they follow WEIGHTS). */
function levelPoints(level: HsMatchLevel): number {
  return level === 6 ? WEIGHTS.hs6 : level === 4 ? WEIGHTS.hs4 : level === 2 ? WEIGHTS.hs2 : 0;
}

/** Longest common prefix among 2/4/6 digits both codes have. */
export function hsMatchLevel(a: string, b: string): HsMatchLevel {
  for (const level of [6, 4, 2] as const) {
    if (a.length >= level && b.length >= level && a.slice(0, level) === b.slice(0, level)) return level;
  }
  return 0;
}

/** Certification kinds the goods of an HS chapter need to be exported (rule 2). */
export const REQUIRED_CERTIFICATIONS: Readonly<Record<string, readonly RequiredCertificationKind[]>> = {
  '07': ['growing_area_code', 'packing_facility_code'],
  '08': ['growing_area_code', 'packing_facility_code'],
  '02': ['gacc_registration'],
  '03': ['gacc_registration'],
  '04': ['gacc_registration'],
  '05': ['gacc_registration'],
  '16': ['gacc_registration'],
};

/** A factor with its reason, kept together while sorting. */
interface Draft {
  factor: MatchFactor;
  reason: string;
}

interface ProductMatch {
  level: HsMatchLevel;
  offered: string;
  needed: string;
  /** The more specific of the two codes (the offered one when equally long). */
  code: string;
}

function moreSpecific(offered: string, needed: string): string {
  return needed.length > offered.length ? needed : offered;
}

/** Whether match `a` should be preferred over `b` as the one a reason names. */
function betterMatch(a: ProductMatch, b: ProductMatch): boolean {
  if (a.level !== b.level) return a.level > b.level;
  if (a.code.length !== b.code.length) return a.code.length > b.code.length;
  return a.code < b.code;
}

/** For each distinct code on the needing side, its best match among the offering side's codes. */
function productMatches(needs: readonly string[], offers: readonly string[]): ProductMatch[] {
  const distinctOffers = [...new Set(offers)];
  const result: ProductMatch[] = [];
  for (const needed of new Set(needs)) {
    let best: ProductMatch | undefined;
    for (const offered of distinctOffers) {
      const level = hsMatchLevel(offered, needed);
      if (level === 0) continue;
      const match: ProductMatch = { level, offered, needed, code: moreSpecific(offered, needed) };
      if (!best || betterMatch(match, best)) best = match;
    }
    if (best) result.push(best);
  }
  return result;
}

/** Required kinds over the chapters of these matches that the seller holds, in a stable order. */
function heldRequiredKinds(matches: readonly ProductMatch[], seller: MatchProfile): RequiredCertificationKind[] {
  const held = new Set(seller.certifications.map((c) => c.kind));
  const kinds = new Set<RequiredCertificationKind>();
  for (const m of matches) {
    for (const kind of REQUIRED_CERTIFICATIONS[m.offered.slice(0, 2)] ?? []) if (held.has(kind)) kinds.add(kind);
  }
  return [...kinds].sort();
}

function bestOcopStars(profile: MatchProfile): number {
  let best = 0;
  for (const c of profile.certifications) {
    const stars = c.stars;
    if (c.kind === 'ocop' && stars !== undefined && Number.isInteger(stars) && stars >= 3 && stars <= 5) best = Math.max(best, stars);
  }
  return best;
}

/** The language a shared-language reason names: the viewer's locale, then English, then alphabetical. */
function pickLanguage(shared: ReadonlySet<string>, locale: Locale): string | undefined {
  if (shared.has(locale)) return locale;
  if (shared.has('en')) return 'en';
  return [...shared].sort()[0];
}

function normalizedLanguages(profile: MatchProfile): Set<string> {
  return new Set(profile.languages.map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0));
}

const KIND_RANK = new Map<FactorKind, number>(FACTOR_KINDS.map((kind, i) => [kind, i]));

function compareFactors(a: MatchFactor, b: MatchFactor): number {
  if (a.points !== b.points) return b.points - a.points;
  const byKind = (KIND_RANK.get(a.kind) ?? 0) - (KIND_RANK.get(b.kind) ?? 0);
  if (byKind !== 0) return byKind;
  const ca = a.code ?? '';
  const cb = b.code ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  // Only certification factors can still tie (same kind held by both sellers): the candidate's first.
  const sa = a.seller === 'viewer' ? 1 : 0;
  const sb = b.seller === 'viewer' ? 1 : 0;
  return sa - sb;
}

export function scoreMatch(viewer: MatchProfile, candidate: MatchProfile, ctx: ScoreContext): ScoredMatch {
  const { locale } = ctx;
  const ref = (code: string): HsRef => {
    const name = ctx.hsName(code, locale)?.trim();
    return name ? { code, name } : { code };
  };
  const drafts: Draft[] = [];
  const add = <K extends FactorKind>(factor: MatchFactor & { kind: K }, params: ReasonParams[K]): void => {
    drafts.push({ factor, reason: reasonText(locale, factor.kind, params) });
  };

  // Rule 1: what they offer that I need, and what I offer that they need.
  const theyOffer = productMatches(viewer.needs, candidate.offers);
  const youOffer = productMatches(candidate.needs, viewer.offers);
  for (const m of theyOffer) {
    add({ kind: 'they_offer_you_need', points: levelPoints(m.level), code: m.code }, { offered: ref(m.offered), needed: ref(m.needed) });
  }
  for (const m of youOffer) {
    add({ kind: 'you_offer_they_need', points: levelPoints(m.level), code: m.code }, { offered: ref(m.offered), needed: ref(m.needed) });
  }

  // Rule 2: export certifications the matched goods require, held by whoever sells them.
  for (const [matches, seller, who] of [
    [theyOffer, candidate, 'candidate'],
    [youOffer, viewer, 'viewer'],
  ] as const) {
    for (const kind of heldRequiredKinds(matches, seller)) {
      add({ kind: 'certification', points: WEIGHTS.certification, code: kind, seller: who }, { kind, seller: who });
    }
  }

  // Rule 3: an OCOP rating only matters when they sell something I need.
  const stars = theyOffer.length > 0 ? bestOcopStars(candidate) : 0;
  if (stars > 0) add({ kind: 'ocop', points: stars }, { stars });

  // Rule 4: practical closeness.
  if (viewer.roomId !== null && viewer.roomId === candidate.roomId) {
    add({ kind: 'same_room', points: WEIGHTS.sameRoom }, {});
  }
  if (viewer.attendance === 'onsite' && candidate.attendance === 'onsite' && viewer.venueId === candidate.venueId) {
    add({ kind: 'same_venue_onsite', points: WEIGHTS.sameVenueOnsite, code: viewer.venueId }, { city: ctx.venueCity(viewer.venueId, locale) });
  }
  const theirLanguages = normalizedLanguages(candidate);
  const shared = new Set([...normalizedLanguages(viewer)].filter((l) => theirLanguages.has(l)));
  const language = pickLanguage(shared, locale);
  if (language !== undefined) {
    add({ kind: 'shared_language', points: WEIGHTS.sharedLanguage, code: language }, { language });
  }

  // Rule 5: most valuable first; the sort is total, so the output is deterministic.
  drafts.sort((a, b) => compareFactors(a.factor, b.factor));
  return {
    score: drafts.reduce((sum, d) => sum + d.factor.points, 0),
    reasons: drafts.map((d) => d.reason),
    factors: drafts.map((d) => d.factor),
  };
}
