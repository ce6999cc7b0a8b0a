import { ErrorCode, FieldProblem, DomainError } from '@tradebridge/core';
import { hasRegionData, isCountryCode, isKnownHsCode, isKnownSectorCode, resolveRegion } from '@tradebridge/reference';
import type { Certification, ProductLine } from '@tradebridge/contracts';

type Problem = FieldProblem & { code: ErrorCode };

/**
 * Checks of a profile against reference data (shape is checked by the DTOs).
 * Returns the region to store — an alias such as VN-06 (Yên Bái) becomes the
 * unit it merged into, VN-02 (Lào Cai) — or throws naming every bad field.
 */
export function checkProfile(input: { country?: string; region?: string; sectors?: string[]; offers?: ProductLine[]; needs?: ProductLine[]; certifications?: Certification[] }): {
  region?: string;
} {
  const problems: Problem[] = [];
  let region: string | undefined;

  if (input.country !== undefined && !isCountryCode(input.country)) {
    problems.push({ code: ErrorCode.VALIDATION_FAILED, field: 'country', message: `"${input.country}" is not an ISO 3166-1 alpha-2 country code` });
  }
  if (input.region !== undefined && input.country !== undefined) {
    const code = input.region.toUpperCase();
    if (hasRegionData(input.country)) {
      const found = resolveRegion(input.country, code);
      if (found) region = found.code;
      else problems.push({ code: ErrorCode.UNKNOWN_REGION, field: 'region', message: `"${input.region}" is not a region of ${input.country}` });
    } else if (new RegExp(`^${input.country}-[A-Z0-9]{1,3}$`).test(code)) {
      region = code;
    } else {
      problems.push({ code: ErrorCode.UNKNOWN_REGION, field: 'region', message: `"${input.region}" is not an ISO 3166-2 code of ${input.country}` });
    }
  }
  input.sectors?.forEach((s, i) => {
    if (!isKnownSectorCode(s)) problems.push({ code: ErrorCode.UNKNOWN_HS_CODE, field: `sectors[${i}]`, message: `"${s}" is not an HS 2022 section or chapter` });
  });
  for (const direction of ['offers', 'needs'] as const) {
    input[direction]?.forEach((line, i) => {
      if (!isKnownHsCode(line.hsCode)) {
        problems.push({ code: ErrorCode.UNKNOWN_HS_CODE, field: `${direction}[${i}].hsCode`, message: `"${line.hsCode}" is not a known HS 2022 code` });
      }
    });
  }
  input.certifications?.forEach((c, i) => {
    if (c.kind === 'ocop' && (c.stars === undefined || c.stars < 3 || c.stars > 5)) {
      problems.push({ code: ErrorCode.VALIDATION_FAILED, field: `certifications[${i}].stars`, message: 'an OCOP rating has 3 to 5 stars' });
    }
    if (c.kind !== 'ocop' && c.kind !== 'iso' && !c.code) {
      problems.push({ code: ErrorCode.VALIDATION_FAILED, field: `certifications[${i}].code`, message: `a ${c.kind} certification needs its code` });
    }
  });

  if (problems.length) {
    const kinds = new Set(problems.map((p) => p.code));
    const code = kinds.size === 1 ? problems[0].code : ErrorCode.VALIDATION_FAILED;
    throw DomainError.invalidFields(
      code,
      problems.map(({ field, message }) => ({ field, message })),
    );
  }
  return { region };
}
