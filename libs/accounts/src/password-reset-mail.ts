/**
 * The password-reset e-mail in the user's language. Pure. It says how long
 * the link lasts and that ignoring it changes nothing; no unsubscribe link (a
 * reset is asked for, not a notification).
 */
import type { Locale } from '@tradebridge/contracts';

const TEXT: Record<Locale, { subject: string; intro: string; action: string; expiry: string; ignore: string }> = {
  en: {
    subject: 'Reset your TradeBridge password',
    intro: 'Someone (probably you) asked to reset the password of your TradeBridge account.',
    action: 'Choose a new password',
    expiry: 'The link works once, within 1 hour.',
    ignore: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
  },
  vi: {
    subject: 'Đặt lại mật khẩu TradeBridge',
    intro: 'Có người (có thể là bạn) đã yêu cầu đặt lại mật khẩu tài khoản TradeBridge của bạn.',
    action: 'Chọn mật khẩu mới',
    expiry: 'Liên kết chỉ dùng được một lần, trong vòng 1 giờ.',
    ignore: 'Nếu bạn không yêu cầu, hãy bỏ qua e-mail này: mật khẩu của bạn vẫn giữ nguyên.',
  },
  zh: {
    subject: '重置您的 TradeBridge 密码',
    intro: '有人（可能是您）请求重置您的 TradeBridge 账户密码。',
    action: '设置新密码',
    expiry: '该链接只能使用一次，1 小时内有效。',
    ignore: '如果不是您本人的请求，请忽略此邮件：您的密码不会改变。',
  },
};

export function passwordResetMail(locale: Locale, link: string): { subject: string; text: string; html: string } {
  const t = TEXT[locale] ?? TEXT.en;
  const text = `${t.intro}\n\n${t.action}: ${link}\n\n${t.expiry}\n${t.ignore}\n`;
  const html = `<p>${t.intro}</p><p><a href="${link}">${t.action}</a></p><p>${t.expiry}<br>${t.ignore}</p>`;
  return { subject: t.subject, text, html };
}
