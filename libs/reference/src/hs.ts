import type { HsEntryView, HsLevel, Locale, Localized } from '@tradebridge/contracts';
import sections from '../data/hs/sections.json';
import part1 from '../data/hs/hs-01-27.json';
import part2 from '../data/hs/hs-28-49.json';
import part3 from '../data/hs/hs-50-71.json';
import part4 from '../data/hs/hs-72-97.json';
import aliases from '../data/hs/aliases.json';
import { fold, words } from './text';

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
  /** Its names and trade-name aliases, each as words with and without diacritics. */
  texts: SearchText[];
}

interface SearchText {
  /** As words (see `words`), with and without diacritics. */
  exact: string;
  folded: string;
  /** As written (lower-case), punctuation kept, for a query that has some. */
  rawExact: string;
  rawFolded: string;
}

/** Common trade names per code (data/hs/aliases.json): what people type, not what the nomenclature says. */
interface RawAlias {
  code: string;
  vi: string[];
  zh: string[];
  en: string[];
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
  const aliasesOf = new Map<string, string[]>();
  for (const a of aliases as RawAlias[]) aliasesOf.set(a.code, [...(aliasesOf.get(a.code) ?? []), ...a.vi, ...a.zh, ...a.en]);
  const add = (record: Omit<HsRecord, 'texts'>) => {
    const texts = [record.names.vi, record.names.zh, record.names.en, ...(aliasesOf.get(record.code) ?? [])].map(searchText);
    const full = { ...record, texts };
    byCode.set(record.code, full);
    ordered.push(full);
  };
  for (const s of sections as RawSection[]) {
    add({ code: s.code, level: 'section', names: { en: s.en, vi: s.vi, zh: s.zh }, parent: null });
    for (let c = Number(s.chapters[0]); c <= Number(s.chapters[1]); c++) sectionOfChapter[String(c).padStart(2, '0')] = s.code;
  }
  const entries = [...(part1 as RawEntry[]), ...(part2 as RawEntry[]), ...(part3 as RawEntry[]), ...(part4 as RawEntry[])].sort((a, b) => a.code.localeCompare(b.code));
  for (const e of entries) {
    const level = LEVEL_BY_LENGTH[e.code.length];
    const parent = level === 'chapter' ? (sectionOfChapter[e.code] ?? null) : e.code.slice(0, e.code.length - 2);
    add({ code: e.code, level, names: { en: e.en, vi: e.vi, zh: e.zh }, parent });
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

/**
 * Search by code prefix (in code order) or by name or trade name in any of the
 * three languages, best match first:
 * 1. the query is a whole name or trade name ("chè", "vải thiều", "茶"),
 * 2. it is a whole word or run of words of one ("tea" in "Tea, whether or not flavoured"),
 * 3. a name has a word starting with it,
 * 4. it is inside a word ("tea" in "steaming").
 * All four with the query's own diacritics first, then without them, so
 * "mây" (rattan) and "máy" (machine) each find their own word first although
 * both fold to "may"; a query typed without diacritics matches without them.
 * Within a tier: headings, subheadings, chapters, sections; a name that starts
 * with the query; the shorter name; the code.
 */
export function searchHs(search: HsSearch, locale: Locale): { items: HsEntryView[]; total: number } {
  const query = search.q ? queryText(search.q) : undefined;
  const byCodePrefix = query !== undefined && /^\d{1,6}$/.test(query.exact);
  const ranked: { record: HsRecord; rank: number[] }[] = [];
  for (const r of ordered) {
    if (search.level && r.level !== search.level) continue;
    if (search.parent && r.parent !== search.parent) continue;
    if (!query?.exact) ranked.push({ record: r, rank: [] });
    else if (byCodePrefix) {
      if (r.code.startsWith(query.exact)) ranked.push({ record: r, rank: [] });
    } else {
      const rank = r.code.toLowerCase() === query.exact ? [-1] : matchRank(r, query);
      if (rank) ranked.push({ record: r, rank });
    }
  }
  if (query?.exact && !byCodePrefix) ranked.sort((a, b) => compareRanks(a.rank, b.rank) || a.record.code.localeCompare(b.record.code));
  return { items: ranked.slice(search.offset, search.offset + search.limit).map((m) => view(m.record, locale)), total: ranked.length };
}

const LEVEL_ORDER: Record<HsLevel, number> = { heading: 0, subheading: 1, chapter: 2, section: 3 };

function searchText(text: string): SearchText {
  const rawExact = text.normalize('NFC').toLowerCase().trim();
  return { exact: words(text), folded: words(fold(text)), rawExact, rawFolded: fold(text) };
}

/** The query keeps its punctuation: "100%" or "' OR 1=1--" match only texts that hold it literally. */
function queryText(q: string): SearchText {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const exact = squash(q.normalize('NFC').toLowerCase());
  const folded = squash(fold(q));
  return { exact, folded, rawExact: exact, rawFolded: folded };
}

/**
 * [tier, level, starts with the query ? 0 : 1, length of the best text]; undefined when nothing
 * matches. A query with diacritics ranks every match that keeps them above every match that does
 * not; one without (typed on a keyboard without them) is compared without them only.
 */
function matchRank(record: HsRecord, query: SearchText): number[] | undefined {
  const forms = query.exact === query.folded ? (['folded'] as const) : (['exact', 'folded'] as const);
  let best: number[] | undefined;
  for (const text of record.texts) {
    for (const [i, form] of forms.entries()) {
      const raw = form === 'exact' ? text.rawExact : text.rawFolded;
      const wordsTier = wordTier(text[form], query[form]);
      // Punctuation in the query: only a literal occurrence matches, ranked as inside a word.
      const tier = wordsTier ?? (raw.includes(query[form]) ? 3 : undefined);
      if (tier === undefined) continue;
      const matched = wordsTier === undefined ? raw : text[form];
      const rank = [i * 4 + tier, LEVEL_ORDER[record.level], matched.startsWith(query[form]) ? 0 : 1, matched.length];
      if (!best || compareRanks(rank, best) < 0) best = rank;
    }
  }
  return best;
}

/** 0: the whole text; 1: whole words of it; 2: the start of a word; 3: inside a word. */
function wordTier(text: string, query: string): number | undefined {
  if (!query || !text.includes(query)) return undefined;
  if (text === query) return 0;
  const padded = ` ${text} `;
  if (padded.includes(` ${query} `)) return 1;
  if (padded.includes(` ${query}`)) return 2;
  return 3;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function view(record: HsRecord, locale: Locale): HsEntryView {
  return { code: record.code, level: record.level, name: record.names[locale], names: record.names, parent: record.parent };
}
