import { meetingPlace, meetingWhen, pick } from './format';
import { phrased } from './template';
import type { MeetingFacts, NotificationFacts, RenderContext, ScheduledMeetingFacts } from './template';

const none = {} as MeetingFacts;

const CANCELLED = { vi: 'đã huỷ', zh: '已取消', en: 'cancelled' } as const;

/** A scheduler run's meetings of the reader, by time: "when — partner (place)", a cancelled one marked. */
function listed(d: NotificationFacts, c: RenderContext): string {
  const meetings = [...(d.meetings ?? [])].sort((a: ScheduledMeetingFacts, b: ScheduledMeetingFacts) => a.startsAt.localeCompare(b.startsAt));
  return meetings
    .map((m) => `${meetingWhen(m, c, d.eventTimezone)} — ${pick(m.partnerName, c.locale)} (${meetingPlace(m, c.locale)})${m.status === 'cancelled' ? ` [${CANCELLED[c.locale]}]` : ''}`)
    .join('; ');
}

/** One meeting booked by hand; or a scheduler run's, one notification listing the reader's meetings (`data.meetings`). */
export const meetingBooked = phrased(
  {
    vi: (d, c) =>
      d.meetings
        ? { title: `Đã xếp ${d.meetings.length} lịch gặp cho bạn`, body: `${pick(d.eventName, 'vi')}: ${listed(d, c)}.` }
        : {
            title: `Lịch gặp với ${pick(d.partnerName, 'vi')}`,
            body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'vi')} (${pick(d.eventName, 'vi')}).`,
          },
    zh: (d, c) =>
      d.meetings
        ? { title: `已为您安排 ${d.meetings.length} 场洽谈`, body: `${pick(d.eventName, 'zh')}：${listed(d, c)}。` }
        : {
            title: `已安排与 ${pick(d.partnerName, 'zh')} 的洽谈`,
            body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'zh')}（${pick(d.eventName, 'zh')}）。`,
          },
    en: (d, c) =>
      d.meetings
        ? { title: `${d.meetings.length} ${d.meetings.length === 1 ? 'meeting' : 'meetings'} booked for you`, body: `${pick(d.eventName, 'en')}: ${listed(d, c)}.` }
        : {
            title: `Meeting booked with ${pick(d.partnerName, 'en')}`,
            body: `${meetingWhen(d.meeting ?? none, c, d.eventTimezone)} — ${meetingPlace(d.meeting ?? none, 'en')} (${pick(d.eventName, 'en')}).`,
          },
  },
  'REQUEST',
);
