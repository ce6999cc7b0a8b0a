import { ReactNode, useEffect, useState } from 'react';
import type { CalendarFeedCreatedView, MeetingAttendance, MeetingView, PartnerView, RescheduleView, VenueView } from '@tradebridge/contracts';
import { useSession } from '../../auth/AuthProvider';
import { ApiError } from '../../api/client';
import { calendarFeed, meetings as meetingsApi, registrations } from '../../api/endpoints';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState, ErrorBanner, Field, Loading, Notice, SideTag, StatusPill } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import { formatRange, isoToZoned, zonedToIso } from '../../i18n/format';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation } from '../../router';
import { useLive } from '../../live/useLive';
import { MeetingReschedule, proposalsOf } from './MeetingReschedule';
import { EnterpriseEventFrame } from './EnterpriseEventFrame';
import type { MyEvent } from './useMyEvent';
import { PrintMine } from './PrintMine';
import { asyncHandler } from '../../components/async-handler';
import { CameraScanner, canUseCamera } from '../../components/CameraScanner';

/** Badges are scanned at the table from this long before the start to the end (as the API allows). */
const CHECK_IN_OPENS_MS = 10 * 60_000;

/** A table's QR sign carries T- and 16 characters; a badge 20 (which may start with T too). */
export function isTableCode(value: string): boolean {
  const compact = value.toUpperCase().replace(/[\s-]/g, '');
  return compact.length === 17 && compact.startsWith('T');
}

/**
 * At the table: scan the partner's badge or the table's QR sign (camera) or type
 * the code. A badge scan means both are there; a table scan counts the scanning
 * side, and the meeting is held once both sides are. Shown only while the meeting is on.
 */
function TableCheckIn({ meeting, onCheckedIn }: { meeting: MeetingView; onCheckedIn(updated: MeetingView): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [camera, setCamera] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const now = Date.now();
  const on = now >= new Date(meeting.startsAt).getTime() - CHECK_IN_OPENS_MS && now <= new Date(meeting.endsAt).getTime();
  if (meeting.mode !== 'onsite' || meeting.status !== 'scheduled' || !on) return null;
  const send = async (badgeCode: string) => {
    if (!badgeCode.trim()) {
      setFields({ badgeCode: t('validation.required') });
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const value = badgeCode.trim();
      onCheckedIn(await meetingsApi.scan(meeting.id, isTableCode(value) ? { tableCode: value } : { badgeCode: value }));
      setOpen(false);
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      const fieldErrors = failure.fieldMap();
      // Either code is typed into the one field.
      if (fieldErrors.tableCode) fieldErrors.badgeCode = fieldErrors.tableCode;
      setFields(fieldErrors);
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" className="btn btn-primary btn-small" onClick={() => setOpen(true)}>
        {t('meetings.checkIn')}
      </button>
    );
  }
  return (
    <form
      className="stack table-check-in"
      noValidate
      aria-label={t('meetings.checkIn')}
      onSubmit={(e) => {
        e.preventDefault();
        void send(code);
      }}
    >
      <p className="muted small">{t('meetings.checkInLead')}</p>
      <ErrorBanner error={error} />
      {camera ? (
        <CameraScanner
          onCode={(value) => {
            setCamera(false);
            setCode(value);
            void send(value);
          }}
          onClose={() => setCamera(false)}
        />
      ) : (
        canUseCamera() && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setCamera(true)}>
            {t('badge.useCamera')}
          </button>
        )
      )}
      <Field label={t('meetings.partnerBadge')} error={fields.badgeCode}>
        <input
          name="badgeCode"
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setFields({});
          }}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <div className="button-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t('meetings.checkInSubmit')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Where a meeting happens: a table at a venue, or the online meeting page. */
export function MeetingPlace({ meeting, venue }: { meeting: MeetingView; venue?: VenueView }) {
  const { t } = useI18n();
  if (meeting.mode === 'online') {
    return (
      <Link to={`/meet/${meeting.id}`} className="meeting-link">
        {t('meetings.openOnline')}
      </Link>
    );
  }
  return <span>{t('meetings.table', { table: meeting.table ?? '?', venue: venue?.name ?? '' })}</span>;
}

/**
 * A party's view of attendance: its own record and the partner's, and (while the
 * parties' records still decide) "I attended / I was absent" for its own side only.
 */
