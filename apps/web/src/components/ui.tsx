import { cloneElement, ReactElement, ReactNode, useId } from 'react';
import type { Contact } from '@tradebridge/contracts';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { errorText } from '../i18n/errors';

/** An API error's text in the language shown (see i18n/errors.ts). */
export function useErrorText(): (error: ApiError) => string {
  const { locale } = useI18n();
  return (error) => errorText(locale, error);
}

/** An API error as a banner (its fields are shown beside the inputs). */
export function ErrorBanner({ error }: { error: ApiError | null | undefined }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <span className="alert-icon" aria-hidden="true">
        !
      </span>
      <span>{text(error)}</span>
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

/**
 * A labelled control with its hint and its error (from `details.fields` of the
 * API's answer) right beneath it, wired with aria-describedby.
 */
export function Field({ label, error, hint, children, className }: { label: ReactNode; error?: string; hint?: ReactNode; children: ReactElement<ControlProps>; className?: string }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className={label ? '' : 'visually-hidden'}>{label ?? t('common.loading')}</span>
    </span>
  );
}

export function Loading() {
  return (
    <div className="loading-block">
      <Spinner />
    </div>
  );
}

/** A determinate bar when the total is known, else an indeterminate one. */
export function ProgressBar({ value, max, label }: { value?: number; max?: number; label: string }) {
  const known = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={known ? max : undefined} aria-valuenow={known ? value : undefined}>
      <div className={`progress-bar${known ? '' : ' progress-indeterminate'}`} style={known ? { width: `${Math.min(100, (value / max) * 100)}%` } : undefined} />
    </div>
  );
}

export function PageHeader({ title, subtitle, actions, eyebrow }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; eyebrow?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** A status in words and colour (never colour alone). */
export function StatusPill({ status, label }: { status: string; label: string }) {
  return <span className={`pill pill-${status}`}>{label}</span>;
}

/** The side of an enterprise: its country code on a tinted tag. */
export function SideTag({ side, sides }: { side: string; sides?: readonly string[] }) {
  const index = sides ? sides.indexOf(side) : -1;
  return <span className={`side side-${index === 1 ? 'b' : 'a'}`}>{side}</span>;
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </div>
  );
}

/** A partner's contact person, e-mail and phone (shown once a connection is accepted), as links. */
export function ContactDetails({ contact }: { contact: Contact }) {
  const { t } = useI18n();
  return (
    <dl className="contact">
      <div>
        <dt>{t('profile.contactPerson')}</dt>
        <dd>{contact.person}</dd>
      </div>
      <div>
        <dt>{t('profile.contactEmail')}</dt>
        <dd>
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </dd>
      </div>
      <div>
        <dt>{t('profile.contactPhone')}</dt>
        <dd>
          <a href={`tel:${contact.phone.replace(/\s+/g, '')}`}>{contact.phone}</a>
        </dd>
      </div>
    </dl>
  );
}
