import { pick } from './format';
import { phrased } from './template';

// A simple version; the `remind` branch owns announcements and may reword it.
export const announcement = phrased({
  vi: (d) => ({ title: pick(d.title, 'vi') || `Thông báo từ ${pick(d.eventName, 'vi')}`, body: pick(d.body, 'vi') }),
  zh: (d) => ({ title: pick(d.title, 'zh') || `${pick(d.eventName, 'zh')} 公告`, body: pick(d.body, 'zh') }),
  en: (d) => ({ title: pick(d.title, 'en') || `Announcement from ${pick(d.eventName, 'en')}`, body: pick(d.body, 'en') }),
});
