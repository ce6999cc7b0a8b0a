import type { Locale } from '@tradebridge/contracts';
import { en, MessageKey, Messages } from './en';
import { vi } from './vi';
import { zh } from './zh';

/** Every language's messages. */
export const CATALOGUES: Record<Locale, Messages> = { en, vi, zh };

/** A message in a language (English where the catalogue lacks it), `{name}` filled in. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = CATALOGUES[locale][key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Whether a key built at run time (`error.${code}`) exists. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

let active: Locale = 'en';

/** The language the app shows now (kept by I18nProvider), for code outside React such as ApiError. */
export function activeLocale(): Locale {
  return active;
}

export function setActiveLocale(locale: Locale): void {
  active = locale;
}
