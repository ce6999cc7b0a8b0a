import type { Locale, Localized, RegionView } from '@tradebridge/contracts';
import vn from '../data/regions/VN.json';
import cn from '../data/regions/CN.json';
import la from '../data/regions/LA.json';
import { fold } from './text';

/**
 * First-level regions (ISO 3166-2) of the countries our conferences bring
 * together. Vietnam: the 34 units in force since 1 July 2025; the 63 former
 * provinces are aliases that resolve to the unit they merged into.
 */
interface RawAlias {
  code: string;
  en: string;
  vi: string;
  zh: string;
}
interface RawRegion extends RawAlias {
  country: string;
  aliases: RawAlias[];
}

interface RegionRecord {
  code: string;
  country: string;
  names: Required<Localized>;
  aliases: { code: string; names: Required<Localized> }[];
  folded: string;
}

const names = (r: RawAlias): Required<Localized> => ({ en: r.en, vi: r.vi, zh: r.zh });

const regions: RegionRecord[] = [...(vn as RawRegion[]), ...(cn as RawRegion[]), ...(la as RawRegion[])].map((r) => ({
  code: r.code,
  country: r.country,
  names: names(r),
  aliases: r.aliases.map((a) => ({ code: a.code, names: names(a) })),
  folded: fold([r.code, r.en, r.vi, r.zh, ...r.aliases.flatMap((a) => [a.code, a.en, a.vi, a.zh])].join(' ')),
}));

const byCode = new Map<string, RegionRecord>();
for (const r of regions) {
  byCode.set(r.code, r);
  for (const a of r.aliases) if (!byCode.has(a.code)) byCode.set(a.code, r);
}

export const REGION_COUNTRIES = ['VN', 'CN', 'LA'] as const;

/** Whether we ship regions for a country (others accept any well-formed ISO 3166-2 code). */
export function hasRegionData(country: string): boolean {
  return (REGION_COUNTRIES as readonly string[]).includes(country);
}

/**
 * The current region for a code of that country, following aliases
 * ("VN-06" Yên Bái → "VN-02" Lào Cai). Undefined when unknown or of another country.
 */
export function resolveRegion(country: string, code: string): RegionView | undefined {
  const record = byCode.get(code.toUpperCase());
  if (!record || record.country !== country) return undefined;
  return view(record, 'en');
}

// Administrative words a spreadsheet puts before or after a province's name ("Tỉnh Lào Cai", "浙江省").
const REGION_AFFIXES =
  /^(tinh|thanh pho|tp\.?|province of|province|city of|municipality of)\s+|\s+(province|city|municipality)$|(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/g;

/**
 * The current region a written name of that country stands for, in any of
 * vi/zh/en, with or without diacritics or "Tỉnh"/"省"; a pre-2025 province
 * ("Yên Bái") resolves to the unit it merged into, as codes do. Undefined when
 * the name is no region (or alias) of that country.
 */
export function findRegionByName(country: string, name: string): RegionView | undefined {
  const wanted = fold(name).replace(REGION_AFFIXES, '').trim();
  if (!wanted) return undefined;
  const matches = (n: Required<Localized>) => [n.en, n.vi, n.zh].some((written) => fold(written).replace(REGION_AFFIXES, '').trim() === wanted);
  const record = regions.find((r) => r.country === country && matches(r.names)) ?? regions.find((r) => r.country === country && r.aliases.some((a) => matches(a.names)));
  return record ? view(record, 'en') : undefined;
}

export function regionName(code: string, locale: Locale): string | undefined {
  return byCode.get(code)?.names[locale];
}

export function listRegions(filter: { country?: string; q?: string }, locale: Locale): RegionView[] {
  const q = filter.q ? fold(filter.q) : '';
  return regions.filter((r) => (!filter.country || r.country === filter.country) && (!q || r.folded.includes(q))).map((r) => view(r, locale));
}

function view(record: RegionRecord, locale: Locale): RegionView {
  return { code: record.code, country: record.country, name: record.names[locale], names: record.names, aliases: record.aliases };
}
