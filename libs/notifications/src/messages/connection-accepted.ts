import { pick } from './format';
import { phrased } from './template';

export const connectionAccepted = phrased({
  vi: (d) => ({
    title: `${pick(d.partnerName, 'vi')} đã chấp nhận kết nối`,
    body: `${pick(d.partnerName, 'vi')} đã chấp nhận yêu cầu kết nối của bạn tại ${pick(d.eventName, 'vi')}. Thông tin liên hệ nay đã hiển thị.`,
  }),
  zh: (d) => ({ title: `${pick(d.partnerName, 'zh')} 已接受对接`, body: `${pick(d.partnerName, 'zh')} 已接受您在 ${pick(d.eventName, 'zh')} 的对接请求，现可查看联系方式。` }),
  en: (d) => ({
    title: `${pick(d.partnerName, 'en')} accepted your connection`,
    body: `${pick(d.partnerName, 'en')} accepted your connection request at ${pick(d.eventName, 'en')}. Their contact details are now visible.`,
  }),
});
