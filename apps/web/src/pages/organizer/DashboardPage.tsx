import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttendanceNowView, ConnectionView, LogEntry, RegistrationView, SlotAttendanceCounts, VenueView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { connections as connectionsApi, meetings as meetingsApi, registrations } from '../../api/endpoints';
import { Brand, LanguageSwitcher } from '../../components/Shell';
import { TimelineChart } from '../../components/TimelineChart';
import { ErrorBanner, Loading, SideTag } from '../../components/ui';
import { toApiError } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { useLive } from '../../live/useLive';
import { Link, useLocation } from '../../router';
import { LiveStatusBadge } from '../enterprise/LiveRoomPage';
import { OrgEvent, useOrgEvent } from './useOrgEvent';
import { asyncHandler } from '../../components/async-handler';

/** A number that counts up to its value (for the big figures on the projector). */
/** Whether a media query holds, following changes (the projector layout). */
function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const changed = () => setMatches(list.matches);
    list.addEventListener('change', changed);
    changed();
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

/** The projector layout of the dashboard (styles.css): everything on one 1920×1080 screen. */
const PROJECTOR = '(min-width: 1500px) and (min-height: 880px)';

function CountUp({ value }: { value: number }) {
  const [shown, setShown] = useState(value);
  const from = useRef(value);
  useEffect(() => {
    const start = performance.now();
    const begin = from.current;
    if (begin === value) return;
    let frame = 0;
    const step = (now: number) => {
      const progress = Math.min(1, (now - start) / 600);
      const eased = 1 - Math.pow(1 - progress, 3);
      setShown(Math.round(begin + (value - begin) * eased));
      if (progress < 1) frame = requestAnimationFrame(step);
      else from.current = value;
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
      from.current = value;
    };
  }, [value]);
  return <>{shown}</>;
}

function Clock({ timezone }: { timezone: string }) {
  const { date } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <time className="dash-clock" dateTime={now.toISOString()}>
      {date(now, timezone, 'time')}
    </time>
  );
}

/** The slot counts are fetched again this long after the last change seen live (a burst of scans: one fetch). */
const SLOT_DEBOUNCE_MS = 400;
/** And this often anyway, so the slot rolls over to the next. */
const SLOT_POLL_MS = 30_000;

/** The current slot's attendance per venue: fetched on mount, every 30 s, and (debounced) when `refresh` is called. */
function useSlotAttendance(eventId: string): { view: AttendanceNowView | null; refresh: () => void } {
  const [view, setView] = useState<AttendanceNowView | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const load = useCallback(() => {
    meetingsApi
      .attendanceNow(eventId)
      .then(setView)
      .catch(() => undefined);
  }, [eventId]);
  useEffect(() => {
    load();
    const poll = window.setInterval(load, SLOT_POLL_MS);
    return () => {
      window.clearInterval(poll);
      window.clearTimeout(timer.current);
    };
  }, [load]);
  const refresh = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(load, SLOT_DEBOUNCE_MS);
  }, [load]);
  return { view, refresh };
}

const SLOT_BUCKETS = ['underWay', 'held', 'missed', 'waiting', 'cancelled'] as const;

