import { meetingPlace, meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts } from './template';

const none = {} as MeetingFacts;

export const meetingMoved = phrased(
  {
    vi: (d, c) => ({
      title: `Lịch gặp với ${pick(d.partnerName, 'vi')} đã thay đổi`,
      body: `Thời gian mới: ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'vi')} (${pick(d.eventName, 'vi')}).`,
    }),
    zh: (d, c) => ({
      title: `与 ${pick(d.partnerName, 'zh')} 的洽谈已变更`,
      body: `新时间：${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'zh')}（${pick(d.eventName, 'zh')}）。`,
    }),
    en: (d, c) => ({
      title: `Meeting with ${pick(d.partnerName, 'en')} moved`,
      body: `Now: ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'en')} (${pick(d.eventName, 'en')}).`,
    }),
  },
  'REQUEST',
);
