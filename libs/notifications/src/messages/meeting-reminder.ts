import type { Locale } from '@tradebridge/contracts';
import { meetingPlace, meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts, NotificationFacts } from './template';

const none = {} as MeetingFacts;

/** "in 15 minutes", "in 1 day": how far ahead the reminder was planned (the event's offset). */
export function howSoon(minutes: number | undefined, locale: Locale): string {
  if (!minutes) return { vi: 'sắp tới', zh: '即将', en: 'soon' }[locale];
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  const words = {
    vi: { day: 'ngày', hour: 'giờ', minute: 'phút' },
    zh: { day: '天', hour: '小时', minute: '分钟' },
    en: { day: n === 1 ? 'day' : 'days', hour: n === 1 ? 'hour' : 'hours', minute: n === 1 ? 'minute' : 'minutes' },
  }[locale][unit as 'day' | 'hour' | 'minute'];
  return { vi: `còn ${n} ${words}`, zh: `${n} ${words}后`, en: `in ${n} ${words}` }[locale];
}

const place = (d: NotificationFacts, locale: Locale) => meetingPlace(d.meeting ?? none, locale);

// Both parties, on site and online: when (in the reader's zone, plus the venue's), where (venue and table, or the call's link), with whom.
export const meetingReminder = phrased(
  {
    vi: (d, c) => ({
      title: `Lịch gặp ${pick(d.partnerName, 'vi')} ${howSoon(d.minutesBefore, 'vi')}`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${place(d, 'vi')} (${pick(d.eventName, 'vi')}).`,
    }),
    zh: (d, c) => ({
      title: d.minutesBefore ? `与 ${pick(d.partnerName, 'zh')} 的洽谈将在 ${howSoon(d.minutesBefore, 'zh')}开始` : `与 ${pick(d.partnerName, 'zh')} 的洽谈即将开始`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${place(d, 'zh')}（${pick(d.eventName, 'zh')}）。`,
    }),
    en: (d, c) => ({
      title: `Meeting with ${pick(d.partnerName, 'en')} ${howSoon(d.minutesBefore, 'en')}`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${place(d, 'en')} (${pick(d.eventName, 'en')}).`,
    }),
  },
  'REQUEST',
);
