import ICAL from 'ical.js';
import { feedIcs, invitationIcs } from './invitation-ics';
import type { MeetingInvitation } from './outbound-mail';

const invitation: MeetingInvitation = {
  uid: '6f1c2a9e-0000-4000-8000-000000000001@tradebridge.local',
  sequence: 3,
  method: 'REQUEST',
  startsAt: '2021-01-19T02:00:00.000Z',
  endsAt: '2021-01-19T02:30:00.000Z',
  timezone: 'Asia/Ho_Chi_Minh',
  summary: 'Gặp Zhejiang Silk',
  description: 'Bàn 3',
  location: 'Lào Cai, bàn 3',
  url: 'https://trade.example.vn/meet/1',
  organizer: { name: 'TradeBridge', email: 'no-reply@trade.example.vn' },
  attendees: [
    { name: 'An', email: 'an@example.vn' },
    { name: 'Li', email: 'li@example.cn' },
  ],
};

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

describe('invitationIcs', () => {
  it('is a REQUEST with the meeting UID, SEQUENCE, instant, place and attendees', () => {
    const calendar = parse(invitationIcs(invitation));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(invitation.uid);
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe(invitation.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(invitation.endsAt);
    expect(event.location).toBe('Lào Cai, bàn 3');
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:an@example.vn', 'mailto:li@example.cn']);
    expect(String(event.component.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:no-reply@trade.example.vn');
  });

  it('is a CANCEL with STATUS:CANCELLED for a cancelled meeting', () => {
    const calendar = parse(invitationIcs({ ...invitation, method: 'CANCEL', sequence: 4 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(4);
  });

  it('is the same text on every call (a retried e-mail is the same message)', () => {
    expect(invitationIcs(invitation)).toBe(invitationIcs(invitation));
  });
});

describe('feedIcs', () => {
  it('lists every meeting without a METHOD, cancelled ones as CANCELLED', () => {
    const { method: _method, ...meeting } = invitation;
    const calendar = parse(
      feedIcs('TradeBridge', [
        { ...meeting, cancelled: false },
        { ...meeting, uid: 'other@tradebridge.local', cancelled: true },
      ]),
    );
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('status'))).toEqual(['CONFIRMED', 'CANCELLED']);
  });
});
