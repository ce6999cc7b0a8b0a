import { pick } from './format';
import { phrased } from './template';

export const connectionRequested = phrased({
  vi: (d) => ({
    title: `${pick(d.partnerName, 'vi')} muốn kết nối`,
    body: `${pick(d.partnerName, 'vi')} gửi yêu cầu kết nối tại ${pick(d.eventName, 'vi')}.${d.message ? ` Lời nhắn: “${d.message}”` : ''}`,
  }),
  zh: (d) => ({
    title: `${pick(d.partnerName, 'zh')} 希望与您对接`,
    body: `${pick(d.partnerName, 'zh')} 在 ${pick(d.eventName, 'zh')} 向您发出对接请求。${d.message ? `留言：“${d.message}”` : ''}`,
  }),
  en: (d) => ({
    title: `${pick(d.partnerName, 'en')} wants to connect`,
    body: `${pick(d.partnerName, 'en')} sent you a connection request at ${pick(d.eventName, 'en')}.${d.message ? ` Message: “${d.message}”` : ''}`,
  }),
});