export function MeetingAttendanceView({ meeting, mine, onAttendance }: { meeting: MeetingView; mine: string; onAttendance?(attendance: MeetingAttendance): void }) {
  const { t } = useI18n();
  const own = meeting.registrationIds.indexOf(mine);
  if (own < 0 || meeting.status === 'cancelled') return null;
  const state = (value: MeetingAttendance | null) => t(value ? (`attendance.${value}` as MessageKey) : 'attendance.unrecorded');
  // Once both sides attended (or staff decided), only the organizers change it.
  const canRecord = onAttendance && !meeting.statusOverridden && (meeting.status === 'scheduled' || meeting.status === 'no_show');
  return (
    <>
      <ul className="meeting-attendance small">
        <li>{t('meetings.yourAttendance', { state: state(meeting.attendance[own]) })}</li>
        <li>{t('meetings.partnerAttendance', { state: state(meeting.attendance[1 - own]) })}</li>
      </ul>
      {meeting.statusOverridden && <p className="muted small">{t('meetings.decidedByStaff')}</p>}
      {canRecord && (
        <div className="button-row" title={t('meetings.attendanceHint')}>
          <button type="button" className="btn btn-secondary btn-small" aria-pressed={meeting.attendance[own] === 'attended'} onClick={() => onAttendance('attended')}>
            {t('meetings.iAttended')}
          </button>
          <button type="button" className="btn btn-ghost btn-small" aria-pressed={meeting.attendance[own] === 'absent'} onClick={() => onAttendance('absent')}>
            {t('meetings.iWasAbsent')}
          </button>
        </div>
      )}
    </>
  );
}

/**
 * One meeting with the viewer's time and the partner's local time. `mine` is the
 * viewer's registration: it records its own attendance, and sees the partner's.
 */
export function MeetingCard({
  meeting,
  partner,
  sides,
  venue,
  mine,
  onAttendance,
  onUpdated,
  reschedule,
  target,
}: {
  meeting: MeetingView;
  partner?: PartnerView;
  sides: readonly string[];
  venue?: VenueView;
  mine?: string;
  onAttendance?(attendance: MeetingAttendance): void;
  /** The meeting as the server has it after a check-in at the table. */
  onUpdated?(meeting: MeetingView): void;
  /** Moving the meeting to another time (MeetingReschedule), below the card's row. */
  reschedule?: ReactNode;
  /** The meeting a link pointed at (a notification's `?meeting=`): scrolled to and focused. */
  target?: boolean;
}) {
  const { t, name, locale } = useI18n();
  const focus = (element: HTMLLIElement | null) => {
    if (!element || !target || element.dataset.focused) return;
    element.dataset.focused = 'true';
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
  };
  return (
    <li className="card meeting" id={`meeting-${meeting.id}`} ref={focus} tabIndex={target ? -1 : undefined} aria-current={target ? 'true' : undefined}>
      <div className="meeting-when">
        <p className="meeting-time">{formatRange(meeting.local.startsAt, meeting.local.endsAt, meeting.local.timezone, locale)}</p>
        <p className="muted small">{t('meetings.yourTime')}</p>
        {meeting.partnerLocal && meeting.partnerLocal.timezone !== meeting.local.timezone && (
          <p className="meeting-partner-time">
            {t('meetings.partnerTime')}: {formatRange(meeting.partnerLocal.startsAt, meeting.partnerLocal.endsAt, meeting.partnerLocal.timezone, locale)}
          </p>
        )}
      </div>
      <div className="meeting-who">
        <h3>{partner ? <Link to={`/events/${meeting.eventId}/enterprises/${partner.registrationId}`}>{name(partner.enterprise.name)}</Link> : t('live.anEnterprise')}</h3>
        <p className="muted small">
          {partner && <SideTag side={partner.side} sides={sides} />} {t(`meetingMode.${meeting.mode}` as MessageKey)} · <MeetingPlace meeting={meeting} venue={venue} />
        </p>
      </div>
      <div className="meeting-status">
        <StatusPill status={meeting.status} label={t(`meetingStatus.${meeting.status}` as MessageKey)} />
        {mine && <MeetingAttendanceView meeting={meeting} mine={mine} onAttendance={onAttendance} />}
        {mine && onUpdated && <TableCheckIn meeting={meeting} onCheckedIn={onUpdated} />}
      </div>
      {reschedule}
    </li>
  );
}

/**
 * When the enterprise can meet, as windows in its own time zone; the scheduler
 * books meetings only inside them. No window means the whole event.
 */
