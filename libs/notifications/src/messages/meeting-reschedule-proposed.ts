import { meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts } from './template';

const none = {} as MeetingFacts;

/** To the partner of the party that proposed another time: the current time, the proposed one, and where to answer. */
export const meetingRescheduleProposed = phrased({
  vi: (d, c) => ({
    title: `${pick(d.partnerName, 'vi')} đề xuất đổi giờ gặp`,
    body: `${pick(d.partnerName, 'vi')} đề nghị dời cuộc gặp lúc ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} sang ${meetingWhen(d.proposed ?? d.meeting ?? none, c, d.eventTimezone)} (${pick(d.eventName, 'vi')}). Hãy đồng ý hoặc từ chối trên trang lịch gặp.`,
  }),
  zh: (d, c) => ({
    title: `${pick(d.partnerName, 'zh')} 提议更改洽谈时间`,
    body: `${pick(d.partnerName, 'zh')} 提议将 ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} 的洽谈改到 ${meetingWhen(d.proposed ?? d.meeting ?? none, c, d.eventTimezone)}（${pick(d.eventName, 'zh')}）。请在洽谈页面同意或拒绝。`,
  }),
  en: (d, c) => ({
    title: `${pick(d.partnerName, 'en')} proposes another time`,
    body: `${pick(d.partnerName, 'en')} proposes to move the meeting at ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} to ${meetingWhen(d.proposed ?? d.meeting ?? none, c, d.eventTimezone)} (${pick(d.eventName, 'en')}). Accept or decline it on the meetings page.`,
  }),
});
