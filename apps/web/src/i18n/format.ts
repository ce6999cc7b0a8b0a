import type { Locale, Localized } from '@tradebridge/contracts';

/** BCP 47 tags for Intl: Vietnamese, Simplified Chinese (mainland), English. */
export const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' };

/** A localized text in the viewer's language, else the first one present. */
export function pickName(text: Localized | Record<string, string> | undefined | null, locale: Locale): string {
  if (!text) return '';
  const value = (text as Record<string, string | undefined>)[locale];
  if (value) return value;
  for (const other of ['en', 'vi', 'zh'] as const) {
    const fallback = (text as Record<string, string | undefined>)[other];
    if (fallback) return fallback;
  }
  return '';
}

export type DateStyle = 'datetime' | 'date' | 'time' | 'weekday-time';

/** An instant shown in a time zone (the viewer's venue, or the event's), with its UTC offset. */
export function formatInstant(iso: string | Date, timeZone: string, locale: Locale, style: DateStyle = 'datetime', withZone = true): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const options: Intl.DateTimeFormatOptions = { timeZone };
  if (style === 'datetime' || style === 'date') Object.assign(options, { day: 'numeric', month: 'short', year: 'numeric' });
  if (style === 'weekday-time') Object.assign(options, { weekday: 'short', day: 'numeric', month: 'short' });
  if (style !== 'date') Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (withZone && style !== 'date') options.timeZoneName = 'shortOffset';
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], options).format(date);
}

/** "09:00–09:30 GMT+7" for a meeting slot. */
export function formatRange(startsAt: string, endsAt: string, timeZone: string, locale: Locale): string {
  const day = formatInstant(startsAt, timeZone, locale, 'date');
  const from = formatInstant(startsAt, timeZone, locale, 'time', false);
  const to = formatInstant(endsAt, timeZone, locale, 'time', false);
  // The offset after the range in every language (Chinese would put it before the end time).
  const zone = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(endsAt)).find((p) => p.type === 'timeZoneName')?.value;
  return `${day} · ${from}–${to}${zone ? ` ${zone}` : ''}`;
}

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], options).format(value);
}

/** Minutes a zone is ahead of UTC at an instant. */
function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** A wall-clock `YYYY-MM-DDTHH:MM` (from a datetime-local field) in a zone, as a UTC ISO string. */
export function zonedToIso(local: string, timeZone: string): string {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset even next to a DST change.
  let utc = guess - offsetMinutes(timeZone, new Date(guess)) * 60_000;
  utc = guess - offsetMinutes(timeZone, new Date(utc)) * 60_000;
  return new Date(utc).toISOString();
}

/** The reverse: an instant as the `YYYY-MM-DDTHH:MM` wall clock of a zone. */
export function isoToZoned(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const shifted = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
