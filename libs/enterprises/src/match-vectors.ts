import type { Certification, ProductLine } from '@tradebridge/contracts';

/** What ranking reads of an enterprise (see migration 1763800008000-match-vectors). */
export interface MatchVectors {
  offerPrefixes: string[];
  needPrefixes: string[];
  /** Distinct needed codes: each need counts once in ranking. */
  needCodes: string[];
  certificationKinds: string[];
  ocopStars: number;
}

/** 081060 → 08, 0810, 081060; 0810 → 08, 0810; 08 → 08. */
export function hsPrefixes(codes: string[]): string[] {
  const out = new Set<string>();
  for (const hsCode of codes) {
    out.add(hsCode.slice(0, 2));
    if (hsCode.length >= 4) out.add(hsCode.slice(0, 4));
    if (hsCode.length >= 6) out.add(hsCode.slice(0, 6));
  }
  return [...out].sort();
}

/**
 * An HS prefix as an integer key, unique across levels: "08" → 81, "0810" →
 * 8102, "081060" → 810603 (the digits, then 1/2/3 for chapter, heading,
 * subheading). PostgreSQL's hs_prefix_keys (migration OfferPrefixKeys) makes
 * the same keys, so ranking can intersect sorted int arrays.
 */
export function hsPrefixKey(prefix: string): number {
  return Number.parseInt(prefix, 10) * 10 + prefix.length / 2;
}

export function matchVectors(offers: ProductLine[], needs: ProductLine[], certifications: Certification[]): MatchVectors {
  const stars = certifications.filter((c) => c.kind === 'ocop' && c.stars !== undefined && Number.isInteger(c.stars) && c.stars >= 3 && c.stars <= 5).map((c) => c.stars!);
  return {
    offerPrefixes: hsPrefixes(offers.map((o) => o.hsCode)),
    needPrefixes: hsPrefixes(needs.map((n) => n.hsCode)),
    needCodes: [...new Set(needs.map((n) => n.hsCode))].sort(),
    certificationKinds: [...new Set(certifications.map((c) => c.kind))].sort(),
    ocopStars: stars.length ? Math.max(...stars) : 0,
  };
}
