import { FormEvent, useState } from 'react';
import type { RoomView, StaffRole, VenueKind, VenueView } from '@tradebridge/contracts';
import { EVENT_STATUSES as FLOW, LOCALES, VENUE_KINDS as KINDS } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { directory, events, reference } from '../../api/endpoints';
import { ErrorBanner, Field, Notice, StatusPill } from '../../components/ui';
import { ConfirmButton } from '../../components/ConfirmButton';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { ModeratorRooms } from './ModeratorRooms';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';
import { allZones } from './zones';
import { asyncHandler } from '../../components/async-handler';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { isoToZoned, zonedToIso } from '../../i18n/format';
import { offsetLabel, offsetsText, parseOffsets } from '../../components/reminder-offsets';

function useFormErrors() {
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const fail = (caught: unknown) => {
    const failure = toApiError(caught);
    setError(failure);
    setFields(failure.fieldMap());
  };
  const clear = () => {
    setError(null);
    setFields({});
  };
  return { error, fields, fail, clear, setFields };
}

function StatusSection({ org, reload }: { org: OrgEvent; reload(): Promise<void> }) {
  const { t, date } = useI18n();
  const { event } = org;
  const { error, fail, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [slot, setSlot] = useState(String(event.slotMinutes));
  const [reminders, setReminders] = useState(offsetsText(event.reminderMinutes));
  const [reminderProblem, setReminderProblem] = useState<string | undefined>();
  const index = FLOW.indexOf(event.status);
  const next = FLOW[index + 1];
  const slots = Math.floor((new Date(event.endsAt).getTime() - new Date(event.startsAt).getTime()) / (event.slotMinutes * 60_000));

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    clear();
    try {
      await action();
      await reload();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="status-title">
      <h2 id="status-title" className="section-title">
        {t('setup.status')}
      </h2>
      <ErrorBanner error={error} />
      <ol className="stepper">
        {FLOW.map((status, i) => (
          <li key={status} className={i < index ? 'done' : i === index ? 'current' : undefined} aria-current={i === index ? 'step' : undefined}>
            <span className="step-dot" aria-hidden="true">
              {i < index ? '✓' : i + 1}
            </span>
            {t(`eventStatus.${status}` as MessageKey)}
          </li>
        ))}
      </ol>
      {next ? (
        <div>
          <ConfirmButton
            className="btn btn-primary"
            disabled={busy}
            confirm={
              next === 'live' || next === 'closed'
                ? {
                    title: t(`confirm.${next === 'live' ? 'live' : 'close'}.title`),
                    body: (
                      <p>
                        {t(`confirm.${next === 'live' ? 'live' : 'close'}.body`)} {t('confirm.undone')}
                      </p>
                    ),
                    action: t(`confirm.${next === 'live' ? 'live' : 'close'}.action`),
                  }
                : null
            }
            onConfirm={() => run(() => events.update(event.id, { status: next }))}
          >
            {t(`setup.moveTo.${next}` as MessageKey)}
          </ConfirmButton>
          <p className="muted small">{t(`setup.moveHint.${next}` as MessageKey)}</p>
        </div>
      ) : (
        <Notice kind="info">{t('setup.closedNote')}</Notice>
      )}
      {event.status !== 'closed' && (
        <div>
          <label className="check">
            <input
              type="checkbox"
              checked={event.walkInRegistration}
              disabled={busy}
              onChange={(e) => {
                const walkInRegistration = e.target.checked;
                void run(() => events.update(event.id, { walkInRegistration }));
              }}
            />
            {t('org.walkInRegistration')}
          </label>
          <p className="muted small">{t('org.walkInHint')}</p>
        </div>
      )}
      <div className="slot-grid">
        <h3 className="subsection-title">{t('setup.slotGrid')}</h3>
        <p className="muted small">
          {t('setup.slotGridLead', { n: slots, minutes: event.slotMinutes, from: date(event.startsAt, event.timezone), to: date(event.endsAt, event.timezone, 'time') })}
        </p>
        <div className="slot-strip" aria-hidden="true">
          {Array.from({ length: Math.min(slots, 48) }, (_, i) => (
            <span key={i} title={date(new Date(new Date(event.startsAt).getTime() + i * event.slotMinutes * 60_000), event.timezone, 'time', false)} />
          ))}
        </div>
        {event.status !== 'closed' && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => events.update(event.id, { slotMinutes: Number(slot) }));
            }}
          >
            <Field label={t('org.slotMinutes')}>
              <input type="number" min={5} max={240} step={5} value={slot} onChange={(e) => setSlot(e.target.value)} />
            </Field>
            <button type="submit" className="btn btn-secondary" disabled={busy}>
              {t('common.save')}
            </button>
          </form>
        )}
      </div>
      <div>
        <h3 className="subsection-title">{t('setup.reminders')}</h3>
        <p className="muted small">{event.reminderMinutes.length ? t('setup.remindersLead', { offsets: event.reminderMinutes.map(offsetLabel).join(', ') }) : t('setup.remindersNone')}</p>
        {event.status !== 'closed' && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const reminderMinutes = parseOffsets(reminders);
              setReminderProblem(reminderMinutes ? undefined : t('org.reminderInvalid'));
              if (reminderMinutes) void run(() => events.update(event.id, { reminderMinutes }));
            }}
          >
            <Field label={t('org.reminderMinutes')} error={reminderProblem} hint={t('org.reminderHint')}>
              <input type="text" inputMode="numeric" value={reminders} onChange={(e) => setReminders(e.target.value)} />
            </Field>
            <button type="submit" className="btn btn-secondary" disabled={busy}>
              {t('common.save')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

/** The event's name, time zone and dates, correctable until it closes (the API locks the dates once meetings are booked). */
function DetailsSection({ org, reload }: { org: OrgEvent; reload(): Promise<void> }) {
  const { t } = useI18n();
  const { event } = org;
  const { error, fields, fail, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [names, setNames] = useState({ vi: event.name.vi ?? '', zh: event.name.zh ?? '', en: event.name.en ?? '' });
  const [timezone, setTimezone] = useState(event.timezone);
  const [startsAt, setStartsAt] = useState(isoToZoned(event.startsAt, event.timezone));
  const [endsAt, setEndsAt] = useState(isoToZoned(event.endsAt, event.timezone));
  if (event.status === 'closed') return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    clear();
    try {
      const name = Object.fromEntries(
        Object.entries(names)
          .filter(([, v]) => v.trim())
          .map(([k, v]) => [k, v.trim()]),
      );
      await events.update(event.id, { name, timezone, startsAt: zonedToIso(startsAt, timezone), endsAt: zonedToIso(endsAt, timezone) });
      setSaved(true);
      await reload();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="details-title">
      <h2 id="details-title" className="section-title">
        {t('setup.details')}
      </h2>
      <p className="muted small">{t('setup.detailsLead')}</p>
      <form onSubmit={asyncHandler(submit)} noValidate className="stack">
        <ErrorBanner error={error} />
        {saved && <Notice kind="success">{t('setup.saved')}</Notice>}
        <div className="grid-3">
          {LOCALES.map((code) => (
            <Field key={code} label={t('profile.nameIn', { language: t(`lang.${code}` as MessageKey) })} error={fields[`name.${code}`] ?? (code === 'vi' ? fields.name : undefined)}>
              <input type="text" value={names[code]} onChange={(e) => setNames({ ...names, [code]: e.target.value })} />
            </Field>
          ))}
        </div>
        <div className="grid-3">
          <Field label={t('org.timezone')} error={fields.timezone}>
            <select value={timezone} onChange={(e) => setTimezone(e.target.value)}>
              {allZones().map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </Field>
          <Field label={t('org.startsAt')} error={fields.startsAt} hint={t('org.inZone', { zone: timezone })}>
            <input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
          </Field>
          <Field label={t('org.endsAt')} error={fields.endsAt}>
            <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
          </Field>
        </div>
        <div>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function VenuesSection({ org, reload }: { org: OrgEvent; reload(): Promise<void> }) {
  const { t } = useI18n();
  const { error, fields, fail, clear } = useFormErrors();
  const blank = { name: '', city: '', country: org.event.sides[0], timezone: org.event.timezone, kind: 'main' as VenueKind, capacity: '200', tables: '20' };
  const [form, setForm] = useState(blank);
  const [editing, setEditing] = useState<VenueView | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  // A venue whose delete was refused as in use: offered to move what uses it first.
  const [refused, setRefused] = useState<VenueView | null>(null);
  const idempotency = useIdempotencyKey();
  const open = org.event.status !== 'closed';
  const edit = (v: VenueView) => {
    clear();
    setEditing(v);
    setForm({ name: v.name, city: v.city, country: v.country, timezone: v.timezone, kind: v.kind, capacity: String(v.capacity), tables: String(v.tables) });
  };
  const stopEditing = () => {
    clear();
    setEditing(null);
    setForm(blank);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    setDeleteError(null);
    try {
      const body = { ...form, capacity: Number(form.capacity), tables: Number(form.tables) };
      if (editing) {
        await events.updateVenue(org.event.id, editing.id, body);
        setEditing(null);
        setForm(blank);
      } else {
        await events.addVenue(org.event.id, body, idempotency.keyFor(body));
        idempotency.done();
        setForm({ ...form, name: '', city: '' });
      }
      await reload();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (v: VenueView, moveTo?: string) => {
    setBusy(true);
    setDeleteError(null);
    try {
      await events.deleteVenue(org.event.id, v.id, moveTo);
      if (editing?.id === v.id) stopEditing();
      setRefused(null);
      await reload();
    } catch (caught) {
      const problem = toApiError(caught);
      setDeleteError(problem);
      setRefused(problem.code === 'IN_USE' ? v : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="venues-title">
      <h2 id="venues-title" className="section-title">
        {t('setup.venues')}
      </h2>
      <ErrorBanner error={deleteError} />
      {refused && open && (
        <MoveThenDelete
          key={refused.id}
          prompt={t('setup.moveFirst.venue', { name: refused.name })}
          none={t('setup.moveFirst.noVenue')}
          name={refused.name}
          options={org.venues.filter((v) => v.id !== refused.id && (v.kind === 'online') === (refused.kind === 'online')).map((v) => ({ id: v.id, label: v.name }))}
          busy={busy}
          onMove={(to) => void remove(refused, to)}
        />
      )}
      {org.venues.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('setup.venueName')}</th>
                <th scope="col">{t('setup.kind')}</th>
                <th scope="col">{t('setup.city')}</th>
                <th scope="col">{t('org.timezone')}</th>
                <th scope="col" className="num">
                  {t('setup.capacity')}
                </th>
                <th scope="col" className="num">
                  {t('setup.tables')}
                </th>
                {open && <th scope="col">{t('setup.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {org.venues.map((v) => (
                <tr key={v.id}>
                  <td>{v.name}</td>
                  <td>
                    <span className={`pill pill-venue-${v.kind}`}>{t(`venueKind.${v.kind}` as MessageKey)}</span>
                  </td>
                  <td>
                    {v.city}, {v.country}
                  </td>
                  <td>{v.timezone}</td>
                  <td className="num">{v.capacity}</td>
                  <td className="num">
                    {v.tables}
                    {v.tables > 0 && (
                      <>
                        {' · '}
                        <Link to={`/org/events/${org.event.id}/venues/${v.id}/tables`}>{t('tables.signs')}</Link>
                      </>
                    )}
                  </td>
                  {open && (
                    <td className="row-actions">
                      <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => edit(v)}>
                        {t('setup.edit')}
                      </button>
                      <ConfirmButton
                        className="btn btn-ghost btn-small"
                        disabled={busy}
                        confirm={{ title: t('setup.deleteVenue.title', { name: v.name }), body: <p>{t('setup.deleteVenue.body')}</p>, action: t('setup.delete') }}
                        onConfirm={() => void remove(v)}
                      >
                        {t('setup.delete')}
                      </ConfirmButton>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={asyncHandler(submit)} noValidate className="stack">
        <h3 className="subsection-title">{editing ? t('setup.editVenue', { name: editing.name }) : t('setup.addVenue')}</h3>
        <ErrorBanner error={error} />
        <div className="grid-4">
          <Field label={t('setup.venueName')} error={fields.name}>
            <input type="text" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label={t('setup.city')} error={fields.city}>
            <input type="text" value={form.city} onChange={(e) => setForm({ ...form, city: e.target.value })} />
          </Field>
          <Field label={t('profile.country')} error={fields.country}>
            <input type="text" maxLength={2} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value.toUpperCase() })} />
          </Field>
          <Field label={t('org.timezone')} error={fields.timezone}>
            <select value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })}>
              {allZones().map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </Field>
          <Field label={t('setup.kind')} error={fields.kind}>
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as VenueKind, tables: e.target.value === 'online' ? '0' : form.tables })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`venueKind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('setup.capacity')} error={fields.capacity}>
            <input type="number" min={1} value={form.capacity} onChange={(e) => setForm({ ...form, capacity: e.target.value })} />
          </Field>
          <Field label={t('setup.tables')} error={fields.tables}>
            <input type="number" min={0} value={form.tables} onChange={(e) => setForm({ ...form, tables: e.target.value })} />
          </Field>
        </div>
        <div>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {editing ? t('common.save') : `+ ${t('setup.addVenue')}`}
          </button>
          {editing && (
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={stopEditing}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function RoomsSection({ org, reload }: { org: OrgEvent; reload(): Promise<void> }) {
  const { t, name, locale } = useI18n();
  const { error, fields, fail, clear } = useFormErrors();
  const sections = useAsync(() => reference.hs({ level: 'section', locale, limit: 30 }), [locale]);
  const [names, setNames] = useState({ vi: '', zh: '', en: '' });
  const [codes, setCodes] = useState<string[]>([]);
  const [capacity, setCapacity] = useState('100');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<RoomView | null>(null);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [refused, setRefused] = useState<RoomView | null>(null);
  const idempotency = useIdempotencyKey();
  const open = org.event.status !== 'closed';
  const reset = () => {
    setNames({ vi: '', zh: '', en: '' });
    setCodes([]);
    setCapacity('100');
  };
  const edit = (room: RoomView) => {
    clear();
    setEditing(room);
    setNames({ vi: room.name.vi ?? '', zh: room.name.zh ?? '', en: room.name.en ?? '' });
    setCodes(room.sectorCodes);
    setCapacity(String(room.capacity));
  };
  const stopEditing = () => {
    clear();
    setEditing(null);
    reset();
  };
  const remove = async (room: RoomView, moveTo?: string) => {
    setBusy(true);
    setDeleteError(null);
    try {
      await events.deleteRoom(org.event.id, room.id, moveTo);
      if (editing?.id === room.id) stopEditing();
      setRefused(null);
      await reload();
    } catch (caught) {
      const problem = toApiError(caught);
      setDeleteError(problem);
      setRefused(problem.code === 'IN_USE' ? room : null);
    } finally {
      setBusy(false);
    }
  };
  const sectionName = (code: string) => sections.data?.items.find((s) => s.code === code)?.name ?? code;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    setDeleteError(null);
    try {
      const roomName = Object.fromEntries(
        Object.entries(names)
          .filter(([, v]) => v.trim())
          .map(([k, v]) => [k, v.trim()]),
      );
      const body = { name: roomName, sectorCodes: codes, capacity: Number(capacity) };
      if (editing) {
        await events.updateRoom(org.event.id, editing.id, body);
        setEditing(null);
      } else {
        await events.addRoom(org.event.id, body, idempotency.keyFor(body));
        idempotency.done();
      }
      reset();
      await reload();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="rooms-title">
      <h2 id="rooms-title" className="section-title">
        {t('setup.rooms')}
      </h2>
      <ErrorBanner error={deleteError} />
      {refused && open && (
        <MoveThenDelete
          key={refused.id}
          prompt={t('setup.moveFirst.room', { name: name(refused.name) })}
          none={t('setup.moveFirst.noRoom')}
          name={name(refused.name)}
          options={org.rooms.filter((r) => r.id !== refused.id).map((r) => ({ id: r.id, label: name(r.name) }))}
          busy={busy}
          onMove={(to) => void remove(refused, to)}
        />
      )}
      {org.rooms.length > 0 && (
        <ul className="room-cards">
          {org.rooms.map((r) => (
            <li key={r.id} className="room-card">
              <p className="room-card-name">{name(r.name)}</p>
              <p className="muted small">{r.sectorCodes.map((c) => `${c} · ${sectionName(c)}`).join(' / ')}</p>
              <p className="small">
                {t('setup.capacity')}: {r.capacity} · <StatusPill status={r.status} label={t(`roomStatus.${r.status}` as MessageKey)} />
              </p>
              {open && (
                <p className="row-actions">
                  <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => edit(r)}>
                    {t('setup.edit')}
                  </button>
                  <ConfirmButton
                    className="btn btn-ghost btn-small"
                    disabled={busy}
                    confirm={{ title: t('setup.deleteRoom.title', { name: name(r.name) }), body: <p>{t('setup.deleteRoom.body')}</p>, action: t('setup.delete') }}
                    onConfirm={() => void remove(r)}
                  >
                    {t('setup.delete')}
                  </ConfirmButton>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={asyncHandler(submit)} noValidate className="stack">
        <h3 className="subsection-title">{editing ? t('setup.editRoom', { name: name(editing.name) }) : t('setup.addRoom')}</h3>
        <ErrorBanner error={error} />
        <div className="grid-4">
          {LOCALES.map((code) => (
            <Field key={code} label={t('profile.nameIn', { language: t(`lang.${code}` as MessageKey) })} error={fields[`name.${code}`] ?? (code === 'vi' ? fields.name : undefined)}>
              <input type="text" value={names[code]} onChange={(e) => setNames({ ...names, [code]: e.target.value })} />
            </Field>
          ))}
          <Field label={t('setup.capacity')} error={fields.capacity}>
            <input type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </Field>
        </div>
        <fieldset className={`field${fields.sectorCodes ? ' field-invalid' : ''}`}>
          <legend>{t('setup.sectors')}</legend>
          <div className="chips">
            {sections.data?.items.map((s) => (
              <label key={s.code} className={`chip${codes.includes(s.code) ? ' chip-on' : ''}`} title={s.name}>
                <input type="checkbox" checked={codes.includes(s.code)} onChange={(e) => setCodes(e.target.checked ? [...codes, s.code] : codes.filter((c) => c !== s.code))} />
                <span className="chip-code">{s.code}</span> <span className="chip-name">{s.name}</span>
              </label>
            ))}
          </div>
          {fields.sectorCodes && <p className="field-error">{fields.sectorCodes}</p>}
        </fieldset>
        <div>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {editing ? t('common.save') : `+ ${t('setup.addRoom')}`}
          </button>
          {editing && (
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={stopEditing}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function StaffSection({ org }: { org: OrgEvent }) {
  const { t } = useI18n();
  const staff = useAsync(() => events.staff(org.event.id), [org.event.id]);
  const { error, fields, fail, clear } = useFormErrors();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('moderator');
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const body = { email: email.trim(), role };
      await events.addStaff(org.event.id, body, idempotency.keyFor(body));
      idempotency.done();
      setEmail('');
      await staff.reload();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="staff-title">
      <h2 id="staff-title" className="section-title">
        {t('setup.staff')}
      </h2>
      <ul className="table-list">
        {staff.data?.items.map((s) => (
          <li key={s.userId} className="table-row">
            <span className="grow">
              {s.displayName} <span className="muted small">{s.email}</span>
            </span>
            <span className="pill">{t(`staffRole.${s.role}` as MessageKey)}</span>
            <ModeratorRooms org={org} staff={s} onSaved={() => void staff.reload()} />
          </li>
        ))}
      </ul>
      <form onSubmit={asyncHandler(submit)} noValidate className="inline-form">
        <ErrorBanner error={error} />
        <Field label={t('auth.email')} error={fields.email}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('setup.role')} error={fields.role}>
          <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            <option value="moderator">{t('staffRole.moderator')}</option>
            <option value="organizer">{t('staffRole.organizer')}</option>
          </select>
        </Field>
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          + {t('setup.addStaff')}
        </button>
      </form>
    </section>
  );
}

/** Whether enterprises also browse their own side in the participant directory (organizers). */
function DirectorySection({ org }: { org: OrgEvent }) {
  const { t } = useI18n();
  const settings = useAsync(() => directory.settings(org.event.id), [org.event.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!settings.data) return settings.error ? <ErrorBanner error={settings.error} /> : null;
  const change = async (ownSide: boolean) => {
    setBusy(true);
    setError(null);
    try {
      settings.setData(await directory.setSettings(org.event.id, ownSide));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="directory-title">
      <h2 id="directory-title" className="section-title">
        {t('setup.directory')}
      </h2>
      <p className="muted small">{t('setup.directoryLead', { a: org.event.sides[0], b: org.event.sides[1] })}</p>
      <label className="checkbox">
        <input type="checkbox" checked={settings.data.ownSide} disabled={busy} onChange={asyncHandler((e) => change(e.target.checked))} /> {t('setup.directoryOwnSide')}
      </label>
      <ErrorBanner error={error} />
    </section>
  );
}

export function SetupPage({ eventId }: { eventId: string }) {
  return (
    <OrgEventFrame eventId={eventId}>
      {(org, reload) => (
        <div className="stack-lg">
          <StatusSection org={org} reload={reload} />
          <DetailsSection key={`${org.event.id}:${org.event.timezone}:${org.event.startsAt}:${org.event.endsAt}`} org={org} reload={reload} />
          <VenuesSection org={org} reload={reload} />
          <RoomsSection org={org} reload={reload} />
          <DirectorySection org={org} />
          <StaffSection org={org} />
        </div>
      )}
    </OrgEventFrame>
  );
}

/**
 * After a delete refused as in use: the other venues (of the same kind) or rooms to move
 * what uses it to, and one confirmed button that moves it all and deletes, in one request.
 */
function MoveThenDelete({
  prompt,
  none,
  name,
  options,
  busy,
  onMove,
}: {
  prompt: string;
  none: string;
  name: string;
  options: { id: string; label: string }[];
  busy: boolean;
  onMove(to: string): void;
}) {
  const { t } = useI18n();
  const [to, setTo] = useState(options[0]?.id ?? '');
  const target = options.find((o) => o.id === to)?.label ?? '';
  if (!options.length) return <p className="muted">{none}</p>;
  return (
    <div className="stack" role="group" aria-label={t('setup.moveFirst.action')}>
      <p>{prompt}</p>
      <div className="inline-form">
        <Field label={t('setup.moveFirst.to')}>
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <ConfirmButton
          className="btn btn-secondary"
          disabled={busy || !target}
          confirm={{
            title: t('setup.moveFirst.title', { name, target }),
            body: (
              <p>
                {t('setup.moveFirst.body', { target })} {t('confirm.undone')}
              </p>
            ),
            action: t('setup.moveFirst.action'),
          }}
          onConfirm={() => onMove(to)}
        >
          {t('setup.moveFirst.action')}
        </ConfirmButton>
      </div>
    </div>
  );
}
