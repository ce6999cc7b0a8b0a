import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationMessageView, ConnectionView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { conversations } from '../../api/endpoints';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner, Field, Loading } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import { asyncHandler } from '../../components/async-handler';
import { useI18n } from '../../i18n/I18nProvider';

const CLOSED = new Set(['declined', 'withdrawn', 'expired']);

/**
 * A connection's message thread: each phrasebook message in the reader's own
 * language, free text as written. New messages arrive live (`tick` grows on each
 * `message.sent` of this thread); what is shown is marked read.
 */
export function ThreadPanel({
  connection,
  partnerName,
  timezone,
  tick,
  onRead,
  onClose,
}: {
  connection: ConnectionView;
  partnerName: string;
  timezone: string;
  tick: number;
  onRead(): void;
  onClose(): void;
}) {
  const { t, locale, date } = useI18n();
  const book = useAsync(() => conversations.phrasebook(), []);
  const [messages, setMessages] = useState<ConversationMessageView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [phraseKey, setPhraseKey] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const lastId = useRef(0);
  const list = useRef<HTMLOListElement>(null);

  const fetchNew = useCallback(async () => {
    const page = await conversations.list(connection.id, lastId.current);
    if (page.items.length) {
      lastId.current = page.items[page.items.length - 1].id;
      setMessages((prev) => [...(prev ?? []), ...page.items.filter((m) => !(prev ?? []).some((p) => p.id === m.id))]);
      await conversations.markRead(connection.id, lastId.current);
      onRead();
    } else {
      setMessages((prev) => prev ?? []);
    }
  }, [connection.id, onRead]);

  useEffect(() => {
    lastId.current = 0;
    setMessages(null);
  }, [connection.id]);
  useEffect(() => {
    fetchNew().catch((e: unknown) => setError(toApiError(e)));
  }, [fetchNew, tick]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages?.length]);

  const send = async (body: { phraseKey: string } | { text: string }) => {
    setBusy(true);
    setError(null);
    try {
      await conversations.send(connection.id, body);
      if ('text' in body) setText('');
      else setPhraseKey('');
      await fetchNew();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const submitText = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) await send({ text });
  };
  const closed = CLOSED.has(connection.status);

  return (
    <section className="card stack thread" aria-labelledby="thread-title">
      <div className="connection-head">
        <h2 id="thread-title" className="section-title">
          {t('thread.title', { name: partnerName })}
        </h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('thread.close')}
        </button>
      </div>
      <p className="muted small">{t('thread.lead')}</p>
      <ErrorBanner error={error} />
      {messages === null ? (
        <Loading />
      ) : messages.length === 0 ? (
        <p className="muted">{t('thread.empty')}</p>
      ) : (
        <ol className="thread-messages" ref={list} aria-label={t('thread.messages')}>
          {messages.map((m) => (
            <li key={m.id} className={`thread-message${m.mine ? ' thread-mine' : ''}`}>
              <p className="thread-meta muted small">
                {m.senderName} · {date(m.createdAt, timezone, 'datetime', false)}
                {m.phrase && <span className="pill pill-phrase">{t('thread.phrase')}</span>}
                {m.reported && <span className="pill">{t('thread.reported')}</span>}
              </p>
              <p className="thread-text" lang={m.phrase ? locale : undefined}>
                {m.phrase ? m.phrase[locale] : m.text}
              </p>
              {!m.mine && !m.reported && (
                <ConfirmButton
                  className="btn btn-ghost btn-small"
                  confirm={{ title: t('thread.report.title'), body: <p>{t('thread.report.body')}</p>, action: t('thread.report.action') }}
                  onConfirm={async () => {
                    try {
                      await conversations.report(connection.id, m.id);
                      setMessages((prev) => (prev ?? []).map((p) => (p.id === m.id ? { ...p, reported: true } : p)));
                    } catch (caught) {
                      setError(toApiError(caught));
                    }
                  }}
                >
                  {t('thread.report.action')}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ol>
      )}
      {closed ? (
        <p className="muted">{t('error.THREAD_CLOSED')}</p>
      ) : (
        <div className="stack">
          <div className="inline-form">
            <Field label={t('thread.phrasebook')} hint={t('thread.phrasebookHint')}>
              <select value={phraseKey} onChange={(e) => setPhraseKey(e.target.value)} disabled={!book.data}>
                <option value="">{t('thread.choosePhrase')}</option>
                {book.data?.categories.map((c) => (
                  <optgroup key={c.key} label={c.name[locale]}>
                    {book.data?.items
                      .filter((p) => p.category === c.key)
                      .map((p) => (
                        <option key={p.key} value={p.key}>
                          {p.text[locale]}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            <button type="button" className="btn btn-primary" disabled={busy || !phraseKey} onClick={asyncHandler(() => send({ phraseKey }))}>
              {t('thread.sendPhrase')}
            </button>
          </div>
          <form className="inline-form" onSubmit={asyncHandler(submitText)} noValidate>
            <Field label={t('thread.text')}>
              <textarea rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
            </Field>
            <button type="submit" className="btn btn-secondary" disabled={busy || !text.trim()}>
              {t('thread.send')}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
