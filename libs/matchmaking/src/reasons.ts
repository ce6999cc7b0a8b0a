import type { Locale } from '@tradebridge/contracts';

/**
 * Recommendation reasons in vi / zh / en: one template per factor kind and
 * locale, typed by the parameters each needs. Reasons describe the candidate
 * from the viewer's point of view ("offers …, which you need"), so the
 * candidate is the implied subject and "you" is the viewer.
 */

/** Factor kinds, in the tie-break order used when ranking reasons. */
export const FACTOR_KINDS = ['they_offer_you_need', 'you_offer_they_need', 'certification', 'ocop', 'same_room', 'same_venue_onsite', 'shared_language'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

/** Certification kinds some goods require for export (see score.ts, rule 2). */
export type RequiredCertificationKind = 'growing_area_code' | 'packing_facility_code' | 'gacc_registration';

/** An HS code with its (already looked-up) name in the target locale, if known. */
export interface HsRef {
  code: string;
  name?: string;
}

export interface ReasonParams {
  /** `offered` is the candidate's code, `needed` the viewer's; equal codes read as an exact match. */
  they_offer_you_need: { offered: HsRef; needed: HsRef };
  /** `offered` is the viewer's code, `needed` the candidate's. */
  you_offer_they_need: { offered: HsRef; needed: HsRef };
  certification: { kind: RequiredCertificationKind; seller: 'candidate' | 'viewer' };
  ocop: { stars: number };
  same_room: Record<string, never>;
  /** City name already in the target locale. */
  same_venue_onsite: { city: string };
  /** ISO 639-1 code; the template names it in the target locale. */
  shared_language: { language: string };
}

export type ReasonTemplates = { [K in FactorKind]: (params: ReasonParams[K]) => string };

/** Longest HS name shown inside a reason, in characters (code points) including the ellipsis. */
export const MAX_NAME_LENGTH = 60;

// Where a long name may be cut: spaces and the separators used in HS names (Latin and CJK).
const BREAK_CHARS = new Set([' ', ',', ';', ':', '，', '、', '；', '：', '(', '（']);
// Shortest head worth keeping when dropping an unclosed parenthesis.
const MIN_KEPT = 10;
const TRAILING_JUNK = /[\s,;:，、；：(（\-–]+$/u;

/**
 * Shortens an HS name to MAX_NAME_LENGTH characters at a word boundary with "…".
 * Chinese has no spaces, so punctuation also counts as a boundary; when no
 * boundary lies in the second half we cut hard rather than lose most of the name.
 */
export function shortenName(name: string, max = MAX_NAME_LENGTH): string {
  const chars = Array.from(name.trim()); // code points: never split a surrogate pair
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max - 1); // leave room for the ellipsis
  let cut = head.length;
  // A boundary at index i means head[0..i) is made of whole words (also when chars[max-1] starts a new word).
  for (let i = head.length; i > 0; i--) {
    if (BREAK_CHARS.has(chars[i])) {
      cut = i;
      break;
    }
  }
  if (cut < Math.floor(max / 2)) cut = head.length;
  // Never leave a parenthesis open ("Fish, frozen (excluding … of…"): drop the aside instead.
  const kept = head.slice(0, cut);
  const open = Math.max(kept.lastIndexOf('('), kept.lastIndexOf('（'));
  if (open >= MIN_KEPT && kept.indexOf(')', open) < 0 && kept.indexOf('）', open) < 0) cut = open;
  return `${head.slice(0, cut).join('').replace(TRAILING_JUNK, '')}…`;
}

function hsLatin(ref: HsRef): string {
  return ref.name ? `HS ${ref.code} (${shortenName(ref.name)})` : `HS ${ref.code}`;
}

function hsCjk(ref: HsRef): string {
  return ref.name ? `HS ${ref.code}（${shortenName(ref.name)}）` : `HS ${ref.code}`;
}

/** hsCjk followed by Chinese text: a space only after the bare code (Latin–CJK spacing), none after "）". */
function hsCjkBefore(ref: HsRef): string {
  return ref.name ? hsCjk(ref) : `${hsCjk(ref)} `;
}

// Intl.DisplayNames objects are costly to build and reasons are built in bulk.
const displayNames = new Map<Locale, Intl.DisplayNames>();

/** The name of a language in a locale ("English", "tiếng Anh", "英语"); falls back to the code. */
export function languageName(code: string, locale: Locale): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    displayNames.set(locale, names);
  }
  let name: string;
  try {
    name = names.of(code) ?? code;
  } catch {
    return code; // structurally invalid tag: show it as entered rather than fail the whole list
  }
  // Vietnamese capitalizes "Tiếng Anh" standalone, but mid-sentence it is "tiếng Anh".
  return locale === 'vi' ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name;
}

