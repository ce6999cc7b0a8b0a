/**
 * What simulated representatives write when they ask for a connection, and
 * what moderators note when they record one made at a table. `{goods}` is
 * the product the two have in common, `{table}` and `{venue}` where they met.
 * Pure data.
 */
export const REQUEST_MESSAGES = {
  vi: [
    'Chào quý công ty, chúng tôi rất quan tâm đến {goods}. Mong được trao đổi thêm!',
    'Chúng tôi đang tìm nguồn {goods} ổn định và lâu dài, xin được kết nối.',
    'Xin chào! Công ty chúng tôi muốn hợp tác về {goods}. Quý công ty có thể gửi báo giá không?',
    'Rất ấn tượng với phần giới thiệu của quý công ty. Chúng tôi muốn bàn về {goods}.',
  ],
  zh: [
    '您好，我们对贵公司的{goods}很感兴趣，希望进一步洽谈。',
    '我们正在寻找稳定的{goods}货源，期待与贵司合作！',
    '您好！想和贵司就{goods}建立联系，能否提供报价？',
    '贵公司的介绍给我们留下了深刻印象，希望就{goods}详谈。',
  ],
  en: ['Hello, we are very interested in {goods} and would like to talk further.', 'We are looking for a steady supply of {goods}. Shall we connect?'],
} as const;

/** When two companies have nothing listed in common, they still talk business. */
export const ANY_GOODS = { vi: 'sản phẩm của quý công ty', zh: '贵公司的产品', en: 'your products' } as const;

export const RECORDED_NOTES = {
  atTable: 'Hai bên gặp trực tiếp tại bàn số {table}, {venue}; đã trao đổi danh thiếp.',
  byPhone: 'Kết nối qua điện thoại do điều phối viên phòng hỗ trợ.',
} as const;

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
