import { pick } from './format';
import { phrased } from './template';

export const registrationRoomAssigned = phrased({
  vi: (d) => ({
    title: `Đã xếp phòng: ${pick(d.roomName, 'vi')}`,
    body: `${pick(d.enterpriseName, 'vi')} được xếp vào phòng giao thương ${pick(d.roomName, 'vi')} tại ${pick(d.eventName, 'vi')}.`,
  }),
  zh: (d) => ({ title: `已分配洽谈室：${pick(d.roomName, 'zh')}`, body: `${pick(d.enterpriseName, 'zh')} 已被分配到 ${pick(d.eventName, 'zh')} 的 ${pick(d.roomName, 'zh')} 洽谈室。` }),
  en: (d) => ({
    title: `Room assigned: ${pick(d.roomName, 'en')}`,
    body: `${pick(d.enterpriseName, 'en')} was placed in the ${pick(d.roomName, 'en')} trade room at ${pick(d.eventName, 'en')}.`,
  }),
});
