import type { HsEntryView, HsLevel, Locale, Localized } from '@tradebridge/contracts';
import sections from '../data/hs/sections.json';
import part1 from '../data/hs/hs-01-27.json';
import part2 from '../data/hs/hs-28-49.json';
import part3 from '../data/hs/hs-50-71.json';
import part4 from '../data/hs/hs-72-97.json';
import { fold } from './text';

/**
 * The HS 2022 nomenclature shipped with the product: every section, chapter and
 * 4-digit heading, and the 6-digit subheadings of the goods traded at our
 * conferences. Any 6-digit code under a known heading is valid (it takes the
 * heading's name).
 */
interface HsRecord {
  code: string;
  level: HsLevel;
  names: Required<Localized>;
  parent: string | null;
  folded: string;
}

interface RawEntry {
  code: string;
  en: string;
  vi: string;
  zh: string;
}
interface RawSection extends RawEntry {
  chapters: [string, string];
}

const LEVEL_BY_LENGTH: Record<number, HsLevel> = { 2: 'chapter', 4: 'heading', 6: 'subheading' };

function build(): { byCode: Map<string, HsRecord>; sectionOfChapter: Record<string, string>; ordered: HsRecord[] } {
  const byCode = new Map<string, HsRecord>();
  const sectionOfChapter: Record<string, string> = {};
  const ordered: HsRecord[] = [];
  const add = (record: HsRecord) => {
    byCode.set(record.code, record);
    ordered.push(record);
  };
  for (const s of sections as RawSection[]) {
    add({ code: s.code, level: 'section', names: { en: s.en, vi: s.vi, zh: s.zh }, parent: null, folded: fold(`${s.en} ${s.vi} ${s.zh}`) });
    for (let c = Number(s.chapters[0]); c <= Number(s.chapters[1]); c++) sectionOfChapter[String(c).padStart(2, '0')] = s.code;
  }
  const entries = [...(part1 as RawEntry[]), ...(part2 as RawEntry[]), ...(part3 as RawEntry[]), ...(part4 as RawEntry[])].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  for (const e of entries) {
    const level = LEVEL_BY_LENGTH[e.code.length];
    const parent = level === 'chapter' ? (sectionOfChapter[e.code] ?? null) : e.code.slice(0, e.code.length - 2);
    add({ code: e.code, level, names: { en: e.en, vi: e.vi, zh: e.zh }, parent, folded: fold(`${e.en} ${e.vi} ${e.zh}`) });
  }
  return { byCode, sectionOfChapter, ordered };
}

const { byCode, sectionOfChapter: SECTION_OF_CHAPTER, ordered } = build();

/** HS chapter ("08") → section ("II"), for room assignment and sector filters. */
export const sectionOfChapter: Readonly<Record<string, string>> = SECTION_OF_CHAPTER;

const SECTION_CODE = /^[IVX]{1,5}$/;
const DIGITS = /^(\d{2}|\d{4}|\d{6})$/;

/** Known HS code of 2, 4 or 6 digits; 6 digits count when their heading is known. */
export function isKnownHsCode(code: string): boolean {
  if (!DIGITS.test(code)) return false;
  if (code.length === 6) return byCode.has(code) || byCode.has(code.slice(0, 4));
  return byCode.has(code);
}

/** A sector code of a room: an HS section (roman) or chapter (2 digits). */
export function isKnownSectorCode(code: string): boolean {
  return SECTION_CODE.test(code) ? byCode.has(code) : /^\d{2}$/.test(code) && byCode.has(code);
}

export function hsEntry(code: string, locale: Locale = 'en'): HsEntryView | undefined {
  const record = byCode.get(code);
  if (record) return view(record, locale);
  if (code.length === 6 && isKnownHsCode(code)) {
    const heading = byCode.get(code.slice(0, 4))!;
    return { code, level: 'subheading', name: heading.names[locale], names: heading.names, parent: heading.code };
  }
  return undefined;
}

/** The name of a code in a language (a 6-digit code without its own name takes its heading's). */
export function hsName(code: string, locale: Locale): string | undefined {
  return hsEntry(code, locale)?.name;
}

export interface HsSearch {
  q?: string;
  level?: HsLevel;
  parent?: string;
  limit: number;
  offset: number;
}

/** Search by code prefix or by name in any of the three languages. */
export function searchHs(search: HsSearch, locale: Locale): { items: HsEntryView[]; total: number } {
  const q = search.q ? fold(search.q) : '';
  const byCodePrefix = /^\d{1,6}$/.test(q);
  const matches = ordered.filter((r) => {
    if (search.level && r.level !== search.level) return false;
    if (search.parent && r.parent !== search.parent) return false;
    if (!q) return true;
    if (byCodePrefix) return r.code.startsWith(q);
    return r.folded.includes(q) || r.code.toLowerCase() === q;
  });
  return { items: matches.slice(search.offset, search.offset + search.limit).map((r) => view(r, locale)), total: matches.length };
}

function view(record: HsRecord, locale: Locale): HsEntryView {
  return { code: record.code, level: record.level, name: record.names[locale], names: record.names, parent: record.parent };
}
