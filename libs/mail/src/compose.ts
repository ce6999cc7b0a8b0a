/**
 * An OutboundMail as the message nodemailer sends: the same Message-ID on
 * every retry (`<id@host>`), text and HTML, List-Unsubscribe with one-click
 * POST (RFC 8058) for notifications, and each meeting's invitation as a real
 * `text/calendar; method=…` part. Pure.
 */
import type { SendMailOptions } from 'nodemailer';
import { invitationIcs } from './invitation-ics';
import type { OutboundMail } from './outbound-mail';
import { unsubscribeToken } from './unsubscribe-token';

export interface ComposeContext {
  from: string;
  /** The Message-ID's right-hand side: the MAIL_FROM domain. */
  host: string;
  publicUrl: string;
  secret: string;
}

/** `TradeBridge <no-reply@trade.example.vn>` → `trade.example.vn`. */
export function mailHost(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}

/**
 * The iCalendar UID of a meeting: `<meetingId>@<MAIL_FROM's domain>`, the same in
 * every invitation e-mail and in every personal feed, so a calendar holding both
 * keeps one event per meeting. `from` is MAIL_FROM or a bare address.
 */
export function meetingUid(meetingId: string, from: string): string {
  return `${meetingId}@${mailHost(from)}`;
}

/** The ORGANIZER of invitations and feeds: MAIL_FROM (`TradeBridge <no-reply@…>` → its name and address). */
export function mailOrganizer(from: string): { name: string; email: string } {
  const bracketed = /<([^>]+)>/.exec(from)?.[1];
  const address = (bracketed ?? from).trim();
  const name = bracketed
    ? from
        .replace(/<[^>]*>/, '')
        .replace(/"/g, '')
        .trim()
    : '';
  return { name: name || 'TradeBridge', email: address };
}

export function messageId(mail: Pick<OutboundMail, 'id'>, host: string): string {
  return `<${mail.id}@${host}>`;
}

/** Where the unsubscribe link of an e-mail leads: the web page confirms, the API URL takes the one-click POST. */
export function unsubscribeUrls(publicUrl: string, secret: string, userId: string, kind: string): { page: string; oneClick: string } {
  const token = encodeURIComponent(unsubscribeToken(secret, userId, kind));
  return { page: `${publicUrl}/unsubscribe?token=${token}`, oneClick: `${publicUrl}/api/unsubscribe?token=${token}` };
}

const UNSUBSCRIBE: Record<OutboundMail['locale'], string> = {
  vi: 'Ngừng nhận loại e-mail này',
  zh: '退订此类邮件',
  en: 'Unsubscribe from this kind of e-mail',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The message as sent. One that may be unsubscribed from carries, besides
 * List-Unsubscribe (the one-click POST of mail clients), a link at its foot to
 * the page that confirms it, in the reader's language: a person clicking in
 * the body gets a button, a mail filter fetching links changes nothing.
 */
export function composeMail(mail: OutboundMail, context: ComposeContext): SendMailOptions & { text: string; html: string } {
  const urls = mail.unsubscribe ? unsubscribeUrls(context.publicUrl, context.secret, mail.userId, mail.kind) : null;
  const label = UNSUBSCRIBE[mail.locale] ?? UNSUBSCRIBE.en;
  const footer = urls ? `<p style="color:#666;font-size:12px"><a href="${escapeHtml(urls.page)}">${escapeHtml(label)}</a></p>` : '';
  const options: SendMailOptions & { text: string; html: string } = {
    messageId: messageId(mail, context.host),
    from: context.from,
    to: mail.to,
    subject: mail.subject,
    text: urls ? `${mail.text.trimEnd()}\n${label}: ${urls.page}\n` : mail.text,
    html: !footer ? mail.html : mail.html.includes('</body>') ? mail.html.replace('</body>', `${footer}</body>`) : mail.html + footer,
    headers: { 'Content-Language': mail.locale, 'X-TradeBridge-Kind': mail.kind },
  };
  if (urls) {
    const { oneClick } = urls;
    options.list = { unsubscribe: oneClick };
    options.headers = { ...(options.headers as Record<string, string>), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
  const [first, ...more] = mail.invitations ?? [];
  if (first) {
    // The first as the message's calendar alternative (what mail clients show as the invitation),
    // each further meeting as its own text/calendar part: one UID per part, as iTIP has it.
    options.icalEvent = { method: first.method, content: invitationIcs(first), filename: 'invitation.ics' };
    if (more.length)
      options.attachments = more.map((invitation, i) => ({
        filename: `invitation-${i + 2}.ics`,
        content: invitationIcs(invitation),
        contentType: `text/calendar; charset=utf-8; method=${invitation.method}`,
      }));
  }
  return options;
}