/** "This slot": the current (or next) slot's meetings per venue, online in a row of its own. */
function ThisSlot({ view, timezone, venueOf }: { view: AttendanceNowView | null; timezone: string; venueOf: (id: string | null | undefined) => VenueView | undefined }) {
  const { t, date } = useI18n();
  const place = (row: SlotAttendanceCounts) => (row.venueId ? (venueOf(row.venueId)?.city ?? row.name ?? '…') : t('dash.slot.online'));
  const cells = (row: SlotAttendanceCounts) => (
    <>
      <td data-bucket="meetings">{row.meetings}</td>
      {SLOT_BUCKETS.map((bucket) => (
        <td key={bucket} data-bucket={bucket} className={`dash-slot-${bucket}`}>
          {row[bucket]}
        </td>
      ))}
    </>
  );
  const slot = view?.slot;
  return (
    <section className="dash-panel dash-slot" aria-labelledby="dash-slot">
      <header className="dash-slot-head">
        <h2 id="dash-slot">{t('dash.slot.title')}</h2>
        {slot && (
          <p className="dash-slot-when" data-state={slot.state}>
            {t(slot.state === 'in_progress' ? 'dash.slot.inProgress' : 'dash.slot.upcoming', {
              from: date(slot.startsAt, timezone, 'time', false),
              to: date(slot.endsAt, timezone, 'time', false),
            })}
          </p>
        )}
      </header>
      {!view ? (
        <Loading />
      ) : !slot ? (
        <p className="dash-empty">{t('dash.slot.over')}</p>
      ) : view.venues.length === 0 ? (
        <p className="dash-empty">{t('dash.slot.empty')}</p>
      ) : (
        <table className="dash-slot-table">
          <thead>
            <tr>
              <th scope="col">{t('dash.slot.venue')}</th>
              <th scope="col">{t('dash.slot.meetings')}</th>
              {SLOT_BUCKETS.map((bucket) => (
                <th key={bucket} scope="col" className={`dash-slot-${bucket}`}>
                  {t(`dash.slot.${bucket}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.venues.map((row) => (
              <tr key={row.key} data-venue={row.key}>
                <th scope="row" title={row.name ?? undefined}>
                  {place(row)}
                </th>
                {cells(row)}
              </tr>
            ))}
          </tbody>
          {view.venues.length > 1 && (
            <tfoot>
              <tr data-venue="all">
                <th scope="row">{t('dash.slot.total')}</th>
                {cells(view.totals)}
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}

interface FeedItem {
  connection: ConnectionView;
  fresh: boolean;
}

function Dashboard({ org }: { org: OrgEvent }) {
  const { t, name, date, number } = useI18n();
  const { event, rooms, venues, venueOf } = org;
  const [regs, setRegs] = useState<Map<string, RegistrationView>>(new Map());
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [base, setBase] = useState<{ total: number; ids: Set<string> } | null>(null);
  const [newlyAccepted, setNewlyAccepted] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [busyRoom, setBusyRoom] = useState<string | null>(null);

  const loadRegistrations = useCallback(async () => {
    const page = await registrations.listAll(event.id, { status: 'approved' });
    setRegs(new Map(page.items.map((r) => [r.id, r])));
  }, [event.id]);

  const onConnection = useCallback(
    (c: ConnectionView) => {
      if (c.status !== 'accepted') return;
      setFeed((prev) => (prev.some((f) => f.connection.id === c.id) ? prev : [{ connection: c, fresh: true }, ...prev].slice(0, 12)));
      setNewlyAccepted((prev) => new Set(prev).add(c.id));
      setRegs((known) => {
        if (!known.has(c.fromRegistrationId) || !known.has(c.toRegistrationId)) void loadRegistrations().catch(() => undefined);
        return known;
      });
    },
    [loadRegistrations],
  );

  const slotAttendance = useSlotAttendance(event.id);
  const refreshSlot = slotAttendance.refresh;
  const onLog = useCallback(
    (entry: LogEntry) => {
      if (entry.type.startsWith('meeting.')) refreshSlot();
    },
    [refreshSlot],
  );

  const live = useLive(
    event.id,
    useMemo(() => rooms.map((r) => r.id), [rooms]),
    { onConnection, onLog, onMeetingCall: refreshSlot },
  );

  useEffect(() => {
    let alive = true;
    Promise.all([connectionsApi.list(event.id, { status: 'accepted', limit: 12 }), loadRegistrations()])
      .then(([page]) => {
        if (!alive) return;
        setBase({ total: page.total, ids: new Set(page.items.map((c) => c.id)) });
        setFeed((prev) => [...prev, ...page.items.filter((c) => !prev.some((f) => f.connection.id === c.id)).map((connection) => ({ connection, fresh: false }))].slice(0, 12));
      })
      .catch((e) => alive && setError(toApiError(e)));
    return () => {
      alive = false;
    };
  }, [event.id, loadRegistrations]);

  const fromSockets = base ? base.total + [...newlyAccepted].filter((id) => !base.ids.has(id)).length : 0;
  const made = Math.max(live.stats?.connections.made ?? 0, fromSockets);
  const requested = Math.max(live.stats?.connections.requested ?? 0, made);
  const present = live.stats?.present.total ?? Object.values(live.presence).reduce((sum, p) => sum + p.participants.length, 0);
  const rate = requested ? made / requested : 0;

  const timeline = useMemo(() => {
    const minutes = live.stats?.timeline ?? [];
    const inWindow = minutes.reduce((sum, m) => sum + m.made, 0);
    const before = Math.max(0, made - inWindow);
    const points = minutes.map((m) => ({ at: new Date(m.minute.replace('Z', ':00Z')), value: m.made }));
    if (points.length && before > 0) points.unshift({ at: new Date(points[0].at.getTime() - 60_000), value: before });
    if (points.length === 0 && made > 0) points.push({ at: new Date(), value: made });
    return points;
  }, [live.stats, made]);

  const nameOf = (id: string) => name(regs.get(id)?.enterprise?.name) || '…';

  const next = async (roomId: string) => {
    setBusyRoom(roomId);
    setError(null);
    try {
      await live.call('pitch.next', { roomId });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusyRoom(null);
    }
  };

  const { search } = useLocation();
  // Kiosk: for the screen in the hall, nothing to click (no language, full-screen, back or queue buttons).
  const kiosk = search.get('kiosk') === '1';
  const projector = useMedia(PROJECTOR);
  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <div className={kiosk ? 'dash dash-kiosk' : 'dash'} data-kiosk={kiosk || undefined}>
      <header className="dash-top">
        <Brand link={!kiosk} />
        <div className="dash-title">
          <h1>{name(event.name)}</h1>
          <p>{t('dash.subtitle', { venues: venues.length, rooms: rooms.length })}</p>
        </div>
        <div className="dash-top-end">
          <LiveStatusBadge status={live.status} />
          <Clock timezone={event.timezone} />
          {!kiosk && (
            <>
              <LanguageSwitcher />
              <button type="button" className="btn btn-dark btn-small" onClick={fullscreen}>
                {t('dash.fullscreen')}
              </button>
              <Link to={`/org/events/${event.id}/dashboard?kiosk=1`} className="btn btn-dark btn-small">
                {t('dash.kiosk')}
              </Link>
              <Link to={`/org/events/${event.id}/setup`} className="btn btn-dark btn-small">
                {t('dash.back')}
              </Link>
            </>
          )}
        </div>
      </header>
      <ErrorBanner error={error} />

      <section className="dash-hero" aria-label={t('dash.figures')}>
        <div className="dash-figure dash-figure-main">
          <span className="dash-figure-label">{t('dash.connectionsMade')}</span>
          {/* The count-up is for the eye; screen readers get the settled figure once. */}
          <span className="dash-figure-value" aria-hidden="true" data-value={made}>
            <CountUp value={made} />
          </span>
          <span className="visually-hidden" aria-live="polite">
            {made}
          </span>
        </div>
        <div className="dash-figure">
          <span className="dash-figure-label">{t('dash.requested')}</span>
          <span className="dash-figure-value">
            <CountUp value={requested} />
          </span>
          <span className="dash-figure-hint">{t('dash.acceptance', { rate: number(rate, { style: 'percent', maximumFractionDigits: 0 }) })}</span>
        </div>
        <div className="dash-figure">
          <span className="dash-figure-label">{t('dash.presentNow')}</span>
          <span className="dash-figure-value">
            <CountUp value={present} />
          </span>
          <span className="dash-figure-hint dash-sides">
            {event.sides.map((side) => (
              <span key={side}>
                <SideTag side={side} sides={event.sides} /> {live.stats?.present.bySide[side] ?? 0}
              </span>
            ))}
          </span>
        </div>
      </section>

      <div className="dash-middle">
        <section className="dash-panel dash-timeline-panel" aria-labelledby="dash-timeline">
          <h2 id="dash-timeline">{t('dash.timeline')}</h2>
          {timeline.length ? (
            <TimelineChart
              points={timeline}
              label={t('dash.timelineLabel', { n: made })}
              formatTick={(at) => date(at, event.timezone, 'time', false)}
              dark
              height={260}
              width={projector ? 1200 : 800}
            />
          ) : (
            <p className="dash-empty">{t('dash.timelineEmpty')}</p>
          )}
        </section>
        <section className="dash-panel dash-feed-panel" aria-labelledby="dash-feed">
          <h2 id="dash-feed">{t('dash.latest')}</h2>
          {feed.length === 0 ? (
            <p className="dash-empty">{t('dash.feedEmpty')}</p>
          ) : (
            <ol className="feed">
              {feed.map(({ connection: c, fresh }) => {
                const from = regs.get(c.fromRegistrationId);
                const to = regs.get(c.toRegistrationId);
                return (
                  <li key={c.id} className={fresh ? 'fresh' : undefined}>
                    <span className="feed-pair">
                      <span>{nameOf(c.fromRegistrationId)}</span>
                      <span className="feed-link" role="img" aria-label={t('dash.connectedWith')}>
                        ⇄
                      </span>
                      <span>{nameOf(c.toRegistrationId)}</span>
                    </span>
                    <span className="feed-meta">
                      {from && <SideTag side={from.side} sides={event.sides} />} {venueOf(from?.venueId)?.city} → {to && <SideTag side={to.side} sides={event.sides} />}{' '}
                      {venueOf(to?.venueId)?.city} · {t(`channel.${c.channel}` as MessageKey)} · {date(c.respondedAt ?? c.createdAt, event.timezone, 'time', false)}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>

      <ThisSlot view={slotAttendance.view} timezone={event.timezone} venueOf={venueOf} />

      <section className="dash-rooms" aria-label={t('dash.rooms')}>
        {rooms.map((room) => {
          const presence = live.presence[room.id];
          const pitch = live.pitch[room.id];
          const inRoom = presence?.participants.length ?? 0;
          const roomStats = live.stats?.connections.byRoom.find((r) => r.roomId === room.id);
          return (
            <article key={room.id} className="dash-room" aria-labelledby={`room-${room.id}`}>
              <header>
                <h2 id={`room-${room.id}`}>{name(room.name)}</h2>
                <span className="dash-room-count">{t('dash.inRoom', { n: inRoom })}</span>
              </header>
              <div className="dash-room-sides">
                {event.sides.map((side) => (
                  <span key={side}>
                    <SideTag side={side} sides={event.sides} /> <strong>{presence?.bySide[side] ?? 0}</strong>
                  </span>
                ))}
                <span className="dash-room-made">{t('dash.madeHere', { n: roomStats?.made ?? 0 })}</span>
              </div>
              <ul className="dash-venues">
                {venues.map((v) => {
                  const count = presence?.byVenue[v.id] ?? 0;
                  return (
                    <li key={v.id}>
                      <span className="dash-venue-name">{v.city}</span>
                      <span className="dash-venue-track" aria-hidden="true">
                        <span style={{ width: `${inRoom ? (count / inRoom) * 100 : 0}%` }} />
                      </span>
                      <span className="dash-venue-count">{count}</span>
                    </li>
                  );
                })}
              </ul>
              <div className="dash-pitch">
                <p className="dash-pitch-label">{t('live.nowPresenting')}</p>
                <p className="dash-pitch-name">{pitch?.current ? name(pitch.current.enterpriseName) : '—'}</p>
                <p className="dash-pitch-queue">
                  {pitch && pitch.queue.length
                    ? t('dash.upNext', {
                        names: pitch.queue
                          .slice(0, 3)
                          .map((q) => name(q.enterpriseName))
                          .join(', '),
                        n: pitch.queue.length,
                      })
                    : t('live.queueEmpty')}
                </p>
                {!kiosk && (
                  <button type="button" className="btn btn-accent btn-small" disabled={busyRoom === room.id || live.status !== 'live'} onClick={asyncHandler(() => next(room.id))}>
                    {t('dash.nextPresenter')} ▶
                  </button>
                )}
              </div>
            </article>
          );
        })}
      </section>
    </div>
  );
}

export function DashboardPage({ eventId }: { eventId: string }) {
  const org = useOrgEvent(eventId);
  if (!org.data) return <div className="dash">{org.error ? <ErrorBanner error={org.error} /> : <Loading />}</div>;
  return <Dashboard org={org.data} />;
}
