import { pick } from './format';
import { phrased } from './template';

export const connectionWithdrawn = phrased({
  vi: (d) => ({ title: `${pick(d.partnerName, 'vi')} đã rút yêu cầu kết nối`, body: `${pick(d.partnerName, 'vi')} đã rút lại yêu cầu kết nối tại ${pick(d.eventName, 'vi')}.` }),
  zh: (d) => ({ title: `${pick(d.partnerName, 'zh')} 已撤回对接请求`, body: `${pick(d.partnerName, 'zh')} 撤回了在 ${pick(d.eventName, 'zh')} 的对接请求。` }),
  en: (d) => ({ title: `${pick(d.partnerName, 'en')} withdrew their request`, body: `${pick(d.partnerName, 'en')} withdrew their connection request at ${pick(d.eventName, 'en')}.` }),
});
