import { FormEvent, useState } from 'react';
import { useSession } from '../../auth/AuthProvider';
import { mailbox } from '../../api/endpoints';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../../components/ui';
import { Shell } from '../../components/Shell';
import { useAsync } from '../../components/useAsync';
import { formatInstant, formatNumber } from '../../i18n/format';
import { useKindLabel } from '../../i18n/kind-label';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';

const PAGE_SIZE = 25;

/** Newest first, a page at a time: to, subject, kind and when it was kept. */
function MessageList() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const kindLabel = useKindLabel();
  const [offset, setOffset] = useState(0);
  const [draft, setDraft] = useState('');
  const [to, setTo] = useState('');
  const page = useAsync(() => mailbox.list({ limit: PAGE_SIZE, offset, ...(to ? { to } : {}) }), [offset, to]);
  const zone = me?.timezone ?? 'UTC';
  const search = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setTo(draft.trim());
  };
  const filter = (
    <form className="button-row mail-filter" role="search" onSubmit={search}>
      <label>
        <span>{t('mailbox.filterTo')}</span>
        <input type="search" value={draft} maxLength={320} placeholder={t('mailbox.filterHint')} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-small">
        {t('mailbox.filter')}
      </button>
    </form>
  );
  if (page.error)
    return (
      <div className="stack">
        {filter}
        <ErrorBanner error={page.error} />
      </div>
    );
  if (!page.data) return <Loading />;
  const { items, total } = page.data;
  if (total === 0)
    return (
      <div className="stack">
        {filter}
        {to ? <EmptyState title={t('mailbox.noMatch', { to })} /> : <EmptyState title={t('mailbox.empty')}>{t('mailbox.emptyLead')}</EmptyState>}
      </div>
    );
  return (
    <div className="stack">
      {filter}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('mailbox.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mailbox.to')}</th>
              <th scope="col">{t('mailbox.subject')}</th>
              <th scope="col">{t('mailbox.kind')}</th>
              <th scope="col">{t('mailbox.time')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td>{m.to}</td>
                <td>
                  <Link to={`/admin/mailbox/${m.id}`}>{m.subject || t('mailbox.noSubject')}</Link>
                </td>
                <td>{kindLabel(m.kind)}</td>
                <td>{formatInstant(m.createdAt, zone, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="button-row mail-pager">
        <button type="button" className="btn btn-ghost btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          {t('mailbox.newer')}
        </button>
        <span className="muted small" role="status">
          {t('mailbox.range', { from: formatNumber(offset + 1, locale), to: formatNumber(offset + items.length, locale), total: formatNumber(total, locale) })}
        </span>
        <button type="button" className="btn btn-ghost btn-small" disabled={offset + items.length >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          {t('mailbox.older')}
        </button>
      </div>
    </div>
  );
}

/**
 * One message: its text, its HTML in a sandboxed frame (`sandbox=""`: no
 * script, no same origin, no forms, no navigation of this page) and the raw source.
 */
function MessageView({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const kindLabel = useKindLabel();
  const message = useAsync(() => mailbox.get(id), [id]);
  if (message.error) return <ErrorBanner error={message.error} />;
  if (!message.data) return <Loading />;
  const m = message.data;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/mailbox">← {t('mailbox.back')}</Link>
      </p>
      <section className="card stack" aria-labelledby="mail-subject">
        <h2 id="mail-subject" className="section-title">
          {m.subject || t('mailbox.noSubject')}
        </h2>
        <dl className="mail-headers">
          <dt>{t('mailbox.to')}</dt>
          <dd>{m.to}</dd>
          <dt>{t('mailbox.kind')}</dt>
          <dd>{kindLabel(m.kind)}</dd>
          <dt>{t('mailbox.time')}</dt>
          <dd>{formatInstant(m.createdAt, me?.timezone ?? 'UTC', locale)}</dd>
          <dt>Message-ID</dt>
          <dd>
            <code>{m.messageId}</code>
          </dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="mail-text">
        <h2 id="mail-text" className="section-title">
          {t('mailbox.text')}
        </h2>
        <pre className="mail-text" data-testid="mail-text">
          {m.text}
        </pre>
      </section>
      <section className="card stack" aria-labelledby="mail-html">
        <h2 id="mail-html" className="section-title">
          {t('mailbox.html')}
        </h2>
        {m.html ? <iframe className="mail-html" title={t('mailbox.html')} sandbox="" srcDoc={m.html} referrerPolicy="no-referrer" /> : <p className="muted">{t('mailbox.noHtml')}</p>}
      </section>
      <details className="card">
        <summary>{t('mailbox.raw')}</summary>
        <pre className="mail-raw" data-testid="mail-raw">
          {m.raw}
        </pre>
      </details>
    </div>
  );
}

/** `/admin/mailbox`: the e-mails kept instead of sent when no SMTP_URL is set (admins only; the API answers 403 to others). */
export function MailboxPage({ messageId }: { messageId?: string }) {
  const { t } = useI18n();
  return (
    <Shell>
      <PageHeader title={t('mailbox.title')} subtitle={t('mailbox.lead')} />
      {messageId ? <MessageView id={messageId} /> : <MessageList />}
    </Shell>
  );
}
