import type { Locale } from '@tradebridge/contracts';

/**
 * A phrase that counts `{n}`: its forms by the plural category of `n` (Intl.PluralRules).
 * English needs `one` and `other`; Vietnamese and Chinese have no plural, so a plain string.
 */
type Counted = { one: string; other: string };

/** Every word the printables use, in vi, zh and en. `{x}` is filled in by `say`. */
const LABELS = {
  badges: { vi: 'Thẻ tham dự', zh: '参会证', en: 'Badges' },
  schedule: { vi: 'Lịch gặp của doanh nghiệp', zh: '企业洽谈日程', en: 'Meeting schedule' },
  tablePlan: { vi: 'Sơ đồ bàn gặp', zh: '洽谈桌位表', en: 'Table plan' },
  tableSigns: { vi: 'Biển bàn', zh: '桌牌', en: 'Table signs' },
  checkInList: { vi: 'Danh sách đón tiếp', zh: '签到名单', en: 'Check-in list' },
  table: { vi: 'Bàn {n}', zh: '{n}号桌', en: 'Table {n}' },
  time: { vi: 'Thời gian', zh: '时间', en: 'Time' },
  partner: { vi: 'Đối tác', zh: '洽谈对象', en: 'Partner' },
  place: { vi: 'Địa điểm', zh: '地点', en: 'Place' },
  parties: { vi: 'Hai bên', zh: '双方', en: 'Parties' },
  enterprise: { vi: 'Doanh nghiệp', zh: '企业', en: 'Enterprise' },
  side: { vi: 'Phía', zh: '方', en: 'Side' },
  room: { vi: 'Phòng giao thương', zh: '洽谈室', en: 'Trade room' },
  badgeCode: { vi: 'Mã thẻ', zh: '证件码', en: 'Badge code' },
  checkedIn: { vi: 'Đã đến', zh: '已签到', en: 'Checked in' },
  online: { vi: 'Trực tuyến', zh: '线上', en: 'Online' },
  onlineAttendance: { vi: 'Tham dự trực tuyến', zh: '线上参会', en: 'Attending online' },
  held: { vi: 'đã diễn ra', zh: '已举行', en: 'held' },
  no_show: { vi: 'vắng mặt', zh: '缺席', en: 'missed' },
  noMeetings: { vi: 'Chưa có cuộc gặp nào được xếp lịch.', zh: '尚未安排洽谈。', en: 'No meetings are scheduled yet.' },
  noTableMeetings: { vi: 'Chưa có cuộc gặp nào tại điểm cầu này.', zh: '该会场尚无洽谈安排。', en: 'No meetings at this venue yet.' },
  nothing: {
    vi: 'Không có gì để in: không có đăng ký nào đã được duyệt khớp với lựa chọn.',
    zh: '没有可打印的内容：没有符合条件的已通过报名。',
    en: 'Nothing to print: no approved registration matches.',
  },
  timesIn: { vi: 'Giờ theo múi giờ {zone}', zh: '时间均为 {zone}', en: 'Times in {zone}' },
  venueTime: { vi: 'giờ tại điểm cầu', zh: '会场时间', en: 'venue time' },
  scanTable: { vi: 'Đến giờ gặp, quét mã này để ghi nhận cuộc gặp', zh: '洽谈开始时扫描此码签到', en: 'At your slot, scan this code to check in to the meeting' },
  scanBadge: { vi: 'Quét để kết nối', zh: '扫码对接', en: 'Scan to connect' },
  total: { vi: 'Tổng số {n} doanh nghiệp · đã đến {m}', zh: '共 {n} 家企业 · 已签到 {m} 家', en: { one: '{n} enterprise · {m} checked in', other: '{n} enterprises · {m} checked in' } },
  meetingsCount: { vi: '{n} cuộc gặp', zh: '{n} 场洽谈', en: { one: '{n} meeting', other: '{n} meetings' } },
  tables: { vi: '{n} bàn', zh: '{n} 张桌', en: { one: '{n} table', other: '{n} tables' } },
  page: { vi: 'Trang {n}/{total}', zh: '第 {n}/{total} 页', en: 'Page {n} of {total}' },
  printed: { vi: 'In lúc {time}', zh: '打印于 {time}', en: 'Printed {time}' },
  /** An instant as each language reads it: the date and the time, then the zone. */
  instant: { vi: '{time} ngày {date} ({zone})', zh: '{date} {time} ({zone})', en: '{date}, {time} ({zone})' },
} satisfies Record<string, Record<Locale, string | Counted>>;

export type PrintLabel = keyof typeof LABELS;

const PLURALS: Record<Locale, Intl.PluralRules> = { vi: new Intl.PluralRules('vi'), zh: new Intl.PluralRules('zh'), en: new Intl.PluralRules('en') };

export function say(key: PrintLabel, locale: Locale, values: Record<string, string | number> = {}): string {
  const label: string | Counted = LABELS[key][locale];
  const phrase = typeof label === 'string' ? label : PLURALS[locale].select(Number(values.n)) === 'one' ? label.one : label.other;
  return phrase.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
