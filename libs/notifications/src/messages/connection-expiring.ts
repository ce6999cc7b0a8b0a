import { formatInstant, pick } from './format';
import { phrased } from './template';

export const connectionExpiring = phrased({
  vi: (d, c) => ({
    title: `Yêu cầu của ${pick(d.partnerName, 'vi')} sắp hết hạn`,
    body: `Hãy trả lời yêu cầu kết nối của ${pick(d.partnerName, 'vi')} tại ${pick(d.eventName, 'vi')}${d.expiresAt ? ` trước ${formatInstant(d.expiresAt, 'vi', c.timezone)}` : ''}.`,
  }),
  zh: (d, c) => ({
    title: `${pick(d.partnerName, 'zh')} 的请求即将过期`,
    body: `请${d.expiresAt ? `在 ${formatInstant(d.expiresAt, 'zh', c.timezone)} 之前` : ''}答复 ${pick(d.partnerName, 'zh')} 在 ${pick(d.eventName, 'zh')} 的对接请求。`,
  }),
  en: (d, c) => ({
    title: `${pick(d.partnerName, 'en')}'s request expires soon`,
    body: `Answer ${pick(d.partnerName, 'en')}'s connection request at ${pick(d.eventName, 'en')}${d.expiresAt ? ` before ${formatInstant(d.expiresAt, 'en', c.timezone)}` : ''}.`,
  }),
});
