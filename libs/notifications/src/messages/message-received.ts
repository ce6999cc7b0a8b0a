import { pick } from './format';
import { phrased } from './template';

// The message itself stays in the thread (the log entry that raised this carries no content): the link opens it.
export const messageReceived = phrased({
  vi: (d) => ({
    title: `Tin nhắn mới từ ${pick(d.partnerName, 'vi')}`,
    body: `${pick(d.partnerName, 'vi')} đã gửi cho bạn một tin nhắn về kết nối tại ${pick(d.eventName, 'vi')}. Mở cuộc trò chuyện để đọc và trả lời.`,
  }),
  zh: (d) => ({
    title: `${pick(d.partnerName, 'zh')} 发来新消息`,
    body: `${pick(d.partnerName, 'zh')} 就您在 ${pick(d.eventName, 'zh')} 的对接给您发了一条消息。打开对话即可阅读和回复。`,
  }),
  en: (d) => ({
    title: `New message from ${pick(d.partnerName, 'en')}`,
    body: `${pick(d.partnerName, 'en')} sent you a message about your connection at ${pick(d.eventName, 'en')}. Open the conversation to read and reply.`,
  }),
});
