import { mailOrganizer, meetingUid } from './compose';

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
