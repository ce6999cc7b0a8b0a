import { FormEvent, useState } from 'react';
import type { Attendance, EventView, RegistrationView, VenueView } from '@tradebridge/contracts';
import { ATTENDANCES, registrationOpen } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { events, registrations } from '../../api/endpoints';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorBanner, Field, Loading, Notice, PageHeader, StatusPill } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { useMyEnterprise } from './useMyEnterprise';
import { asyncHandler } from '../../components/async-handler';

interface EventRow {
  event: EventView;
  registration: RegistrationView | null;
}

function RegisterForm({ event, enterpriseId, onDone }: { event: EventView; enterpriseId: string; onDone(r: RegistrationView): void }) {
  const { t } = useI18n();
  const venues = useAsync(() => events.venues(event.id), [event.id]);
  const [venueId, setVenueId] = useState('');
  const [attendance, setAttendance] = useState<Attendance>('onsite');
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const pickVenue = (id: string, list: VenueView[]) => {
    setVenueId(id);
    setFields({});
    if (list.find((v) => v.id === id)?.kind === 'online') setAttendance('online');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!venueId) {
      setFields({ venueId: t('validation.required') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await registrations.create(event.id, { enterpriseId, venueId, attendance }));
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  if (!venues.data) return venues.error ? <ErrorBanner error={venues.error} /> : <Loading />;
  return (
    <form className="register-form" onSubmit={asyncHandler(submit)} noValidate>
      <ErrorBanner error={error} />
      <div className="grid-2">
        <Field label={t('event.venue')} error={fields.venueId}>
          <select value={venueId} onChange={(e) => pickVenue(e.target.value, venues.data?.items ?? [])}>
            <option value="">{t('common.choose')}</option>
            {venues.data.items.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name} · {v.city} ({t(`venueKind.${v.kind}` as MessageKey)})
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="field">
          <legend>{t('event.attendance')}</legend>
          <div className="segmented">
            {ATTENDANCES.map((a) => (
              <label key={a} className={attendance === a ? 'on' : undefined}>
                <input type="radio" name={`attendance-${event.id}`} value={a} checked={attendance === a} onChange={() => setAttendance(a)} />
                {t(`attendance.${a}` as MessageKey)}
              </label>
            ))}
          </div>
          {fields.attendance && <p className="field-error">{fields.attendance}</p>}
        </fieldset>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common.working') : t('event.register')}
      </button>
    </form>
  );
}

function EventCard({ row, enterpriseId, onRegistered }: { row: EventRow; enterpriseId: string | null; onRegistered(r: RegistrationView): void }) {
  const { t, name, date } = useI18n();
  const [open, setOpen] = useState(false);
  const { event, registration } = row;
  // The server's own rule: open for registration, or live with walk-ins allowed.
  const canRegister = !registration && registrationOpen(event);
  const base = `/events/${event.id}`;
  return (
    <article className="card event-card">
      <div className="event-card-head">
        <div>
          <h2>{name(event.name)}</h2>
          <p className="muted">
            {date(event.startsAt, event.timezone)} → {date(event.endsAt, event.timezone, 'time')}
          </p>
        </div>
        <StatusPill status={event.status} label={t(`eventStatus.${event.status}` as MessageKey)} />
      </div>
      <p className="sides">
        <span className="side side-a">{event.sides[0]}</span>
        <span aria-hidden="true">⇄</span>
        <span className="side side-b">{event.sides[1]}</span>
        <span className="visually-hidden">{t('event.sides', { a: event.sides[0], b: event.sides[1] })}</span>
      </p>
      {registration ? (
        <div className="event-card-mine">
          <p>
            {t('event.yourRegistration')}: <StatusPill status={registration.status} label={t(`registration.${registration.status}` as MessageKey)} />
          </p>
          <div className="button-row">
            <Link className="btn btn-primary" to={`${base}/live`}>
              {t('nav.liveRoom')}
            </Link>
            <Link className="btn btn-secondary" to={`${base}/connections`}>
              {t('nav.connections')}
            </Link>
            <Link className="btn btn-secondary" to={`${base}/meetings`}>
              {t('nav.meetings')}
            </Link>
            <Link className="btn btn-secondary" to={`${base}/badge`}>
              {t('nav.badge')}
            </Link>
          </div>
        </div>
      ) : canRegister && enterpriseId ? (
        <>
          {event.status === 'live' && <p className="muted small">{t('event.walkInOpen')}</p>}
          {open ? (
            <RegisterForm event={event} enterpriseId={enterpriseId} onDone={onRegistered} />
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
              {t('event.registerCta')}
            </button>
          )}
        </>
      ) : (
        <p className="muted">{canRegister ? t('event.needProfile') : event.status === 'live' ? t('event.registrationClosedLive') : t('event.registrationNotOpen')}</p>
      )}
    </article>
  );
}

export function EventsPage() {
  const { t } = useI18n();
  const { enterprise } = useMyEnterprise();
  const list = useAsync(async (): Promise<EventRow[]> => {
    const page = await events.list();
    return Promise.all(
      page.items.map(async (event) => {
        const mine = enterprise ? await registrations.list(event.id).catch(() => null) : null;
        return { event, registration: mine?.items.find((r) => r.enterpriseId === enterprise?.id) ?? null };
      }),
    );
  }, [enterprise?.id]);

  return (
    <Shell>
      <PageHeader eyebrow={t('events.eyebrow')} title={t('events.title')} subtitle={t('events.lead')} />
      {!enterprise && (
        <Notice kind="warning">
          {t('events.noProfile')} <Link to="/profile">{t('events.createProfile')}</Link>
        </Notice>
      )}
      <ErrorBanner error={list.error} />
      {!list.data ? (
        list.error ? null : (
          <Loading />
        )
      ) : list.data.length === 0 ? (
        <EmptyState title={t('events.none')} />
      ) : (
        <div className="card-list">
          {list.data.map((row) => (
            <EventCard
              key={row.event.id}
              row={row}
              enterpriseId={enterprise?.id ?? null}
              onRegistered={(registration) => list.setData((rows) => (rows ?? []).map((r) => (r.event.id === row.event.id ? { ...r, registration } : r)))}
            />
          ))}
        </div>
      )}
    </Shell>
  );
}
