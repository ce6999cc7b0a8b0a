import type { Locale } from '@tradebridge/contracts';
import { pick } from './format';
import { phrased } from './template';
import type { NotificationFacts } from './template';

const KIND: Record<Locale, Record<string, string>> = {
  vi: { follow_up: 'tiếp tục trao đổi', mou_signed: 'ký biên bản ghi nhớ (MOU)', contract_signed: 'ký hợp đồng', order_placed: 'đặt hàng' },
  zh: { follow_up: '后续跟进', mou_signed: '签署合作备忘录', contract_signed: '签订合同', order_placed: '下单' },
  en: { follow_up: 'a follow-up', mou_signed: 'an MOU signed', contract_signed: 'a contract signed', order_placed: 'an order placed' },
};

function what(d: NotificationFacts, locale: Locale): string {
  const kind = KIND[locale][d.outcomeKind ?? ''] ?? d.outcomeKind ?? '';
  return d.value ? `${kind} (${d.value.amount} ${d.value.currency})` : kind;
}

export const outcomeRecorded = phrased({
  vi: (d) => ({ title: `${pick(d.partnerName, 'vi')} ghi nhận kết quả`, body: `${pick(d.partnerName, 'vi')} ghi nhận: ${what(d, 'vi')} (${pick(d.eventName, 'vi')}).` }),
  zh: (d) => ({ title: `${pick(d.partnerName, 'zh')} 记录了成果`, body: `${pick(d.partnerName, 'zh')} 记录：${what(d, 'zh')}（${pick(d.eventName, 'zh')}）。` }),
  en: (d) => ({ title: `${pick(d.partnerName, 'en')} recorded an outcome`, body: `${pick(d.partnerName, 'en')} recorded ${what(d, 'en')} (${pick(d.eventName, 'en')}).` }),
});
