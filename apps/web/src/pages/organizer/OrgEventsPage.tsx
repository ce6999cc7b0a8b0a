import { FormEvent, useState } from 'react';
import type { EventView } from '@tradebridge/contracts';
import { LOCALES } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { events } from '../../api/endpoints';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorBanner, Field, Loading, PageHeader, StatusPill } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import { zonedToIso } from '../../i18n/format';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate } from '../../router';
import { useSession } from '../../auth/AuthProvider';
import { allZones } from './zones';
import { asyncHandler } from '../../components/async-handler';
import { parseOffsets } from '../../components/reminder-offsets';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

function CreateEventForm({ onCreated }: { onCreated(event: EventView): void }) {
  const { t } = useI18n();
  const [names, setNames] = useState({ vi: '', zh: '', en: '' });
  const [timezone, setTimezone] = useState('Asia/Ho_Chi_Minh');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [sides, setSides] = useState<[string, string]>(['VN', 'CN']);
  const [slotMinutes, setSlotMinutes] = useState('30');
  const [walkIn, setWalkIn] = useState(true);
  const [reminders, setReminders] = useState('1440, 15');
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!names.vi.trim() && !names.zh.trim() && !names.en.trim()) problems.name = t('profile.nameRequired');
    if (!startsAt) problems.startsAt = t('validation.required');
    if (!endsAt) problems.endsAt = t('validation.required');
    const reminderMinutes = parseOffsets(reminders);
    if (!reminderMinutes) problems.reminderMinutes = t('org.reminderInvalid');
    setFields(problems);
    if (Object.keys(problems).length || !reminderMinutes) return;
    setBusy(true);
    setError(null);
    try {
      const name = Object.fromEntries(
        Object.entries(names)
          .filter(([, v]) => v.trim())
          .map(([k, v]) => [k, v.trim()]),
      );
      const body = {
        name,
        timezone,
        startsAt: zonedToIso(startsAt, timezone),
        endsAt: zonedToIso(endsAt, timezone),
        sides: [sides[0].trim().toUpperCase(), sides[1].trim().toUpperCase()] as [string, string],
        slotMinutes: Number(slotMinutes),
        walkInRegistration: walkIn,
        reminderMinutes,
      };
      // A double submit (or a retry after a lost answer) carries the same key: one event.
      const created = await events.create(body, idempotency.keyFor(body));
      idempotency.done();
      onCreated(created);
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={asyncHandler(submit)} noValidate aria-labelledby="create-event-title">
      <h2 id="create-event-title" className="section-title">
        {t('org.createEvent')}
      </h2>
      <ErrorBanner error={error} />
      <div className="grid-3">
        {LOCALES.map((code) => (
          <Field key={code} label={t('profile.nameIn', { language: t(`lang.${code}` as MessageKey) })} error={fields[`name.${code}`] ?? (code === 'vi' ? fields.name : undefined)}>
            <input type="text" value={names[code]} onChange={(e) => setNames({ ...names, [code]: e.target.value })} />
          </Field>
        ))}
      </div>
      <div className="grid-4">
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
        <Field label={t('org.slotMinutes')} error={fields.slotMinutes}>
          <input type="number" min={5} max={240} step={5} value={slotMinutes} onChange={(e) => setSlotMinutes(e.target.value)} />
        </Field>
      </div>
      <div className="grid-4">
        <Field label={t('org.sideA')} error={fields['sides[0]'] ?? fields.sides}>
          <input type="text" maxLength={2} value={sides[0]} onChange={(e) => setSides([e.target.value, sides[1]])} />
        </Field>
        <Field label={t('org.sideB')} error={fields['sides[1]']}>
          <input type="text" maxLength={2} value={sides[1]} onChange={(e) => setSides([sides[0], e.target.value])} />
        </Field>
        <Field label={t('org.reminderMinutes')} error={fields.reminderMinutes ?? fields['reminderMinutes[0]']} hint={t('org.reminderHint')} className="span-2">
          <input type="text" inputMode="numeric" value={reminders} onChange={(e) => setReminders(e.target.value)} />
        </Field>
      </div>
      <div>
        <label className="check">
          <input type="checkbox" checked={walkIn} onChange={(e) => setWalkIn(e.target.checked)} />
          {t('org.walkInRegistration')}
        </label>
        <p className="muted small">{fields.walkInRegistration ?? t('org.walkInHint')}</p>
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.working') : t('org.create')}
        </button>
      </div>
    </form>
  );
}

export function OrgEventsPage() {
  const { t, name, date } = useI18n();
  const { isOrganizer, isStaffOf } = useSession();
  const list = useAsync(() => events.list(), []);
  const [creating, setCreating] = useState(false);
  const mine = list.data?.items.filter((e) => isStaffOf(e.id) || isOrganizer) ?? [];
  return (
    <Shell>
      <PageHeader
        eyebrow={t('org.eyebrow')}
        title={t('org.title')}
        subtitle={t('org.lead')}
        actions={
          isOrganizer && !creating ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              + {t('org.newEvent')}
            </button>
          ) : undefined
        }
      />
      {creating && <CreateEventForm onCreated={(event) => navigate(`/org/events/${event.id}/setup`)} />}
      <ErrorBanner error={list.error} />
      {!list.data ? (
        list.error ? null : (
          <Loading />
        )
      ) : mine.length === 0 ? (
        <EmptyState title={t('org.noEvents')} />
      ) : (
        <ul className="card table-list">
          {mine.map((event) => (
            <li key={event.id} className="table-row">
              <span className="grow">
                <Link to={`/org/events/${event.id}/setup`} className="strong-link">
                  {name(event.name)}
                </Link>
                <span className="muted small block">
                  {date(event.startsAt, event.timezone)} · {event.sides[0]} ⇄ {event.sides[1]}
                </span>
              </span>
              <StatusPill status={event.status} label={t(`eventStatus.${event.status}` as MessageKey)} />
              <Link to={`/org/events/${event.id}/dashboard`} className="btn btn-secondary btn-small">
                {t('nav.dashboard')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Shell>
  );
}
