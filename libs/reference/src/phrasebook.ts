/**
 * The trade phrasebook: common B2B phrases, each written in vi, zh and en. A
 * message made of a phrase stores only its key, and each reader sees it in their
 * own language, so two enterprises with no common language settle the essentials
 * without a translator. Keys are stable (messages keep them): a phrase's wording
 * may be improved, its key never reused for another meaning.
 */
export type PhraseCategory = 'greeting' | 'samples' | 'quantity' | 'price' | 'payment' | 'delivery' | 'certification' | 'product' | 'meeting' | 'answer' | 'follow_up';

export interface Phrase {
  key: string;
  category: PhraseCategory;
  text: { vi: string; zh: string; en: string };
}

export const PHRASE_CATEGORIES: Record<PhraseCategory, { vi: string; zh: string; en: string }> = {
  greeting: { vi: 'Chào hỏi', zh: '问候', en: 'Greetings' },
  samples: { vi: 'Hàng mẫu', zh: '样品', en: 'Samples' },
  quantity: { vi: 'Số lượng', zh: '数量', en: 'Quantity' },
  price: { vi: 'Giá cả', zh: '价格', en: 'Price' },
  payment: { vi: 'Thanh toán', zh: '付款', en: 'Payment' },
  delivery: { vi: 'Giao hàng', zh: '交货', en: 'Delivery' },
  certification: { vi: 'Chứng nhận', zh: '认证', en: 'Certification' },
  product: { vi: 'Sản phẩm', zh: '产品', en: 'Product' },
  meeting: { vi: 'Gặp gỡ', zh: '会谈', en: 'Meeting' },
  answer: { vi: 'Trả lời', zh: '答复', en: 'Answers' },
  follow_up: { vi: 'Hợp tác tiếp', zh: '后续合作', en: 'Follow-up' },
};

