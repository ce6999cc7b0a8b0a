import { pick } from './format';
import { phrased } from './template';

// The organizers' own text is the body, in the reader's language or the next one written (pick: then en, vi, zh).
export const announcement = phrased({
  vi: (d) => ({ title: pick(d.title, 'vi') || `Thông báo từ ban tổ chức ${pick(d.eventName, 'vi')}`, body: pick(d.body, 'vi') }),
  zh: (d) => ({ title: pick(d.title, 'zh') || `${pick(d.eventName, 'zh')} 主办方公告`, body: pick(d.body, 'zh') }),
  en: (d) => ({ title: pick(d.title, 'en') || `Announcement from the organizers of ${pick(d.eventName, 'en')}`, body: pick(d.body, 'en') }),
});
