import type { Locale } from '@tradebridge/contracts';

/** Stable codes of a refused row's problems (the reason text is per language, these never change). */
export const ROW_PROBLEM_CODES = [
  'REQUIRED',
  'TOO_LONG',
  'UNKNOWN_COUNTRY',
  'UNKNOWN_REGION',
  'UNKNOWN_HS_CODE',
  'INVALID_PRODUCT_LINE',
  'INVALID_LANGUAGE',
  'INVALID_CERTIFICATION',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'INVALID_TAX_CODE',
  'UNKNOWN_VENUE',
  'INVALID_ATTENDANCE',
  'ONLINE_VENUE',
  'NOT_A_SIDE',
  'VENUE_FULL',
  'DUPLICATE_IN_FILE',
  'KEY_CONFLICT',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

type Params = { value?: string; other?: string };

const TEXT: Record<RowProblemCode, Record<Locale, (p: Params) => string>> = {
  REQUIRED: { vi: () => 'Bắt buộc, không được để trống', zh: () => '必填，不能为空', en: () => 'Required; the cell is empty' },
  TOO_LONG: { vi: (p) => `Quá dài (tối đa ${p.other} ký tự)`, zh: (p) => `过长（最多 ${p.other} 个字符）`, en: (p) => `Too long (at most ${p.other} characters)` },
  UNKNOWN_COUNTRY: {
    vi: (p) => `“${p.value}” không phải mã hoặc tên quốc gia`,
    zh: (p) => `“${p.value}”不是国家代码或名称`,
    en: (p) => `“${p.value}” is not a country code or name`,
  },
  UNKNOWN_REGION: {
    vi: (p) => `“${p.value}” không phải tỉnh/thành của ${p.other}`,
    zh: (p) => `“${p.value}”不是 ${p.other} 的省份/地区`,
    en: (p) => `“${p.value}” is not a region of ${p.other}`,
  },
  UNKNOWN_HS_CODE: {
    vi: (p) => `“${p.value}” không phải mã HS 2022 hợp lệ`,
    zh: (p) => `“${p.value}”不是有效的 HS 2022 编码`,
    en: (p) => `“${p.value}” is not a known HS 2022 code`,
  },
  INVALID_PRODUCT_LINE: {
    vi: (p) => `“${p.value}” phải bắt đầu bằng mã HS 2, 4 hoặc 6 số (ví dụ 081060: Sầu riêng)`,
    zh: (p) => `“${p.value}”须以 2、4 或 6 位 HS 编码开头（例：520812: 棉布）`,
    en: (p) => `“${p.value}” must start with an HS code of 2, 4 or 6 digits (e.g. 081060: Fresh durian)`,
  },
  INVALID_LANGUAGE: {
    vi: (p) => `“${p.value}” không phải mã ngôn ngữ ISO 639-1 (vi, zh, en…)`,
    zh: (p) => `“${p.value}”不是 ISO 639-1 语言代码（vi、zh、en…）`,
    en: (p) => `“${p.value}” is not an ISO 639-1 language code (vi, zh, en…)`,
  },
  INVALID_CERTIFICATION: {
    vi: (p) => `“${p.value}” không hợp lệ: OCOP cần 3–5 sao, mã vùng trồng, cơ sở đóng gói và GACC cần kèm mã`,
    zh: (p) => `“${p.value}”无效：OCOP 需 3–5 星，种植区、包装厂和 GACC 需填写编号`,
    en: (p) => `“${p.value}” is not valid: OCOP takes 3–5 stars; growing-area, packing-facility and GACC need their code`,
  },
  INVALID_EMAIL: { vi: (p) => `“${p.value}” không phải địa chỉ email`, zh: (p) => `“${p.value}”不是有效的电子邮箱`, en: (p) => `“${p.value}” is not an e-mail address` },
  INVALID_PHONE: { vi: (p) => `“${p.value}” không phải số điện thoại`, zh: (p) => `“${p.value}”不是电话号码`, en: (p) => `“${p.value}” is not a phone number` },
  INVALID_TAX_CODE: {
    vi: (p) => `“${p.value}” không phải mã số thuế (6–20 chữ số, chữ cái hoặc gạch nối)`,
    zh: (p) => `“${p.value}”不是税号（6–20 位数字、字母或连字符）`,
    en: (p) => `“${p.value}” is not a tax code (6–20 digits, letters or hyphens)`,
  },
  UNKNOWN_VENUE: {
    vi: (p) => `Hội nghị không có điểm cầu “${p.value}”`,
    zh: (p) => `本次会议没有名为“${p.value}”的会场`,
    en: (p) => `The event has no venue “${p.value}”`,
  },
  INVALID_ATTENDANCE: {
    vi: (p) => `“${p.value}” phải là trực tiếp hoặc trực tuyến`,
    zh: (p) => `“${p.value}”应为线下或线上`,
    en: (p) => `“${p.value}” must be onsite or online`,
  },
  ONLINE_VENUE: {
    vi: () => 'Điểm cầu trực tuyến chỉ nhận tham dự trực tuyến',
    zh: () => '线上会场只能线上参会',
    en: () => 'An online venue takes online attendance only',
  },
  NOT_A_SIDE: {
    vi: (p) => `Hội nghị dành cho ${p.other}; doanh nghiệp của ${p.value} không thể đăng ký`,
    zh: (p) => `本次会议的双方为 ${p.other}；${p.value} 的企业不能报名`,
    en: (p) => `The event brings together ${p.other}; an enterprise from ${p.value} cannot register`,
  },
  VENUE_FULL: {
    vi: (p) => `Điểm cầu “${p.value}” đã hết chỗ trực tiếp (sức chứa ${p.other}); hãy đăng ký trực tuyến`,
    zh: (p) => `会场“${p.value}”线下名额已满（容量 ${p.other}），请改为线上`,
    en: (p) => `“${p.value}” has no on-site places left (capacity ${p.other}); register online instead`,
  },
  DUPLICATE_IN_FILE: {
    vi: (p) => `Trùng với dòng ${p.other} (cùng mã số thuế hoặc email)`,
    zh: (p) => `与第 ${p.other} 行重复（税号或邮箱相同）`,
    en: (p) => `Same enterprise as row ${p.other} (same tax code or e-mail)`,
  },
  KEY_CONFLICT: {
    vi: () => 'Mã số thuế và email thuộc về hai doanh nghiệp khác nhau đã có',
    zh: () => '税号与邮箱分别属于两家已有的不同企业',
    en: () => 'The tax code and the e-mail belong to two different existing enterprises',
  },
};

export function problemText(code: RowProblemCode, locale: Locale, params: Params = {}): string {
  return TEXT[code][locale](params);
}
