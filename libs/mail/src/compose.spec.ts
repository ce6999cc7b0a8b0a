import { composeMail, mailOrganizer, meetingUid, unsubscribeUrls } from './compose';
import type { OutboundMail } from './outbound-mail';

describe('the identity of invitations and feeds (MAIL_FROM)', () => {
  it('names a meeting by MAIL_FROM’s domain, whether given the header or a bare address', () => {
    expect(meetingUid('m1', 'TradeBridge <no-reply@trade.example.vn>')).toBe('m1@trade.example.vn');
    expect(meetingUid('m1', 'no-reply@trade.example.vn')).toBe('m1@trade.example.vn');
    // The organizer's address gives the same UID as MAIL_FROM itself (e-mail and feed agree).
    expect(meetingUid('m1', mailOrganizer('"Xúc tiến" <no-reply@trade.example.vn>').email)).toBe('m1@trade.example.vn');
  });

  it('takes the organizer’s name and address from MAIL_FROM', () => {
    expect(mailOrganizer('TradeBridge <no-reply@trade.example.vn>')).toEqual({ name: 'TradeBridge', email: 'no-reply@trade.example.vn' });
    expect(mailOrganizer('"Hội nghị Lào Cai" <no-reply@trade.example.vn>')).toEqual({ name: 'Hội nghị Lào Cai', email: 'no-reply@trade.example.vn' });
    expect(mailOrganizer('no-reply@trade.example.vn')).toEqual({ name: 'TradeBridge', email: 'no-reply@trade.example.vn' });
  });
});

describe('composeMail', () => {
  const context = {
    from: 'TradeBridge <no-reply@trade.example.vn>',
    host: 'trade.example.vn',
    publicUrl: 'https://trade.example.vn',
    secret: 'a-secret-long-enough-for-the-unsubscribe-token',
  };
  const mail: OutboundMail = {
    id: '6f1c2a9e-0000-4000-8000-000000000001',
    userId: '6f1c2a9e-0000-4000-8000-0000000000aa',
    to: 'an@example.test',
    locale: 'vi',
    kind: 'meeting.booked',
    subject: 'Đã xếp lịch gặp',
    text: 'Cuộc gặp đã được xếp lịch.\n',
    html: '<!doctype html><html><body><p>Cuộc gặp đã được xếp lịch.</p></body></html>',
    unsubscribe: true,
  };

  it('ends a notification with a link to the unsubscribe page, in the reader’s language, in text and HTML', () => {
    const options = composeMail(mail, context);
    const { page, oneClick } = unsubscribeUrls(context.publicUrl, context.secret, mail.userId, mail.kind);
    expect(options.text).toBe(`Cuộc gặp đã được xếp lịch.\nNgừng nhận loại e-mail này: ${page}\n`);
    expect(options.html).toMatch(new RegExp(`<a href="${page.replace(/[.?]/g, '\\$&')}">Ngừng nhận loại e-mail này</a></p></body></html>$`));
    expect(options.list).toEqual({ unsubscribe: oneClick });
    expect(page).toMatch(/^https:\/\/trade\.example\.vn\/unsubscribe\?token=/);
  });

  it('adds no link to a message one cannot unsubscribe from (a password reset)', () => {
    const options = composeMail({ ...mail, kind: 'password-reset', unsubscribe: false }, context);
    expect(options.text).toBe(mail.text);
    expect(options.html).toBe(mail.html);
    expect(options.list).toBeUndefined();
  });
});
