import type { Locale, Localized } from '@tradebridge/contracts';
import type { MeetingFacts, RenderContext } from './template';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' };

/** A localized name in the reader's language, else any language it has. */
export function pick(name: Localized | string | undefined | null, locale: Locale): string {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[locale] ?? name.en ?? name.vi ?? name.zh ?? '';
}

// Building an Intl.DateTimeFormat, and formatting with zone names, is slow (ICU); a scheduler
// run renders tens of thousands of messages over a few slots, so formatters and results are kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();

function kept<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** e.g. "19 Jan 2021, 09:00 GMT+7" in the reader's language. */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  return kept(formatted, `${iso}|${locale}|${timeZone}`, () =>
    kept(
      formatters,
      `${locale}|${timeZone}`,
      () =>
        new Intl.DateTimeFormat(INTL_LOCALE[locale], {
          timeZone,
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
        }),
    ).format(new Date(iso)),
  );
}

function offsetOf(iso: string, timeZone: string): string {
  return kept(
    formatted,
    `${iso}|offset|${timeZone}`,
    () =>
      kept(formatters, `offset|${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }))
        .formatToParts(new Date(iso))
        .find((p) => p.type === 'timeZoneName')?.value ?? '',
  );
}

const VENUE_TIME: Record<Locale, string> = { vi: 'giờ tại địa điểm', zh: '会场时间', en: 'venue time' };

/** The meeting's time in the reader's zone, plus the venue's when its clock differs. */
export function meetingWhen(meeting: MeetingFacts, ctx: RenderContext, eventTimezone?: string): string {
  const mine = formatInstant(meeting.startsAt, ctx.locale, ctx.timezone);
  const venueZone = meeting.venueTimezone ?? eventTimezone;
  if (!venueZone || offsetOf(meeting.startsAt, venueZone) === offsetOf(meeting.startsAt, ctx.timezone)) return mine;
  return `${mine} (${VENUE_TIME[ctx.locale]}: ${formatInstant(meeting.startsAt, ctx.locale, venueZone)})`;
}

/** The calendar's wording of a meeting's place, shared with the personal feed. */
export { meetingPlace } from '@tradebridge/mail';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
