import { en, type MessageKey } from './en';
import { useI18n } from './I18nProvider';

/** An e-mail's or notification's kind as the settings page names it, else the kind itself (password reset and the like). */
export function useKindLabel(): (kind: string) => string {
  const { t } = useI18n();
  return (kind) => {
    for (const key of [`mailbox.kind.${kind}`, `kind.${kind}`]) if (key in en) return t(key as MessageKey);
    return kind;
  };
}