export const PHRASES: readonly Phrase[] = [
  {
    key: 'greeting.interested',
    category: 'greeting',
    text: { vi: 'Xin chào! Chúng tôi quan tâm đến sản phẩm của quý công ty.', zh: '您好！我们对贵公司的产品很感兴趣。', en: 'Hello! We are interested in your products.' },
  },
  { key: 'greeting.thanks', category: 'greeting', text: { vi: 'Cảm ơn quý công ty đã dành thời gian.', zh: '感谢您抽出时间。', en: 'Thank you for your time.' } },
  { key: 'samples.request', category: 'samples', text: { vi: 'Quý công ty có thể gửi hàng mẫu không?', zh: '能寄样品吗？', en: 'Can you send a sample?' } },
  {
    key: 'samples.cost',
    category: 'samples',
    text: { vi: 'Hàng mẫu có miễn phí không, và ai chịu phí vận chuyển?', zh: '样品免费吗？运费由谁承担？', en: 'Is the sample free, and who pays for shipping?' },
  },
  { key: 'quantity.moq', category: 'quantity', text: { vi: 'Số lượng đặt hàng tối thiểu là bao nhiêu?', zh: '你们的最小起订量是多少？', en: 'What is your minimum order quantity?' } },
  { key: 'quantity.monthly', category: 'quantity', text: { vi: 'Mỗi tháng quý công ty cung cấp được bao nhiêu?', zh: '你们每月能供应多少？', en: 'How much can you supply per month?' } },
  { key: 'price.cif_hekou', category: 'price', text: { vi: 'Giá mỗi tấn, CIF Hà Khẩu là bao nhiêu?', zh: '每吨价格多少，CIF河口？', en: 'Price per ton, CIF Hekou?' } },
  { key: 'price.fob', category: 'price', text: { vi: 'Giá FOB của quý công ty là bao nhiêu?', zh: '你们的FOB价格是多少？', en: 'What is your FOB price?' } },
  { key: 'price.list', category: 'price', text: { vi: 'Vui lòng gửi cho chúng tôi bảng giá.', zh: '请把价格表发给我们。', en: 'Please send us your price list.' } },
  {
    key: 'payment.terms',
    category: 'payment',
    text: { vi: 'Quý công ty chấp nhận phương thức thanh toán nào (L/C, T/T)?', zh: '你们接受哪些付款方式（信用证、电汇）？', en: 'Which payment terms do you accept (L/C, T/T)?' },
  },
  { key: 'delivery.lead_time', category: 'delivery', text: { vi: 'Sau khi đặt hàng bao lâu thì giao hàng?', zh: '下单后多久可以交货？', en: 'How long after the order can you deliver?' } },
  { key: 'delivery.border_gate', category: 'delivery', text: { vi: 'Quý công ty xuất hàng qua cửa khẩu nào?', zh: '你们通过哪个口岸发货？', en: 'Which border gate do you ship through?' } },
  {
    key: 'certification.growing_area',
    category: 'certification',
    text: { vi: 'Sản phẩm này đã có mã số vùng trồng chưa?', zh: '这个产品有种植区域代码吗？', en: 'Do you have a growing-area code for this product?' },
  },
  {
    key: 'certification.packing_facility',
    category: 'certification',
    text: { vi: 'Cơ sở đóng gói của quý công ty đã được cấp mã số chưa?', zh: '你们的包装厂有注册代码吗？', en: 'Does your packing facility have a registration code?' },
  },
  {
    key: 'certification.gacc',
    category: 'certification',
    text: { vi: 'Quý công ty đã đăng ký với Hải quan Trung Quốc (GACC) chưa?', zh: '你们在中国海关总署（GACC）注册了吗？', en: 'Are you registered with China Customs (GACC)?' },
  },
  {
    key: 'certification.documents',
    category: 'certification',
    text: {
      vi: 'Vui lòng gửi các giấy chứng nhận (xuất xứ, kiểm dịch thực vật).',
      zh: '请发送相关证书（原产地证书、植物检疫证书）。',
      en: 'Please send the certificates (origin, phytosanitary).',
    },
  },
  { key: 'product.catalogue', category: 'product', text: { vi: 'Quý công ty có catalogue sản phẩm không?', zh: '你们有产品目录吗？', en: 'Do you have a product catalogue?' } },
  {
    key: 'product.packaging',
    category: 'product',
    text: { vi: 'Quý công ty có thể đóng gói theo yêu cầu của chúng tôi không?', zh: '可以按我们的要求包装吗？', en: 'Can you pack to our specification?' },
  },
  { key: 'meeting.my_table', category: 'meeting', text: { vi: 'Mời quý vị gặp nhau tại bàn của tôi.', zh: '我们在我的洽谈桌见面吧。', en: 'Let us meet at my table.' } },
  {
    key: 'meeting.online',
    category: 'meeting',
    text: { vi: 'Chúng ta có thể trao đổi qua cuộc gọi trực tuyến không?', zh: '我们可以在线视频会谈吗？', en: 'Can we talk in an online call?' },
  },
  {
    key: 'meeting.interpreter',
    category: 'meeting',
    text: { vi: 'Chúng tôi cần phiên dịch cho cuộc gặp này.', zh: '这次会谈我们需要翻译。', en: 'We need an interpreter for this meeting.' },
  },
  { key: 'answer.yes', category: 'answer', text: { vi: 'Vâng, được.', zh: '好的，可以。', en: 'Yes, we can.' } },
  { key: 'answer.no', category: 'answer', text: { vi: 'Rất tiếc, không được.', zh: '很抱歉，不行。', en: 'Sorry, we cannot.' } },
  { key: 'answer.check', category: 'answer', text: { vi: 'Tôi sẽ kiểm tra và trả lời sớm.', zh: '我确认后尽快回复您。', en: 'I will check and reply soon.' } },
  {
    key: 'follow_up.mou',
    category: 'follow_up',
    text: { vi: 'Chúng tôi muốn ký biên bản ghi nhớ hợp tác (MOU).', zh: '我们希望签署合作备忘录（MOU）。', en: 'We would like to sign a memorandum of understanding (MOU).' },
  },
  { key: 'follow_up.email', category: 'follow_up', text: { vi: 'Vui lòng liên hệ với tôi qua e-mail.', zh: '请通过电子邮件联系我。', en: 'Please contact me by e-mail.' } },
];

const BY_KEY = new Map(PHRASES.map((p) => [p.key, p]));

/** The phrase of a key, or undefined for a key the phrasebook does not hold. */
export function phrase(key: string): Phrase | undefined {
  return BY_KEY.get(key);
}
