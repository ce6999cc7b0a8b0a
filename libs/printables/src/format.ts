import type { Locale, Localized } from '@tradebridge/contracts';
import { say } from './labels';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' };

/** A localized name in the reader's language, else any language it has. */
export function pick(name: Localized | null | undefined, locale: Locale): string {
  if (!name) return '';
  return name[locale] ?? name.en ?? name.vi ?? name.zh ?? '';
}

/** The language of a side's country: what its enterprises' names are written in at home. */
const SIDE_LOCALE: Record<string, Locale> = { VN: 'vi', CN: 'zh', TW: 'zh', HK: 'zh', MO: 'zh', SG: 'zh' };
export const localeOfSide = (side: string): Locale | undefined => SIDE_LOCALE[side];

/**
 * An enterprise's names as its badge shows them: the name in its own country's language
 * leads (a Chinese enterprise's in Chinese, a Vietnamese one's in Vietnamese) — the name
 * it is known by, the one the other side will be introduced to. Below, where they differ:
 * the reader's form first, then the others. Without a home-language name, the reader's leads.
 */
export function badgeNames(name: Localized, side: string, locale: Locale): { lead: string; below: string[] } {
  const home = localeOfSide(side);
  const lead = (home && name[home]) || pick(name, locale);
  const order = [locale, ...(['vi', 'zh', 'en'] as const).filter((l) => l !== locale)];
  const below = [pick(name, locale), ...order.map((l) => name[l])].filter((n): n is string => !!n && n !== lead);
  return { lead, below: [...new Set(below)] };
}

/** The enterprise's names in the languages other than the reader's, where they differ. */
export function otherNames(name: Localized, locale: Locale): string[] {
  const main = pick(name, locale);
  return [
    ...new Set(
      (['vi', 'zh', 'en'] as const)
        .filter((l) => l !== locale)
        .map((l) => name[l])
        .filter((n): n is string => !!n && n !== main),
    ),
  ];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** How each language writes a date alone: "19 Jan 2021", "2021年1月19日", "19/01/2021". */
const DATE_OPTIONS: Record<Locale, Intl.DateTimeFormatOptions> = {
  vi: { day: '2-digit', month: '2-digit', year: 'numeric' },
  zh: { day: 'numeric', month: 'long', year: 'numeric' },
  en: { day: 'numeric', month: 'short', year: 'numeric' },
};

function formatter(locale: Locale, timeZone: string, kind: 'day' | 'date' | 'time' | 'offset'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : kind === 'date'
          ? DATE_OPTIONS[locale]
          : kind === 'time'
            ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { timeZoneName: 'shortOffset' };
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "Tue, 19 Jan 2021" in the reader's language and zone. */
export const dayOf = (iso: string, locale: Locale, timeZone: string) => formatter(locale, timeZone, 'day').format(new Date(iso));
/** "09:00–09:30". */
export const timeRange = (startsAt: string, endsAt: string, locale: Locale, timeZone: string) =>
  `${formatter(locale, timeZone, 'time').format(new Date(startsAt))}–${formatter(locale, timeZone, 'time').format(new Date(endsAt))}`;
/** "09:00". */
export const clockTime = (iso: string, locale: Locale, timeZone: string) => formatter(locale, timeZone, 'time').format(new Date(iso));
/** "GMT+7". */
export const offsetOf = (iso: string, timeZone: string) =>
  formatter('en', timeZone, 'offset')
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
/** "19 Jan 2021, 07:00 (GMT+7)", "2021年1月19日 07:00 (GMT+7)", "07:00 ngày 19/01/2021 (GMT+7)": date, time, then zone. */
export const stamp = (at: Date, locale: Locale, timeZone: string) =>
  say('instant', locale, {
    date: formatter(locale, timeZone, 'date').format(at),
    time: formatter(locale, timeZone, 'time').format(at),
    zone: offsetOf(at.toISOString(), timeZone),
  });

/** Sorts by the name as the reader reads it. */
export function byName<T>(rows: T[], name: (row: T) => Localized, locale: Locale): T[] {
  const collator = new Intl.Collator(INTL_LOCALE[locale]);
  return [...rows].sort((a, b) => collator.compare(pick(name(a), locale), pick(name(b), locale)));
}

/** A valid IANA zone, else the fallback. */
export function zoneOr(zone: string | null | undefined, fallback: string): string {
  if (!zone) return fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return fallback;
  }
}
