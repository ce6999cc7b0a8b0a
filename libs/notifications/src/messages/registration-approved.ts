import { pick } from './format';
import { phrased } from './template';

export const registrationApproved = phrased({
  vi: (d) => ({ title: `Đăng ký đã được duyệt`, body: `Đăng ký của ${pick(d.enterpriseName, 'vi')} tham gia ${pick(d.eventName, 'vi')} đã được duyệt.` }),
  zh: (d) => ({ title: `报名已通过`, body: `${pick(d.enterpriseName, 'zh')} 参加 ${pick(d.eventName, 'zh')} 的报名已通过审核。` }),
  en: (d) => ({ title: `Registration approved`, body: `${pick(d.enterpriseName, 'en')}'s registration for ${pick(d.eventName, 'en')} was approved.` }),
});
