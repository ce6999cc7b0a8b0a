import { pick } from './format';
import { phrased } from './template';

export const registrationRejected = phrased({
  vi: (d) => ({ title: `Đăng ký không được duyệt`, body: `Đăng ký của ${pick(d.enterpriseName, 'vi')} tham gia ${pick(d.eventName, 'vi')} không được duyệt.` }),
  zh: (d) => ({ title: `报名未通过`, body: `${pick(d.enterpriseName, 'zh')} 参加 ${pick(d.eventName, 'zh')} 的报名未获通过。` }),
  en: (d) => ({ title: `Registration not approved`, body: `${pick(d.enterpriseName, 'en')}'s registration for ${pick(d.eventName, 'en')} was not approved.` }),
});
