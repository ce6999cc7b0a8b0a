import type { Locale } from '@tradebridge/contracts';

/** Every label of the report's files (CSV, XLSX and PDF), in vi, zh and en. */
const LABELS = {
  report: { vi: 'Báo cáo kết quả', zh: '成果报告', en: 'Results report' },
  summary: { vi: 'Tổng hợp', zh: '汇总', en: 'Summary' },
  figure: { vi: 'Chỉ tiêu', zh: '指标', en: 'Figure' },
  value: { vi: 'Giá trị', zh: '数值', en: 'Value' },
  registered: { vi: 'Doanh nghiệp đăng ký', zh: '报名企业', en: 'Enterprises registered' },
  approved: { vi: 'Doanh nghiệp được duyệt', zh: '审核通过企业', en: 'Enterprises approved' },
  checkedIn: { vi: 'Doanh nghiệp có mặt', zh: '签到企业', en: 'Enterprises checked in' },
  connectionsRequested: { vi: 'Yêu cầu kết nối', zh: '对接请求', en: 'Connections requested' },
  connectionsMade: { vi: 'Kết nối thành công', zh: '成功对接', en: 'Connections made' },
  connectionsDeclined: { vi: 'Kết nối bị từ chối', zh: '被拒绝的对接', en: 'Connections declined' },
  connectionsExpired: { vi: 'Kết nối hết hạn', zh: '过期的对接', en: 'Connections expired' },
  acceptanceRate: { vi: 'Tỷ lệ chấp nhận', zh: '接受率', en: 'Acceptance rate' },
  meetingsScheduled: { vi: 'Cuộc gặp đã xếp lịch', zh: '已安排洽谈', en: 'Meetings scheduled' },
  meetingsHeld: { vi: 'Cuộc gặp đã diễn ra', zh: '已举行洽谈', en: 'Meetings held' },
  meetingsNoShow: { vi: 'Cuộc gặp vắng mặt', zh: '缺席洽谈', en: 'Meetings missed' },
  outcomes: { vi: 'Kết quả ghi nhận', zh: '记录成果', en: 'Outcomes recorded' },
  connectionsList: { vi: 'Danh sách kết nối thành công', zh: '成功对接清单', en: 'Connections made' },
  madeAt: { vi: 'Thời điểm', zh: '时间', en: 'Made at' },
  from: { vi: 'Bên đề nghị', zh: '发起方', en: 'From' },
  to: { vi: 'Bên nhận', zh: '接收方', en: 'To' },
  side: { vi: 'Phía', zh: '方', en: 'Side' },
  venue: { vi: 'Điểm cầu', zh: '会场', en: 'Venue' },
  room: { vi: 'Phòng giao thương', zh: '洽谈室', en: 'Trade room' },
  noRoom: { vi: 'Ngoài phòng giao thương', zh: '洽谈室外', en: 'Outside the trade rooms' },
  channel: { vi: 'Hình thức', zh: '渠道', en: 'Channel' },
  byRoom: { vi: 'Theo phòng giao thương', zh: '按洽谈室', en: 'By trade room' },
  byVenue: { vi: 'Theo điểm cầu', zh: '按会场', en: 'By venue' },
  byVenuePair: { vi: 'Theo cặp điểm cầu', zh: '按会场组合', en: 'By venue pair' },
  bySector: { vi: 'Theo lĩnh vực (phần HS)', zh: '按行业（HS类）', en: 'By sector (HS section)' },
  byChannel: { vi: 'Theo hình thức', zh: '按渠道', en: 'By channel' },
  bySide: { vi: 'Theo phía', zh: '按方', en: 'By side' },
  topHsPairs: { vi: 'Cặp hàng hóa kết nối nhiều nhất (chương HS)', zh: '对接最多的商品组合（HS章）', en: 'Top goods connected (HS chapter)' },
  chartByRoom: { vi: 'Kết nối thành công theo phòng giao thương', zh: '各洽谈室成功对接数', en: 'Connections made by trade room' },
  chartByVenue: { vi: 'Kết nối thành công theo điểm cầu', zh: '各会场成功对接数', en: 'Connections made by venue' },
  chartTimeline: { vi: 'Kết nối thành công theo giờ', zh: '每小时成功对接数', en: 'Connections made per hour' },
  hsChapter: { vi: 'Chương HS', zh: 'HS章', en: 'HS chapter' },
  seller: { vi: 'Bên bán', zh: '卖方', en: 'Seller' },
  buyer: { vi: 'Bên mua', zh: '买方', en: 'Buyer' },
  sector: { vi: 'Lĩnh vực', zh: '行业', en: 'Sector' },
  name: { vi: 'Tên', zh: '名称', en: 'Name' },
  requested: { vi: 'Yêu cầu', zh: '请求', en: 'Requested' },
  made: { vi: 'Thành công', zh: '成功', en: 'Made' },
  valueByCurrency: { vi: 'Giá trị theo tiền tệ', zh: '按币种金额', en: 'Value by currency' },
  currency: { vi: 'Tiền tệ', zh: '币种', en: 'Currency' },
  amount: { vi: 'Số tiền', zh: '金额', en: 'Amount' },
  outcomesSheet: { vi: 'Kết quả', zh: '成果', en: 'Outcomes' },
  kind: { vi: 'Loại', zh: '类型', en: 'Kind' },
  note: { vi: 'Ghi chú', zh: '备注', en: 'Note' },
  recordedAt: { vi: 'Ngày ghi nhận', zh: '记录时间', en: 'Recorded at' },
  follow_up: { vi: 'Tiếp tục trao đổi', zh: '后续跟进', en: 'Follow-up' },
  mou_signed: { vi: 'Ký biên bản ghi nhớ (MOU)', zh: '签署谅解备忘录', en: 'MOU signed' },
  contract_signed: { vi: 'Ký hợp đồng', zh: '签订合同', en: 'Contract signed' },
  order_placed: { vi: 'Đặt hàng', zh: '下单', en: 'Order placed' },
  online: { vi: 'Trực tuyến', zh: '线上', en: 'Online' },
  qr: { vi: 'Quét mã QR tại chỗ', zh: '现场扫码', en: 'QR on site' },
  recorded: { vi: 'Ghi nhận trực tiếp', zh: '现场登记', en: 'Recorded on site' },
} as const satisfies Record<string, Record<Locale, string>>;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, locale: Locale): string {
  return LABELS[key][locale];
}

export function hasLabel(key: string): key is LabelKey {
  return key in LABELS;
}
