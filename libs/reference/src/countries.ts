import type { Locale } from '@tradebridge/contracts';

/** ISO 3166-1 alpha-2 countries, named through ICU in vi/zh/en. */
const displayNames: Record<Locale, Intl.DisplayNames> = {
  vi: new Intl.DisplayNames(['vi'], { type: 'region', fallback: 'code' }),
  zh: new Intl.DisplayNames(['zh-Hans'], { type: 'region', fallback: 'code' }),
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }),
};

// Reserved/user-assigned codes ICU names but ISO 3166-1 does not assign to a country.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ']);

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && displayNames.en.of(code) !== code;
}

export function countryName(code: string, locale: Locale): string {
  return displayNames[locale].of(code) ?? code;
}
