/**
 * The invitation an imported enterprise's contact receives: its organizer
 * registered it, and the link (a password-reset link that lasts longer) sets
 * the password that claims the account. Pure; no unsubscribe link.
 */
import type { Locale } from '@tradebridge/contracts';

const TEXT: Record<Locale, { subject: string; intro: (enterprise: string) => string; action: string; expiry: string; ignore: string }> = {
  en: {
    subject: 'Your enterprise is registered on TradeBridge: claim your account',
    intro: (e) => `The organizers of a trade conference registered ${e} on TradeBridge, with this address as its contact.`,
    action: 'Choose a password to claim the account',
    expiry: 'The link works once, within 14 days.',
    ignore: 'If this is not your enterprise, ignore this e-mail.',
  },
  vi: {
    subject: 'Doanh nghiệp của bạn đã được đăng ký trên TradeBridge: kích hoạt tài khoản',
    intro: (e) => `Ban tổ chức hội nghị giao thương đã đăng ký ${e} trên TradeBridge, với địa chỉ này là email liên hệ.`,
    action: 'Đặt mật khẩu để kích hoạt tài khoản',
    expiry: 'Liên kết chỉ dùng được một lần, trong vòng 14 ngày.',
    ignore: 'Nếu đây không phải doanh nghiệp của bạn, hãy bỏ qua e-mail này.',
  },
  zh: {
    subject: '您的企业已在 TradeBridge 登记：请认领账户',
    intro: (e) => `贸易对接会的主办方已在 TradeBridge 上登记了 ${e}，并以此邮箱为联系邮箱。`,
    action: '设置密码以认领账户',
    expiry: '该链接只能使用一次，14 天内有效。',
    ignore: '如果这不是您的企业，请忽略此邮件。',
  },
};

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function accountInvitationMail(locale: Locale, enterprise: string, link: string): { subject: string; text: string; html: string } {
  const t = TEXT[locale] ?? TEXT.en;
  const text = `${t.intro(enterprise)}\n\n${t.action}: ${link}\n\n${t.expiry}\n${t.ignore}\n`;
  const html = `<p>${escape(t.intro(enterprise))}</p><p><a href="${link}">${t.action}</a></p><p>${t.expiry}<br>${t.ignore}</p>`;
  return { subject: t.subject, text, html };
}
