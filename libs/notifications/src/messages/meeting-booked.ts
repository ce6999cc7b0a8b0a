import { meetingPlace, meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts } from './template';

const none = {} as MeetingFacts;

export const meetingBooked = phrased(
  {
    vi: (d, c) => ({
      title: `Lịch gặp với ${pick(d.partnerName, 'vi')}`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'vi')} (${pick(d.eventName, 'vi')}).`,
    }),
    zh: (d, c) => ({
      title: `已安排与 ${pick(d.partnerName, 'zh')} 的洽谈`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'zh')}（${pick(d.eventName, 'zh')}）。`,
    }),
    en: (d, c) => ({
      title: `Meeting booked with ${pick(d.partnerName, 'en')}`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'en')} (${pick(d.eventName, 'en')}).`,
    }),
  },
  'REQUEST',
);
