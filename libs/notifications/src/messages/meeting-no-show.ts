import { meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts } from './template';

const none = {} as MeetingFacts;

/** To the party that came: the partner did not, and what can be done about it. */
export const meetingNoShow = phrased({
  vi: (d, c) => ({
    title: `${pick(d.partnerName, 'vi')} không đến cuộc gặp`,
    body: `${pick(d.partnerName, 'vi')} không có mặt ở cuộc gặp lúc ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} (${pick(d.eventName, 'vi')}). Bạn có thể đề xuất giờ khác, hoặc ban tổ chức sẽ xếp cho bạn một lịch gặp ở khung giờ còn trống.`,
  }),
  zh: (d, c) => ({
    title: `${pick(d.partnerName, 'zh')} 未出席洽谈`,
    body: `${pick(d.partnerName, 'zh')} 未出席 ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} 的洽谈（${pick(d.eventName, 'zh')}）。您可以提议其他时间，主办方也会在空出的时段为您安排洽谈。`,
  }),
  en: (d, c) => ({
    title: `${pick(d.partnerName, 'en')} did not come to your meeting`,
    body: `${pick(d.partnerName, 'en')} did not attend the meeting at ${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} (${pick(d.eventName, 'en')}). You can propose another time, or the organizers will offer you a freed slot.`,
  }),
});