function Availability({ my }: { my: MyEvent }) {
  const { t } = useI18n();
  const mine = my.registration!;
  const zone = my.timezone;
  const saved = useAsync(() => meetingsApi.availability(my.event.id, mine.id), [my.event.id, mine.id]);
  const [rows, setRows] = useState<{ from: string; to: string }[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const shown = rows ?? saved.data?.items.map((w) => ({ from: isoToZoned(w.startsAt, zone), to: isoToZoned(w.endsAt, zone) })) ?? [];
  const edit = (next: { from: string; to: string }[]) => {
    setRows(next);
    setDone(false);
  };
  const save = async () => {
    setError(null);
    setFields({});
    try {
      const answer = await meetingsApi.setAvailability(
        my.event.id,
        mine.id,
        shown.filter((r) => r.from && r.to).map((r) => ({ startsAt: zonedToIso(r.from, zone), endsAt: zonedToIso(r.to, zone) })),
      );
      saved.setData(answer);
      setRows(null);
      setDone(true);
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      setFields(failure.fieldMap());
    }
  };
  const eventStart = isoToZoned(my.event.startsAt, zone);
  const eventEnd = isoToZoned(my.event.endsAt, zone);
  return (
    <section className="card stack" aria-labelledby="availability-title">
      <h2 id="availability-title" className="section-title">
        {t('availability.title')}
      </h2>
      <p className="muted small">{t('availability.lead', { zone })}</p>
      <ErrorBanner error={error} />
      {done && <Notice kind="success">{t('availability.saved')}</Notice>}
      {shown.length === 0 && <p className="muted">{t('availability.wholeEvent')}</p>}
      {shown.map((row, i) => (
        <div className="line-row" key={i}>
          <Field label={t('availability.from')} error={fields[`windows[${i}].startsAt`] ?? fields[`windows[${i}]`] ?? (i === 0 ? fields.windows : undefined)}>
            <input type="datetime-local" min={eventStart} max={eventEnd} value={row.from} onChange={(e) => edit(shown.map((r, j) => (j === i ? { ...r, from: e.target.value } : r)))} />
          </Field>
          <Field label={t('availability.to')} error={fields[`windows[${i}].endsAt`]}>
            <input type="datetime-local" min={eventStart} max={eventEnd} value={row.to} onChange={(e) => edit(shown.map((r, j) => (j === i ? { ...r, to: e.target.value } : r)))} />
          </Field>
          <button type="button" className="btn btn-ghost btn-icon" aria-label={t('availability.remove', { n: i + 1 })} onClick={() => edit(shown.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <div className="button-row">
        <button type="button" className="btn btn-secondary btn-small" onClick={() => edit([...shown, { from: eventStart, to: eventEnd }])}>
          + {t('availability.add')}
        </button>
        <button type="button" className="btn btn-primary btn-small" onClick={asyncHandler(save)} disabled={rows === null}>
          {t('availability.save')}
        </button>
      </div>
    </section>
  );
}

/** A URL in a read-only field with a copy button (the feed's URL is shown only once). */
function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (insecure origin, denied): the field can still be selected by hand
    }
  };
  return (
    <div className="copy-field">
      <Field label={label}>
        <input type="text" readOnly value={value} onFocus={(e) => e.target.select()} />
      </Field>
      <button type="button" className="btn btn-secondary btn-small" aria-label={t('feed.copyLabel', { what: label })} onClick={asyncHandler(copy)}>
        {copied ? t('feed.copied') : t('feed.copy')}
      </button>
    </div>
  );
}

/**
 * "Subscribe in your calendar": the personal feed of every meeting of the
 * user's enterprises. The URL is answered once, when it is created; a new one
 * revokes the old, and Revoke makes it answer 404.
 */
function CalendarSubscription() {
  const { t, date } = useI18n();
  const { me } = useSession();
  const status = useAsync(() => calendarFeed.status(), []);
  const [created, setCreated] = useState<CalendarFeedCreatedView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [revoked, setRevoked] = useState(false);
  const active = Boolean(created) || (!revoked && status.data?.active);
  const create = async () => {
    setError(null);
    try {
      const feed = await calendarFeed.create();
      setCreated(feed);
      setRevoked(false);
      status.setData({ active: true, createdAt: new Date().toISOString() });
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const revoke = async () => {
    setError(null);
    try {
      await calendarFeed.revoke();
      setCreated(null);
      setRevoked(true);
      status.setData({ active: false, createdAt: null });
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <section className="card stack" aria-labelledby="feed-title">
      <h2 id="feed-title" className="section-title">
        {t('feed.title')}
      </h2>
      <p className="muted small">{t('feed.lead')}</p>
      <ErrorBanner error={error ?? status.error} />
      {status.loading && !status.data ? (
        <Loading />
      ) : (
        <>
          {revoked && <Notice kind="success">{t('feed.revoked')}</Notice>}
          {created ? (
            <div className="stack">
              <Notice kind="warning">{t('feed.shownOnce')}</Notice>
              <CopyField label={t('feed.url')} value={created.url} />
              <CopyField label={t('feed.webcalUrl')} value={created.webcalUrl} />
              <p>
                <a href={created.webcalUrl} className="btn btn-primary btn-small">
                  {t('feed.open')}
                </a>
              </p>
            </div>
          ) : (
            active && <p>{status.data?.createdAt ? t('feed.activeSince', { when: date(status.data.createdAt, me?.timezone ?? 'UTC') }) : t('feed.active')}</p>
          )}
          {!active && !revoked && <p>{t('feed.none')}</p>}
          <p className="muted small">{t('feed.replaceHint')}</p>
          <div className="button-row">
            <ConfirmButton
              className="btn btn-secondary btn-small"
              confirm={active ? { title: t('feed.replaceTitle'), body: t('feed.replaceHint'), action: t('feed.replace') } : null}
              onConfirm={asyncHandler(create)}
            >
              {active ? t('feed.replace') : t('feed.create')}
            </ConfirmButton>
            {active && (
              <ConfirmButton
                className="btn btn-danger btn-small"
                confirm={{ title: t('feed.revokeTitle'), body: t('feed.revokeBody'), action: t('feed.revoke') }}
                onConfirm={asyncHandler(revoke)}
              >
                {t('feed.revoke')}
              </ConfirmButton>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function Meetings({ my }: { my: MyEvent }) {
  const { t, name } = useI18n();
  const mine = my.registration!;
  const target = useLocation().search.get('meeting');
  const data = useAsync(async () => {
    const [list, partners] = await Promise.all([meetingsApi.list(my.event.id, { registrationId: mine.id }), registrations.partners(my.event.id, mine.id)]);
    return { list: list.items, partners: new Map(partners.items.map((p) => [p.registrationId, p])), proposals: await proposalsOf(list.items) };
  }, [my.event.id, mine.id]);
  // The partner proposes, answers or moves a meeting (and staff book or change one): every such
  // change is a `meeting.*` log entry naming both parties, so the page refetches on it.
  const { reload } = data;
  useLive(my.event.id, [], {
    onLog: (entry) => {
      if (entry.type.startsWith('meeting.') || entry.type === 'meetings.scheduled') void reload();
    },
  });
  // A notification's link to a meeting that is already on the page.
  useEffect(() => {
    if (target) document.getElementById(`meeting-${target}`)?.scrollIntoView({ block: 'center' });
  }, [target]);
  const [error, setError] = useState<ApiError | null>(null);
  if (!data.data) return data.error ? <ErrorBanner error={data.error} /> : <Loading />;
  const sorted = [...data.data.list].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const replace = (updated: MeetingView) =>
    data.setData((prev) => ({
      list: (prev?.list ?? []).map((m) => (m.id === updated.id ? updated : m)),
      partners: prev?.partners ?? new Map<string, PartnerView>(),
      proposals: prev?.proposals ?? new Map<string, RescheduleView[]>(),
    }));
  const setAttendance = async (meeting: MeetingView, attendance: MeetingAttendance) => {
    setError(null);
    try {
      replace(await meetingsApi.setAttendance(meeting.id, attendance));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <div className="stack">
      <ErrorBanner error={error} />
      <p className="muted">{t('meetings.lead', { zone: my.timezone })}</p>
      {sorted.length > 0 && <PrintMine my={my} what="schedule" />}
      {sorted.length > 0 && <p className="muted small">{t('meetings.attendanceHint')}</p>}
      {sorted.length === 0 ? (
        <EmptyState title={t('meetings.none')}>{t('meetings.noneLead')}</EmptyState>
      ) : (
        <ul className="meeting-list">
          {sorted.map((m) => {
            const partner = data.data?.partners.get(m.registrationIds.find((r) => r !== mine.id) ?? '');
            return (
              <MeetingCard
                key={m.id}
                meeting={m}
                partner={partner}
                sides={my.event.sides}
                venue={my.venueOf(m.venueId)}
                mine={mine.id}
                onAttendance={asyncHandler((attendance) => setAttendance(m, attendance))}
                onUpdated={replace}
                target={m.id === target}
                reschedule={
                  <MeetingReschedule
                    meeting={m}
                    proposals={data.data?.proposals.get(m.id) ?? []}
                    mine={mine.id}
                    partnerName={partner ? name(partner.enterprise.name) : t('live.anEnterprise')}
                    event={my.event}
                    others={sorted}
                    onChanged={reload}
                  />
                }
              />
            );
          })}
        </ul>
      )}
      <CalendarSubscription />
      {mine.status === 'approved' && <Availability my={my} />}
    </div>
  );
}

export function MeetingsPage({ eventId }: { eventId: string }) {
  return <EnterpriseEventFrame eventId={eventId}>{(my) => <Meetings my={my} />}</EnterpriseEventFrame>;
}
