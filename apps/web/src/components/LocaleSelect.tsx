import type { Locale } from '@tradebridge/contracts';
import { LOCALES } from '@tradebridge/contracts';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18nProvider';
import { Field } from './ui';

/** The language a file is written in (the report's, the printables'), each named in the UI's language. */
export function LocaleSelect({ label, value, onChange }: { label: string; value: Locale; onChange(locale: Locale): void }) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`lang.${code}` as MessageKey)}
          </option>
        ))}
      </select>
    </Field>
  );
}
