import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionView, EventStatus, EventView, Localized, LogEntry, PartnerView, RecommendationView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { connections as connectionsApi, matchmaking, registrations } from '../../api/endpoints';
import { ErrorBanner, Notice, SideTag, Spinner } from '../../components/ui';
import { ConfirmButton } from '../../components/ConfirmButton';
import { toApiError } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { useLive } from '../../live/useLive';
import { Link } from '../../router';
import { EnterpriseEventFrame } from './EnterpriseEventFrame';
import type { MyEvent } from './useMyEvent';
import { asyncHandler } from '../../components/async-handler';

export function LiveStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`live-status live-${status}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {t(`live.status.${status}` as MessageKey)}
    </span>
  );
}

/** The event's status as the log tells it: `event.status_changed` and `event.updated` entries move it on. */
export function statusFromLog(current: EventStatus, entry: LogEntry): EventStatus {
  if (entry.type === 'event.status_changed' && typeof entry.data.to === 'string') return entry.data.to as EventStatus;
  if (entry.type === 'event.updated') return (entry.data.event as EventView | undefined)?.status ?? current;
  return current;
}

function RecommendationCard({
  rec,
  eventId,
  sides,
  disabled,
  onRequest,
}: {
  rec: RecommendationView;
  eventId: string;
  sides: readonly string[];
  disabled: boolean;
  onRequest(message: string): Promise<void>;
}) {
  const { t, name } = useI18n();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const side = rec.enterprise.country;
  return (
    <li className="rec">
      <div className="rec-head">
        <div>
          <h3 className="rec-name">
            <Link to={`/events/${eventId}/enterprises/${rec.registrationId}`}>{name(rec.enterprise.name)}</Link>
          </h3>
          <p className="muted small">
            <SideTag side={side} sides={sides} /> {rec.enterprise.region}
          </p>
        </div>
        <span className="score" title={t('live.score')}>
          <span className="visually-hidden">{t('live.score')}: </span>
          {rec.score}
        </span>
      </div>
      <ul className="reasons" aria-label={t('live.reasons')}>
        {rec.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {open ? (
        <form
          className="rec-request"
          onSubmit={asyncHandler(async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              await onRequest(message);
            } finally {
              setBusy(false);
            }
          })}
        >
          <label className="visually-hidden" htmlFor={`msg-${rec.registrationId}`}>
            {t('live.message')}
          </label>
          <textarea id={`msg-${rec.registrationId}`} rows={2} maxLength={1000} placeholder={t('live.messagePlaceholder')} value={message} onChange={(e) => setMessage(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || disabled}>
              {busy ? t('common.working') : t('live.sendRequest')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setOpen(true)}
          disabled={disabled}
          aria-label={t('live.requestWith', { name: name(rec.enterprise.name) })}
        >
          {t('live.request')}
        </button>
      )}
    </li>
  );
}

function LiveRoom({ my, reload }: { my: MyEvent; reload(): Promise<void> }) {
  const { t, name, locale, date } = useI18n();
  const { event, registration, venueOf, roomOf } = my;
  const mine = registration!;
  const roomId = mine.status === 'approved' ? mine.roomId : null;
  const room = roomOf(roomId);
  const [connections, setConnections] = useState<Map<string, ConnectionView>>(new Map());
  const [partners, setPartners] = useState<Map<string, PartnerView>>(new Map());
  const [recs, setRecs] = useState<RecommendationView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [busyPitch, setBusyPitch] = useState(false);
  // The status at load, moved on by the log: a closed event's room is read-only.
  const [eventStatus, setEventStatus] = useState<EventStatus>(event.status);
  const closed = eventStatus === 'closed';
  const knownNames = useRef<Map<string, Localized>>(new Map());

  const upsert = useCallback(
    (c: ConnectionView) => {
      if (c.fromRegistrationId !== mine.id && c.toRegistrationId !== mine.id) return;
      setConnections((prev) => new Map(prev).set(c.id, c));
    },
    [mine.id],
  );

  const loadPartners = useCallback(async () => {
    const page = await registrations.partners(event.id, mine.id);
    setPartners(new Map(page.items.map((p) => [p.registrationId, p])));
  }, [event.id, mine.id]);

  const loadRecs = useCallback(async () => {
    if (mine.status !== 'approved') return;
    try {
      const page = await matchmaking.recommendations(event.id, mine.id, locale);
      for (const r of page.items) knownNames.current.set(r.registrationId, r.enterprise.name);
      setRecs(page.items);
    } catch (e) {
      setError(toApiError(e));
    }
  }, [event.id, mine.id, mine.status, locale]);

  const onConnection = useCallback(
    (c: ConnectionView) => {
      upsert(c);
      const other = c.fromRegistrationId === mine.id ? c.toRegistrationId : c.fromRegistrationId;
      if (c.status === 'requested' && c.toRegistrationId === mine.id) {
        const partnerName = knownNames.current.get(other);
        setAnnouncement(partnerName ? t('live.newRequestFrom', { name: name(partnerName) }) : t('live.newRequest'));
      }
      if (c.status === 'accepted' && c.fromRegistrationId === mine.id) {
        const partnerName = knownNames.current.get(other);
        setAnnouncement(t('live.acceptedBy', { name: partnerName ? name(partnerName) : '' }));
      }
      void loadPartners();
    },
    [upsert, mine.id, loadPartners, t, name],
  );

  const onLog = useCallback(
    (entry: LogEntry) => {
      if (entry.type.startsWith('registration')) void reload();
      setEventStatus((current) => statusFromLog(current, entry));
    },
    [reload],
  );

  // Once closed there is nothing live to follow: the socket goes (and with it the room's presence).
  const live = useLive(closed ? null : event.id, roomId ? [roomId] : [], { onConnection, onLog });

  useEffect(() => {
    let live = true;
    connectionsApi
      .list(event.id, { registrationId: mine.id })
      .then((page) => live && setConnections(new Map(page.items.map((c) => [c.id, c]))))
      .catch((e) => live && setError(toApiError(e)));
    void loadPartners().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [event.id, mine.id, loadPartners]);

  // Recommendations leave out enterprises already connected or asked: refresh them as connections change.
  const connectionKey = [...connections.values()]
    .map((c) => `${c.id}:${c.status}`)
    .sort()
    .join('|');
  useEffect(() => {
    void loadRecs();
  }, [loadRecs, connectionKey]);

  for (const p of partners.values()) knownNames.current.set(p.registrationId, p.enterprise.name);
  // A closed event has no presence or queue any more (what the socket last said is history).
  const presence = roomId && !closed ? live.presence[roomId] : undefined;
  const pitch = roomId && !closed ? live.pitch[roomId] : undefined;
  for (const p of presence?.participants ?? []) knownNames.current.set(p.registrationId, p.enterpriseName);

  const nameOf = (registrationId: string): string => {
    const known = partners.get(registrationId)?.enterprise.name ?? knownNames.current.get(registrationId);
    return known ? name(known) : t('live.anEnterprise');
  };

  const incoming = [...connections.values()].filter((c) => c.status === 'requested' && c.toRegistrationId === mine.id);
  const outgoing = [...connections.values()].filter((c) => c.status === 'requested' && c.fromRegistrationId === mine.id);
  const accepted = [...connections.values()].filter((c) => c.status === 'accepted');
  const inQueue = Boolean(pitch && (pitch.current?.registrationId === mine.id || pitch.queue.some((q) => q.registrationId === mine.id)));
  const queuePosition = pitch ? pitch.queue.findIndex((q) => q.registrationId === mine.id) : -1;

  const request = async (rec: RecommendationView, message: string) => {
    setError(null);
    try {
      const created = await live.call('connection.request', { toRegistrationId: rec.registrationId, fromRegistrationId: mine.id, ...(message.trim() ? { message: message.trim() } : {}) });
      upsert(created);
      setAnnouncement(t('live.requestSent', { name: name(rec.enterprise.name) }));
      void loadPartners();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const respond = async (c: ConnectionView, accept: boolean) => {
    setError(null);
    try {
      upsert(await live.call('connection.respond', { connectionId: c.id, accept }));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const raiseHand = async () => {
    if (!roomId) return;
    setBusyPitch(true);
    setError(null);
    try {
      await live.call('pitch.enqueue', { roomId });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusyPitch(false);
    }
  };

  const byVenue = useMemo(() => Object.entries(presence?.byVenue ?? {}).sort((a, b) => b[1] - a[1]), [presence]);

  const closedNotice = closed && (
    <Notice kind="info">
      <span className="event-closed-notice">{t('live.eventClosed')}</span>
    </Notice>
  );
  if (mine.status !== 'approved') {
    return closedNotice || <Notice kind="info">{t(mine.status === 'pending' ? 'live.pending' : 'live.notApproved')}</Notice>;
  }
  if (!roomId || !room) return closedNotice || <Notice kind="info">{t('live.noRoom')}</Notice>;

  return (
    <div className="live-room">
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      <div className="live-bar">
        <h2 className="live-room-name">{name(room.name)}</h2>
        <LiveStatusBadge status={closed ? 'closed' : live.status} />
        {!closed && <span className="live-count">{t('live.presentCount', { n: presence?.participants.length ?? 0 })}</span>}
      </div>
      {closedNotice}
      <ErrorBanner error={error} />
      {announcement && (
        <div className="toast" role="status">
          {announcement}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setAnnouncement('')} aria-label={t('common.dismiss')}>
            ×
          </button>
        </div>
      )}

      <div className="live-grid">
        <section className="card stage" aria-labelledby="stage-title">
          <h2 id="stage-title" className="section-title">
            {t('live.nowPresenting')}
          </h2>
          {pitch?.current ? (
            <div className="presenter">
              <p className="presenter-name">{name(pitch.current.enterpriseName)}</p>
              <p className="muted">
                <SideTag side={pitch.current.side} sides={event.sides} /> {venueOf(pitch.current.venueId)?.name}
                {pitch.current.startedAt && <> · {t('live.since', { time: date(pitch.current.startedAt, my.timezone, 'time') })}</>}
              </p>
            </div>
          ) : (
            <p className="muted presenter-none">{t('live.nobodyPresenting')}</p>
          )}
          <h3 className="subsection-title">{t('live.queue', { n: pitch?.queue.length ?? 0 })}</h3>
          {pitch && pitch.queue.length > 0 ? (
            <ol className="queue">
              {pitch.queue.map((q) => (
                <li key={q.registrationId} className={q.registrationId === mine.id ? 'me' : undefined}>
                  <span>{name(q.enterpriseName)}</span> <SideTag side={q.side} sides={event.sides} />
                  {q.registrationId === mine.id && <span className="you">{t('live.you')}</span>}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted small">{t('live.queueEmpty')}</p>
          )}
          <button type="button" className="btn btn-accent" onClick={asyncHandler(raiseHand)} disabled={closed || busyPitch || inQueue || live.status !== 'live'}>
            {inQueue ? (queuePosition >= 0 ? t('live.inQueue', { n: queuePosition + 1 }) : t('live.presentingNow')) : t('live.raiseHand')}
          </button>
        </section>

        <section className="card requests" aria-labelledby="requests-title">
          <h2 id="requests-title" className="section-title">
            {t('live.incoming')} {incoming.length > 0 && <span className="count">{incoming.length}</span>}
          </h2>
          {incoming.length === 0 ? (
            <p className="muted small">{t('live.noIncoming')}</p>
          ) : (
            <ul className="request-list">
              {incoming.map((c) => (
                <li key={c.id} className="request incoming">
                  <p className="request-name">{nameOf(c.fromRegistrationId)}</p>
                  {c.message && <p className="request-message">“{c.message}”</p>}
                  <div className="button-row">
                    <button
                      type="button"
                      className="btn btn-primary btn-small"
                      onClick={asyncHandler(() => respond(c, true))}
                      disabled={closed}
                      aria-label={t('live.acceptFrom', { name: nameOf(c.fromRegistrationId) })}
                    >
                      {t('live.accept')}
                    </button>
                    <ConfirmButton
                      className="btn btn-ghost btn-small"
                      confirm={{ title: t('confirm.decline.title', { name: nameOf(c.fromRegistrationId) }), body: <p>{t('confirm.decline.body')}</p>, action: t('confirm.decline.action') }}
                      onConfirm={() => respond(c, false)}
                      disabled={closed}
                      aria-label={t('live.declineFrom', { name: nameOf(c.fromRegistrationId) })}
                    >
                      {t('live.decline')}
                    </ConfirmButton>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {outgoing.length > 0 && (
            <>
              <h3 className="subsection-title">{t('live.sent')}</h3>
              <ul className="request-list">
                {outgoing.map((c) => (
                  <li key={c.id} className="request">
                    <span>{nameOf(c.toRegistrationId)}</span> <span className="pill pill-requested">{t('connectionStatus.requested')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="small">
            <Link to={`/events/${event.id}/connections`}>{t('live.madeSoFar', { n: accepted.length })}</Link>
          </p>
        </section>

        <section className="card recs" aria-labelledby="recs-title">
          <h2 id="recs-title" className="section-title">
            {t('live.recommended')}
          </h2>
          <p className="muted small">{t('live.recommendedLead')}</p>
          {recs === null ? (
            <Spinner />
          ) : recs.length === 0 ? (
            <p className="muted">{t('live.noRecommendations')}</p>
          ) : (
            <ul className="rec-list">
              {recs.map((rec) => (
                <RecommendationCard key={rec.registrationId} rec={rec} eventId={event.id} sides={event.sides} disabled={closed} onRequest={(message) => request(rec, message)} />
              ))}
            </ul>
          )}
        </section>

        {!closed && (
          <section className="card presence" aria-labelledby="presence-title">
            <h2 id="presence-title" className="section-title">
              {t('live.whoIsHere')}
            </h2>
            <div className="side-split">
              {event.sides.map((side) => (
                <div key={side} className="side-count">
                  <SideTag side={side} sides={event.sides} />
                  <span className="side-count-value">{presence?.bySide[side] ?? 0}</span>
                </div>
              ))}
            </div>
            {byVenue.length > 0 && (
              <ul className="venue-bars" aria-label={t('live.byVenue')}>
                {byVenue.map(([venueId, count]) => (
                  <li key={venueId}>
                    <span className="venue-bar-label">{venueOf(venueId)?.name ?? venueId}</span>
                    <span className="venue-bar-track" aria-hidden="true">
                      <span className="venue-bar-fill" style={{ width: `${(count / Math.max(1, presence?.participants.length ?? 1)) * 100}%` }} />
                    </span>
                    <span className="venue-bar-value">{count}</span>
                  </li>
                ))}
              </ul>
            )}
            <ul className="participants">
              {presence?.participants.map((p) => (
                <li key={p.registrationId} className={p.registrationId === mine.id ? 'me' : undefined}>
                  <SideTag side={p.side} sides={event.sides} /> {name(p.enterpriseName)}
                  {p.registrationId === mine.id && <span className="you">{t('live.you')}</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

export function LiveRoomPage({ eventId }: { eventId: string }) {
  return (
    <EnterpriseEventFrame eventId={eventId} wide>
      {(my, reload) => <LiveRoom my={my} reload={reload} />}
    </EnterpriseEventFrame>
  );
}
