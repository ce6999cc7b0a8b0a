import { FormEvent, ReactNode, useCallback, useState } from 'react';
import type { ConnectionView, EnterpriseView, OutcomeKind, OutcomeView, PartnerView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { connections as connectionsApi, conversations, enterprises, registrations } from '../../api/endpoints';
import { ContactDetails, EmptyState, ErrorBanner, Field, Loading, SideTag, StatusPill } from '../../components/ui';
import { ConfirmButton } from '../../components/ConfirmButton';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { formatAmount, parseAmount } from '../../i18n/parse-amount';
import { EnterpriseEventFrame } from './EnterpriseEventFrame';
import type { MyEvent } from './useMyEvent';
import { asyncHandler } from '../../components/async-handler';
import { Link, useLocation } from '../../router';
import { useLive } from '../../live/useLive';
import { ThreadPanel } from './ThreadPanel';

const OUTCOME_KINDS: OutcomeKind[] = ['mou_signed', 'contract_signed', 'order_placed', 'follow_up'];
const CURRENCIES = ['USD', 'VND', 'CNY', 'LAK', 'EUR'];

function OutcomeForm({ connectionId, onRecorded }: { connectionId: string; onRecorded(o: OutcomeView): void }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<OutcomeKind>('mou_signed');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Read as the user writes it (1.500.000.000, 1,500,000.50, 150万) and shown back the locale's way.
  const parsed = amount.trim() ? parseAmount(amount, locale) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (parsed && !parsed.ok) {
      setFields({ 'value.amount': t(`amount.${parsed.problem}` as MessageKey) });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const recorded = await connectionsApi.recordOutcome(connectionId, {
        kind,
        ...(parsed?.ok ? { value: { amount: parsed.value, currency } } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onRecorded(recorded);
      setAmount('');
      setNote('');
      setFields({});
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="outcome-form" onSubmit={asyncHandler(submit)} noValidate>
      <ErrorBanner error={error} />
      <div className="grid-4">
        <Field label={t('outcome.kind')} error={fields.kind}>
          <select value={kind} onChange={(e) => setKind(e.target.value as OutcomeKind)}>
            {OUTCOME_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`outcome.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('outcome.amount')}
          error={fields['value.amount']}
          hint={parsed?.ok ? t('outcome.amountReadAs', { value: `${formatAmount(parsed.value, locale)} ${currency}` }) : t('common.optional')}
        >
          <input
            type="text"
            inputMode="decimal"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              if (fields['value.amount']) setFields(({ 'value.amount': _, ...rest }) => rest);
            }}
            placeholder={t('outcome.amountPlaceholder')}
          />
        </Field>
        <Field label={t('outcome.currency')} error={fields['value.currency']}>
          <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </Field>
        <Field label={t('outcome.note')} error={fields.note} hint={t('common.optional')}>
          <input type="text" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
        {busy ? t('common.saving') : t('outcome.record')}
      </button>
    </form>
  );
}

/** Opens a connection's message thread, saying how many of the partner's messages are new. */
function ThreadButton({ unread, onOpen }: { unread: number; onOpen(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" className={`btn btn-small ${unread ? 'btn-primary' : 'btn-ghost'}`} onClick={onOpen}>
      {unread ? t('thread.openUnread', { n: unread }) : t('thread.open')}
    </button>
  );
}

function AcceptedConnection({ connection, partner, my, thread }: { connection: ConnectionView; partner: PartnerView | undefined; my: MyEvent; thread: ReactNode }) {
  const { t, name, date, locale } = useI18n();
  const profile = useAsync<EnterpriseView | null>(() => (partner ? enterprises.get(partner.enterprise.id) : Promise.resolve(null)), [partner?.enterprise.id]);
  const outcomes = useAsync(() => connectionsApi.outcomes(connection.id), [connection.id]);
  const [recording, setRecording] = useState(false);
  const contact = profile.data?.contact;
  const current = outcomes.data?.items.filter((o) => o.current) ?? [];
  return (
    <li className="card connection">
      <div className="connection-head">
        <div>
          <h3>{partner ? <Link to={`/events/${my.event.id}/enterprises/${partner.registrationId}`}>{name(partner.enterprise.name)}</Link> : t('live.anEnterprise')}</h3>
          <p className="muted small">
            {partner && <SideTag side={partner.side} sides={my.event.sides} />} {partner?.enterprise.region} · {my.venueOf(partner?.venueId)?.name} ·{' '}
            {t(`channel.${connection.channel}` as MessageKey)} · {date(connection.respondedAt ?? connection.createdAt, my.timezone)}
          </p>
        </div>
        <span className="button-row">
          {thread}
          <StatusPill status="accepted" label={t('connectionStatus.accepted')} />
        </span>
      </div>
      {contact ? <ContactDetails contact={contact} /> : profile.loading ? <Loading /> : <p className="muted small">{t('connections.noContact')}</p>}
      <div className="outcomes">
        <h4>{t('outcome.title')}</h4>
        {current.length ? (
          <ul className="outcome-list">
            {current.map((o) => (
              <li key={o.id}>
                <span className={`pill pill-outcome`}>{t(`outcome.${o.kind}` as MessageKey)}</span>
                {o.value && (
                  <strong>
                    {formatAmount(o.value.amount, locale)} {o.value.currency}
                  </strong>
                )}
                {o.note && <span className="muted">{o.note}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">{t('outcome.none')}</p>
        )}
        {recording ? (
          <OutcomeForm
            connectionId={connection.id}
            onRecorded={(o) => {
              outcomes.setData((page) => ({ items: [...(page?.items ?? []), o], total: (page?.total ?? 0) + 1 }));
              setRecording(false);
            }}
          />
        ) : (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setRecording(true)}>
            + {t('outcome.add')}
          </button>
        )}
      </div>
    </li>
  );
}

function Connections({ my }: { my: MyEvent }) {
  const { t, name, date } = useI18n();
  const mine = my.registration!;
  const data = useAsync(async () => {
    const [list, partners] = await Promise.all([connectionsApi.list(my.event.id, { registrationId: mine.id }), registrations.partners(my.event.id, mine.id)]);
    return { list: list.items, partners: new Map(partners.items.map((p) => [p.registrationId, p])) };
  }, [my.event.id, mine.id]);
  const [error, setError] = useState<ApiError | null>(null);
  // The open thread: from a notification's link (?thread=) or a click.
  const [thread, setThread] = useState<string | null>(useLocation().search.get('thread'));
  const threads = useAsync(() => conversations.summaries(my.event.id), [my.event.id]);
  const [tick, setTick] = useState(0);
  const reloadThreads = threads.reload;
  const onRead = useCallback(() => void reloadThreads(), [reloadThreads]);
  useLive(my.event.id, [], {
    onLog: (entry) => {
      if (entry.type === 'message.sent') {
        setTick((n) => n + 1);
        void threads.reload();
      }
      if (entry.type.startsWith('connection.')) void data.reload();
    },
  });

  if (!data.data) return data.error ? <ErrorBanner error={data.error} /> : <Loading />;
  const { list, partners } = data.data;
  const otherOf = (c: ConnectionView) => (c.fromRegistrationId === mine.id ? c.toRegistrationId : c.fromRegistrationId);
  const unreadOf = (c: ConnectionView) => threads.data?.items.find((s) => s.connectionId === c.id)?.unread ?? 0;
  const threadButton = (c: ConnectionView) => <ThreadButton unread={unreadOf(c)} onOpen={() => setThread(c.id)} />;
  const open = thread ? list.find((c) => c.id === thread) : undefined;
  const accepted = list.filter((c) => c.status === 'accepted');
  const pending = list.filter((c) => c.status === 'requested');
  const closed = list.filter((c) => c.status !== 'accepted' && c.status !== 'requested');

  const act = async (action: () => Promise<ConnectionView>) => {
    setError(null);
    try {
      await action();
      await data.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <div className="stack-lg">
      <ErrorBanner error={error} />
      {open && (
        <ThreadPanel
          connection={open}
          partnerName={name(partners.get(otherOf(open))?.enterprise.name) || t('live.anEnterprise')}
          timezone={my.timezone}
          tick={tick}
          onRead={onRead}
          onClose={() => setThread(null)}
        />
      )}
      <section aria-labelledby="accepted-title">
        <h2 id="accepted-title" className="section-title">
          {t('connections.accepted', { n: accepted.length })}
        </h2>
        {accepted.length === 0 ? (
          <EmptyState title={t('connections.noneYet')}>{t('connections.noneYetLead')}</EmptyState>
        ) : (
          <ul className="connection-list">
            {accepted.map((c) => (
              <AcceptedConnection key={c.id} connection={c} partner={partners.get(otherOf(c))} my={my} thread={threadButton(c)} />
            ))}
          </ul>
        )}
      </section>
      {pending.length > 0 && (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="section-title">
            {t('connections.pending')}
          </h2>
          <ul className="card table-list">
            {pending.map((c) => {
              const partnerName = name(partners.get(otherOf(c))?.enterprise.name) || t('live.anEnterprise');
              const incoming = c.toRegistrationId === mine.id;
              return (
                <li key={c.id} className="table-row">
                  <span className="grow">
                    <strong>
                      <Link to={`/events/${my.event.id}/enterprises/${otherOf(c)}`}>{partnerName}</Link>
                    </strong>{' '}
                    <span className="muted small">{incoming ? t('connections.theyAsked') : t('connections.youAsked')}</span>
                    {c.message && <span className="request-message"> “{c.message}”</span>}
                  </span>
                  {threadButton(c)}
                  {incoming ? (
                    <span className="button-row">
                      <button
                        type="button"
                        className="btn btn-primary btn-small"
                        onClick={asyncHandler(() => act(() => connectionsApi.accept(c.id)))}
                        aria-label={t('live.acceptFrom', { name: partnerName })}
                      >
                        {t('live.accept')}
                      </button>
                      <ConfirmButton
                        className="btn btn-ghost btn-small"
                        confirm={{ title: t('confirm.decline.title', { name: partnerName }), body: <p>{t('confirm.decline.body')}</p>, action: t('confirm.decline.action') }}
                        onConfirm={() => act(() => connectionsApi.decline(c.id))}
                        aria-label={t('live.declineFrom', { name: partnerName })}
                      >
                        {t('live.decline')}
                      </ConfirmButton>
                    </span>
                  ) : (
                    <button type="button" className="btn btn-ghost btn-small" onClick={asyncHandler(() => act(() => connectionsApi.withdraw(c.id)))}>
                      {t('connections.withdraw')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {closed.length > 0 && (
        <section aria-labelledby="closed-title">
          <h2 id="closed-title" className="section-title">
            {t('connections.closed')}
          </h2>
          <ul className="card table-list">
            {closed.map((c) => (
              <li key={c.id} className="table-row">
                <span className="grow">{name(partners.get(otherOf(c))?.enterprise.name) || t('live.anEnterprise')}</span>
                <span className="muted small">{date(c.respondedAt ?? c.createdAt, my.timezone)}</span>
                {(threads.data?.items.some((s) => s.connectionId === c.id) ?? false) && threadButton(c)}
                <StatusPill status={c.status} label={t(`connectionStatus.${c.status}` as MessageKey)} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function ConnectionsPage({ eventId }: { eventId: string }) {
  return <EnterpriseEventFrame eventId={eventId}>{(my) => <Connections my={my} />}</EnterpriseEventFrame>;
}
