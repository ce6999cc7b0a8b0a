import { pick } from './format';
import { phrased } from './template';

export const connectionDeclined = phrased({
  vi: (d) => ({ title: `${pick(d.partnerName, 'vi')} đã từ chối kết nối`, body: `${pick(d.partnerName, 'vi')} đã từ chối yêu cầu kết nối của bạn tại ${pick(d.eventName, 'vi')}.` }),
  zh: (d) => ({ title: `${pick(d.partnerName, 'zh')} 已拒绝对接`, body: `${pick(d.partnerName, 'zh')} 拒绝了您在 ${pick(d.eventName, 'zh')} 的对接请求。` }),
  en: (d) => ({ title: `${pick(d.partnerName, 'en')} declined your connection`, body: `${pick(d.partnerName, 'en')} declined your connection request at ${pick(d.eventName, 'en')}.` }),
});
