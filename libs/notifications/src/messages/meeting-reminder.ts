import { meetingPlace, meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts } from './template';

const none = {} as MeetingFacts;

// A simple version; the `remind` branch owns reminders and may reword it.
export const meetingReminder = phrased(
  {
    vi: (d, c) => ({
      title: `Sắp đến giờ gặp ${pick(d.partnerName, 'vi')}`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'vi')} (${pick(d.eventName, 'vi')}).`,
    }),
    zh: (d, c) => ({
      title: `与 ${pick(d.partnerName, 'zh')} 的洽谈即将开始`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'zh')}（${pick(d.eventName, 'zh')}）。`,
    }),
    en: (d, c) => ({
      title: `Meeting with ${pick(d.partnerName, 'en')} soon`,
      body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'en')} (${pick(d.eventName, 'en')}).`,
    }),
  },
  'REQUEST',
);
