import { pick } from './format';
import { phrased } from './template';

export const connectionExpired = phrased({
  vi: (d) => ({
    title: `Yêu cầu kết nối với ${pick(d.partnerName, 'vi')} đã hết hạn`,
    body: `Yêu cầu kết nối giữa bạn và ${pick(d.partnerName, 'vi')} tại ${pick(d.eventName, 'vi')} đã hết hạn mà không có trả lời.`,
  }),
  zh: (d) => ({ title: `与 ${pick(d.partnerName, 'zh')} 的对接请求已过期`, body: `您与 ${pick(d.partnerName, 'zh')} 在 ${pick(d.eventName, 'zh')} 的对接请求未获答复，已过期。` }),
  en: (d) => ({
    title: `Connection request with ${pick(d.partnerName, 'en')} expired`,
    body: `The connection request between you and ${pick(d.partnerName, 'en')} at ${pick(d.eventName, 'en')} expired unanswered.`,
  }),
});
