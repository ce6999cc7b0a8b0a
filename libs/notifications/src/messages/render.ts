import { createHash } from 'node:crypto';
import type { Locale, NotificationKind } from '@tradebridge/contracts';
import { meetingSummary, meetingUid, meetingUrl } from '@tradebridge/mail';
import type { MeetingInvitation, OutboundMail } from '@tradebridge/mail';
import { escapeHtml, meetingPlace, meetingWhen, pick } from './format';
import { MESSAGES } from './registry';
import type { InAppMessage, MeetingFacts, NotificationFacts, RenderContext } from './template';

export function renderInApp(kind: NotificationKind, data: Record<string, unknown>, ctx: RenderContext): InAppMessage {
  return MESSAGES[kind].render(data, ctx);
}

const OPEN: Record<Locale, string> = { vi: 'Xem trên TradeBridge', zh: '在 TradeBridge 中查看', en: 'Open in TradeBridge' };
const WHY: Record<Locale, string> = {
  vi: 'Bạn nhận thư này vì đã bật thông báo qua e-mail cho loại tin này. Có thể tắt trong phần Cài đặt.',
  zh: '您收到此邮件是因为您开启了此类通知的邮件提醒，可在“设置”中关闭。',
  en: 'You get this e-mail because e-mail is on for this kind of notification. You can turn it off in Settings.',
};

export interface MailRecipient {
  id: string;
  email: string;
  displayName: string;
}

/** A UUID from a stable name (RFC 4122 version 5 layout), so a retried change names its e-mail the same. */
export function stableUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One notification as an e-mail to its recipient, in their language and zone:
 * the same title and body as in the app, the absolute link, all user text
 * escaped in the HTML, and for meetings their iCalendar invitations.
 */
export function renderMail(
  notification: { kind: NotificationKind; source: string; data: Record<string, unknown> },
  recipient: MailRecipient,
  ctx: RenderContext,
  organizer: { name: string; email: string },
): OutboundMail {
  const template = MESSAGES[notification.kind];
  const data = notification.data as NotificationFacts;
  const { title, body } = template.render(data, ctx);
  const url = `${ctx.publicUrl}${ctx.link}`;
  const text = `${body}\n\n${OPEN[ctx.locale]}: ${url}\n\n--\n${WHY[ctx.locale]}\n`;
  const html =
    `<!doctype html><html lang="${ctx.locale}"><body>` +
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(body)}</p>` +
    `<p><a href="${escapeHtml(url)}">${escapeHtml(OPEN[ctx.locale])}</a></p>` +
    `<hr><p style="color:#666;font-size:12px">${escapeHtml(WHY[ctx.locale])}</p>` +
    `</body></html>`;
  const method = template.invitation;
  // A scheduler run's e-mail invites to each of its meetings still on, each described alone.
  const meetings: { meeting: MeetingFacts; partnerName: NotificationFacts['partnerName']; about: string }[] = !method
    ? []
    : data.meetings
      ? data.meetings
          .filter((m) => m.status !== 'cancelled')
          .map((m) => ({ meeting: m, partnerName: m.partnerName, about: `${pick(m.partnerName, ctx.locale)}\n${meetingWhen(m, ctx, data.eventTimezone)} — ${meetingPlace(m, ctx.locale)}` }))
      : data.meeting
        ? [{ meeting: data.meeting, partnerName: data.partnerName, about: `${title}\n${body}` }]
        : [];
  const invitations = meetings.map(({ meeting, partnerName, about }) => meetingInvitation(data, meeting, partnerName, method!, recipient, ctx, organizer, about, url));
  return {
    id: stableUuid(`${recipient.id}:${notification.source}`),
    userId: recipient.id,
    to: recipient.email,
    locale: ctx.locale,
    kind: notification.kind,
    subject: title,
    text,
    html,
    unsubscribe: true,
    ...(invitations.length ? { invitations } : {}),
  };
}

function meetingInvitation(
  data: NotificationFacts,
  meeting: MeetingFacts,
  partnerName: NotificationFacts['partnerName'],
  method: 'REQUEST' | 'CANCEL',
  recipient: MailRecipient,
  ctx: RenderContext,
  organizer: { name: string; email: string },
  about: string,
  url: string,
): MeetingInvitation {
  const partner = pick(partnerName, ctx.locale);
  return {
    // The organizer is MAIL_FROM: the same UID as the personal feed's (calendar-feed.service.ts).
    uid: meetingUid(meeting.id, organizer.email),
    sequence: meeting.sequence ?? 0,
    method: method === 'CANCEL' || meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timezone: meeting.venueTimezone ?? data.eventTimezone ?? ctx.timezone,
    summary: meetingSummary(pick(data.eventName, ctx.locale), partner),
    description: `${about}\n${url}`,
    location: meetingPlace(meeting, ctx.locale),
    url: meetingUrl(meeting, url),
    organizer,
    attendees: [{ name: recipient.displayName, email: recipient.email }],
  };
}
