import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { LOCALES, Locale, Localized } from '@tradebridge/contracts';
import type { MessageKey } from './en';
import { DateStyle, formatInstant, formatNumber, pickName } from './format';
import { formatAmount } from './parse-amount';
import { setActiveLocale, translate } from './translate';

export { translate };

const STORAGE_KEY = 'tradebridge.locale';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** A localized name (enterprise, room, event) in the viewer's language. */
  name(text: Localized | Record<string, string> | undefined | null): string;
  date(iso: string | Date, timeZone: string, style?: DateStyle, withZone?: boolean): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A decimal-string amount, every digit kept. */
  amount(value: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else the browser's language, else English. */
function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage disabled: fall through
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // the choice then lasts for this page only
    }
  }, []);

  const value = useMemo<I18n>(() => {
    setActiveLocale(locale);
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      name: (text) => pickName(text, locale),
      date: (iso, timeZone, style, withZone) => formatInstant(iso, timeZone, locale, style, withZone),
      number: (value, options) => formatNumber(value, locale, options),
      amount: (value) => formatAmount(value, locale),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
