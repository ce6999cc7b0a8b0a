import { meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts } from './template';

const none = {} as MeetingFacts;

export const meetingCancelled = phrased(
  {
    vi: (d, c) => ({
      title: `Lịch gặp với ${pick(d.partnerName, 'vi')} đã bị hủy`,
      body: `Cuộc gặp lúc ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} (${pick(d.eventName, 'vi')}) đã bị hủy.`,
    }),
    zh: (d, c) => ({
      title: `与 ${pick(d.partnerName, 'zh')} 的洽谈已取消`,
      body: `原定于 ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} 的洽谈（${pick(d.eventName, 'zh')}）已取消。`,
    }),
    en: (d, c) => ({
      title: `Meeting with ${pick(d.partnerName, 'en')} cancelled`,
      body: `The meeting at ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} (${pick(d.eventName, 'en')}) was cancelled.`,
    }),
  },
  'CANCEL',
);
