import type { Locale, Localized } from '@tradebridge/contracts';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' };

/** A localized name in the reader's language, else any language it has. */
export function pick(name: Localized | null | undefined, locale: Locale): string {
  if (!name) return '';
  return name[locale] ?? name.en ?? name.vi ?? name.zh ?? '';
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
function formatter(locale: Locale, timeZone: string, kind: 'day' | 'time' | 'offset' | 'stamp'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : kind === 'offset'
            ? { timeZoneName: 'shortOffset' }
            : { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
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
/** "GMT+7". */
export const offsetOf = (iso: string, timeZone: string) =>
  formatter('en', timeZone, 'offset')
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
export const stamp = (at: Date, locale: Locale, timeZone: string) => formatter(locale, timeZone, 'stamp').format(at);

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
