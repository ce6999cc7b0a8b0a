import { NOTIFICATION_KINDS } from '@tradebridge/contracts';
import { MESSAGES } from './registry';
import { renderInApp, renderMail, stableUuid } from './render';
import type { NotificationFacts } from './template';

const meeting: NotificationFacts = {
  eventName: { vi: 'Hội nghị Lào Cai', zh: '老街会议', en: 'Lao Cai Conference' },
  eventTimezone: 'Asia/Ho_Chi_Minh',
  partnerName: { vi: 'Công ty Chiết Giang', zh: '浙江公司', en: 'Zhejiang Textiles' },
  meeting: {
    id: '6f1c1b1e-0000-4000-8000-000000000001',
    startsAt: '2021-01-19T02:00:00.000Z',
    endsAt: '2021-01-19T02:30:00.000Z',
    mode: 'onsite',
    venueName: 'Lào Cai main venue',
    venueTimezone: 'Asia/Ho_Chi_Minh',
    table: 4,
    link: null,
    status: 'scheduled',
    sequence: 3,
  },
};
const ctx = { publicUrl: 'https://tradebridge.example', link: '/events/e1/meetings' };
const reader = { id: 'u1', email: 'an@example.vn', displayName: 'Nguyễn An' };
const organizer = { name: 'TradeBridge', email: 'no-reply@tradebridge.example' };

