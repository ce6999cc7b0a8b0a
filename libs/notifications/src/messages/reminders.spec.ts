import { renderInApp, renderMail } from './render';
import { howSoon } from './meeting-reminder';
import type { NotificationFacts } from './template';

const base = {
  eventName: { vi: 'Hội nghị Lào Cai', zh: '老街会议', en: 'Lao Cai Conference' },
  eventTimezone: 'Asia/Ho_Chi_Minh',
  partnerName: { vi: 'Công ty Chiết Giang', zh: '浙江公司', en: 'Zhejiang Textiles' },
};
const online: NotificationFacts = {
  ...base,
  minutesBefore: 15,
  meeting: {
    id: '6f1c1b1e-0000-4000-8000-000000000002',
    startsAt: '2021-01-19T02:00:00.000Z',
    endsAt: '2021-01-19T02:30:00.000Z',
    mode: 'online',
    venueName: null,
    venueTimezone: null,
    table: null,
    link: 'https://tradebridge.example/meet/6f1c1b1e-0000-4000-8000-000000000002',
    status: 'scheduled',
    sequence: 2,
  },
};
const ctx = { publicUrl: 'https://tradebridge.example', link: '/meet/6f1c1b1e-0000-4000-8000-000000000002' };
const reader = { id: 'u1', email: 'wang@example.cn', displayName: '王芳' };
const organizer = { name: 'TradeBridge', email: 'no-reply@tradebridge.example' };

describe('reminder and announcement messages', () => {
  it('a meeting reminder says how soon, when in the reader’s zone, and the online link', () => {
    const zh = renderInApp('meeting.reminder', online as Record<string, unknown>, { ...ctx, locale: 'zh', timezone: 'Asia/Shanghai' });
    expect(zh.title).toBe('与 浙江公司 的洽谈将在 15 分钟后开始');
    expect(zh.body).toContain('10:00');
    expect(zh.body).toContain('/meet/6f1c1b1e');
    expect(renderInApp('meeting.reminder', { ...online, minutesBefore: 1440 }, { ...ctx, locale: 'en', timezone: 'UTC' }).title).toBe('Meeting with Zhejiang Textiles in 1 day');
    expect(renderInApp('meeting.reminder', { ...online, minutesBefore: 120 }, { ...ctx, locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' }).title).toBe('Lịch gặp Công ty Chiết Giang còn 2 giờ');
  });

  it('its e-mail carries the meeting’s invitation: same UID, current SEQUENCE, REQUEST', () => {
    const mail = renderMail(
      { kind: 'meeting.reminder', source: 'reminder:m:15:2021-01-19T02:00:00.000Z', data: online as Record<string, unknown> },
      reader,
      { ...ctx, locale: 'zh', timezone: 'Asia/Shanghai' },
      organizer,
    );
    expect(mail.invitations?.[0]).toMatchObject({ uid: '6f1c1b1e-0000-4000-8000-000000000002@tradebridge.example', sequence: 2, method: 'REQUEST', url: online.meeting!.link });
    expect(mail.text).toContain('https://tradebridge.example/meet/');
  });

  it('request expiring names the requester and the deadline in the reader’s zone', () => {
    const data = { ...base, expiresAt: '2021-01-19T03:00:00.000Z' };
    expect(renderInApp('connection.expiring', data, { ...ctx, locale: 'en', timezone: 'Asia/Ho_Chi_Minh' }).body).toContain('10:00');
    expect(renderInApp('connection.expiring', data, { ...ctx, locale: 'vi', timezone: 'UTC' }).title).toContain('Công ty Chiết Giang');
  });

  it('an announcement shows the reader’s language, else en, vi, zh', () => {
    const data = { ...base, body: { vi: 'Xin chào', zh: '你好' } };
    expect(renderInApp('announcement', data, { ...ctx, locale: 'zh', timezone: 'UTC' }).body).toBe('你好');
    expect(renderInApp('announcement', data, { ...ctx, locale: 'en', timezone: 'UTC' }).body).toBe('Xin chào');
    expect(renderInApp('announcement', { ...base, body: { en: 'Hello', zh: '你好' } }, { ...ctx, locale: 'vi', timezone: 'UTC' }).body).toBe('Hello');
    expect(renderInApp('announcement', data, { ...ctx, locale: 'en', timezone: 'UTC' }).title).toBe('Announcement from the organizers of Lao Cai Conference');
  });

  it('how soon, in each language', () => {
    expect(howSoon(15, 'en')).toBe('in 15 minutes');
    expect(howSoon(60, 'en')).toBe('in 1 hour');
    expect(howSoon(2880, 'zh')).toBe('2 天后');
    expect(howSoon(undefined, 'vi')).toBe('sắp tới');
  });
});