const CERT_EN: Record<RequiredCertificationKind, string> = {
  growing_area_code: 'growing-area code',
  packing_facility_code: 'packing-facility code',
  gacc_registration: 'GACC registration',
};
const CERT_VI: Record<RequiredCertificationKind, string> = {
  growing_area_code: 'mã số vùng trồng',
  packing_facility_code: 'mã số cơ sở đóng gói',
  gacc_registration: 'mã đăng ký GACC',
};
const CERT_ZH: Record<RequiredCertificationKind, string> = {
  growing_area_code: '种植区编码',
  packing_facility_code: '包装厂编码',
  gacc_registration: '海关总署注册编号',
};

export const REASONS: Record<Locale, ReasonTemplates> = {
  en: {
    they_offer_you_need: ({ offered, needed }) =>
      offered.code === needed.code ? `offers ${hsLatin(offered)}, which you need` : `offers ${hsLatin(offered)}, matching your need for ${hsLatin(needed)}`,
    you_offer_they_need: ({ offered, needed }) =>
      offered.code === needed.code ? `needs ${hsLatin(needed)}, which you offer` : `needs ${hsLatin(needed)}, matching your offer of ${hsLatin(offered)}`,
    certification: ({ kind, seller }) => (seller === 'candidate' ? `holds a ${CERT_EN[kind]} you require` : `you hold the ${CERT_EN[kind]} they require`),
    ocop: ({ stars }) => `OCOP ${stars}-star producer`,
    same_room: () => 'same trade room',
    same_venue_onsite: ({ city }) => `both on site at ${city}`,
    shared_language: ({ language }) => `you both work in ${languageName(language, 'en')}`,
  },
  vi: {
    they_offer_you_need: ({ offered, needed }) =>
      offered.code === needed.code ? `chào bán ${hsLatin(offered)}, mặt hàng bạn cần` : `chào bán ${hsLatin(offered)}, phù hợp với nhu cầu ${hsLatin(needed)} của bạn`,
    you_offer_they_need: ({ offered, needed }) =>
      offered.code === needed.code ? `cần mua ${hsLatin(needed)}, mặt hàng bạn chào bán` : `cần mua ${hsLatin(needed)}, phù hợp với mặt hàng ${hsLatin(offered)} bạn chào bán`,
    certification: ({ kind, seller }) => (seller === 'candidate' ? `có ${CERT_VI[kind]} mà bạn yêu cầu` : `bạn có ${CERT_VI[kind]} mà đối tác yêu cầu`),
    ocop: ({ stars }) => `có sản phẩm đạt OCOP ${stars} sao`,
    same_room: () => 'cùng phòng giao thương với bạn',
    same_venue_onsite: ({ city }) => `cả hai cùng có mặt trực tiếp tại ${city}`,
    shared_language: ({ language }) => `hai bên đều làm việc bằng ${languageName(language, 'vi')}`,
  },
  zh: {
    they_offer_you_need: ({ offered, needed }) => (offered.code === needed.code ? `供应 ${hsCjk(offered)}，正是您所需要的` : `供应 ${hsCjk(offered)}，与您所需的 ${hsCjkBefore(needed)}相关`),
    you_offer_they_need: ({ offered, needed }) => (offered.code === needed.code ? `需要 ${hsCjk(needed)}，正是您所供应的` : `需要 ${hsCjk(needed)}，与您供应的 ${hsCjkBefore(offered)}相关`),
    certification: ({ kind, seller }) => (seller === 'candidate' ? `持有您要求的${CERT_ZH[kind]}` : `您持有对方要求的${CERT_ZH[kind]}`),
    ocop: ({ stars }) => `OCOP ${stars}星级生产企业`,
    same_room: () => '与您在同一洽谈室',
    same_venue_onsite: ({ city }) => `双方均在${city}现场参会`,
    shared_language: ({ language }) => `双方均可使用${languageName(language, 'zh')}沟通`,
  },
};

/** The reason text of one factor in a locale. */
export function reasonText<K extends FactorKind>(locale: Locale, kind: K, params: ReasonParams[K]): string {
  const template: (p: ReasonParams[K]) => string = REASONS[locale][kind];
  return template(params);
}