describe('notification messages', () => {
  it('has a template for every kind, in every language', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(MESSAGES[kind]).toBeDefined();
      for (const locale of ['vi', 'zh', 'en'] as const) {
        const { title } = renderInApp(kind, meeting as Record<string, unknown>, { ...ctx, locale, timezone: 'UTC' });
        expect(title.length).toBeGreaterThan(0);
      }
    }
  });

  it('writes in the reader’s language and zone, with the venue’s time when it differs', () => {
    const inHangzhou = renderInApp('meeting.booked', meeting as Record<string, unknown>, { ...ctx, locale: 'zh', timezone: 'Asia/Shanghai' });
    expect(inHangzhou.title).toContain('浙江公司');
    expect(inHangzhou.body).toContain('10:00');
    expect(inHangzhou.body).toContain('会场时间');
    expect(inHangzhou.body).toContain('09:00');
    expect(inHangzhou.body).toContain('4');
    const inLaoCai = renderInApp('meeting.booked', meeting as Record<string, unknown>, { ...ctx, locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' });
    expect(inLaoCai.title).toContain('Công ty Chiết Giang');
    expect(inLaoCai.body).toContain('09:00');
    expect(inLaoCai.body).not.toContain('giờ tại địa điểm');
    expect(inLaoCai.body).toContain('bàn 4');
  });

  it('makes an e-mail with the absolute link, escaped HTML and a stable id', () => {
    const data = { partnerName: { en: '<script>alert(1)</script> & Co' }, eventName: { en: 'Expo' }, message: '"hi" <b>' };
    const mail = renderMail({ kind: 'connection.requested', source: 'log:e1:3:', data }, reader, { ...ctx, locale: 'en', timezone: 'UTC', link: '/events/e1/connections' }, organizer);
    expect(mail.to).toBe('an@example.vn');
    expect(mail.subject).toContain('<script>alert(1)</script> & Co');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(mail.html).toContain('&lt;b&gt;');
    expect(mail.html).toContain('href="https://tradebridge.example/events/e1/connections"');
    expect(mail.text).toContain('https://tradebridge.example/events/e1/connections');
    expect(mail.invitations).toBeUndefined();
    expect(mail.unsubscribe).toBe(true);
    expect(mail.id).toBe(stableUuid('u1:log:e1:3:'));
    expect(mail.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries a meeting invitation: stable uid, the sequence, venue and table, the recipient as attendee', () => {
    const mail = renderMail(
      { kind: 'meeting.booked', source: 'log:e1:9:m1', data: meeting as Record<string, unknown> },
      reader,
      { ...ctx, locale: 'en', timezone: 'Asia/Shanghai' },
      organizer,
    );
    expect(mail.invitations?.[0]).toMatchObject({
      uid: '6f1c1b1e-0000-4000-8000-000000000001@tradebridge.example',
      sequence: 3,
      method: 'REQUEST',
      startsAt: '2021-01-19T02:00:00.000Z',
      endsAt: '2021-01-19T02:30:00.000Z',
      timezone: 'Asia/Ho_Chi_Minh',
      location: 'Lào Cai main venue, table 4',
      organizer,
      attendees: [{ name: 'Nguyễn An', email: 'an@example.vn' }],
    });
    expect(mail.invitations![0].summary).toContain('Zhejiang Textiles');
  });

  it('cancels with CANCEL, and an online meeting’s location is its link', () => {
    const online: NotificationFacts = {
      ...meeting,
      meeting: { ...meeting.meeting!, mode: 'online', venueName: null, venueTimezone: null, table: null, link: 'https://tradebridge.example/meet/m1', status: 'cancelled', sequence: 4 },
    };
    const mail = renderMail({ kind: 'meeting.cancelled', source: 's', data: online as Record<string, unknown> }, reader, { ...ctx, locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' }, organizer);
    expect(mail.invitations?.[0]).toMatchObject({ method: 'CANCEL', sequence: 4, location: 'trực tuyến: https://tradebridge.example/meet/m1', timezone: 'Asia/Ho_Chi_Minh' });
    expect(mail.subject).toContain('hủy');
  });

  describe('a scheduler run’s notification (its meetings listed)', () => {
    const online = {
      ...meeting.meeting!,
      id: '6f1c1b1e-0000-4000-8000-000000000002',
      startsAt: '2021-01-19T03:00:00.000Z',
      endsAt: '2021-01-19T03:30:00.000Z',
      mode: 'online' as const,
      venueName: null,
      venueTimezone: null,
      table: null,
      link: 'https://tradebridge.example/meet/m2',
      sequence: 0,
    };
    const cancelled = {
      ...meeting.meeting!,
      id: '6f1c1b1e-0000-4000-8000-000000000003',
      startsAt: '2021-01-19T04:00:00.000Z',
      endsAt: '2021-01-19T04:30:00.000Z',
      status: 'cancelled',
      sequence: 1,
    };
    const run: NotificationFacts = {
      eventName: meeting.eventName,
      eventTimezone: 'Asia/Ho_Chi_Minh',
      meetingIds: [online.id, meeting.meeting!.id, cancelled.id],
      // As looked up when read: out of order here, listed by time.
      meetings: [
        { ...online, partnerName: { vi: 'Công ty Hàng Châu', zh: '杭州公司', en: 'Hangzhou Trading' } },
        { ...meeting.meeting!, partnerName: meeting.partnerName! },
        { ...cancelled, partnerName: { en: 'Yunnan Tea' } },
      ],
    };

    it('says how many, and lists each by time with its partner and place, in the reader’s language and zone', () => {
      const en = renderInApp('meeting.booked', run as Record<string, unknown>, { ...ctx, locale: 'en', timezone: 'Asia/Shanghai' });
      expect(en.title).toBe('3 meetings booked for you');
      const order = ['Zhejiang Textiles', 'Hangzhou Trading', 'Yunnan Tea'].map((name) => en.body.indexOf(name));
      expect(order.every((at) => at > 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(en.body).toContain('10:00 GMT+8 (venue time: 19 Jan 2021, 09:00 GMT+7)');
      expect(en.body).toContain('online: https://tradebridge.example/meet/m2');
      expect(en.body).toContain('Yunnan Tea (Lào Cai main venue, table 4) [cancelled]');
      const vi = renderInApp('meeting.booked', run as Record<string, unknown>, { ...ctx, locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' });
      expect(vi.title).toBe('Đã xếp 3 lịch gặp cho bạn');
      expect(vi.body).toContain('Công ty Hàng Châu');
      expect(renderInApp('meeting.booked', run as Record<string, unknown>, { ...ctx, locale: 'zh', timezone: 'Asia/Shanghai' }).title).toBe('已为您安排 3 场洽谈');
    });

    it('e-mails one message carrying an invitation per meeting still on (each its own UID and SEQUENCE)', () => {
      const mail = renderMail(
        { kind: 'meeting.booked', source: 'log:e1:12:schedule', data: run as Record<string, unknown> },
        reader,
        { ...ctx, locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' },
        organizer,
      );
      expect(mail.invitations!.map((i) => [i.uid, i.sequence, i.method])).toEqual([
        [`${online.id}@tradebridge.example`, 0, 'REQUEST'],
        [`${meeting.meeting!.id}@tradebridge.example`, 3, 'REQUEST'],
      ]);
      const [call, table] = mail.invitations!;
      expect(call.summary).toBe('Hội nghị Lào Cai: Công ty Hàng Châu');
      expect(call.url).toBe(online.link);
      expect(table.location).toBe('Lào Cai main venue, bàn 4');
      expect(table.description).toContain('Công ty Chiết Giang');
      expect(table.description).not.toContain('Hàng Châu');
    });
  });
});
