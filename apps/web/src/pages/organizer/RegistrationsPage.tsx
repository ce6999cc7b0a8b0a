import { FormEvent, useMemo, useState } from 'react';
import type { RegistrationStatus, RegistrationView, RoomAssignmentView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { registrations as api } from '../../api/endpoints';
import { EmptyState, ErrorBanner, Field, Loading, Notice, ProgressBar, SideTag, StatusPill } from '../../components/ui';
import { ConfirmButton } from '../../components/ConfirmButton';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { errorText } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/translate';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';
import { asyncHandler } from '../../components/async-handler';

type Filter = 'all' | RegistrationStatus;
const FILTERS: Filter[] = ['all', 'pending', 'approved', 'rejected'];

function CheckInForm({ eventId, nameOf, onDone }: { eventId: string; nameOf(id: string): string; onDone(r: RegistrationView): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFields({});
    setDone(null);
    try {
      const r = await api.checkIn(eventId, code.trim());
      setDone(nameOf(r.id));
      setCode('');
      onDone(r);
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure);
      setFields(failure.fieldMap());
    }
  };
  return (
    <form className="card stack" onSubmit={asyncHandler(submit)} noValidate aria-labelledby="checkin-title">
      <h2 id="checkin-title" className="section-title">
        {t('regs.checkIn')}
      </h2>
      {done && <Notice kind="success">{t('regs.checkedInDone', { name: done })}</Notice>}
      <ErrorBanner error={error} />
      <div className="inline-form">
        <Field label={t('badge.code')} error={fields.badgeCode}>
          <input type="text" value={code} autoCapitalize="characters" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-secondary">
          {t('regs.checkInButton')}
        </button>
      </div>
    </form>
  );
}

function AssignmentPanel({ org, byId, onApplied }: { org: OrgEvent; byId: Map<string, RegistrationView>; onApplied(): Promise<void> }) {
  const { t, name } = useI18n();
  const [preview, setPreview] = useState<RoomAssignmentView | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [applied, setApplied] = useState<number | null>(null);
  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'preview' : 'apply');
    setError(null);
    try {
      const result = await api.assignRooms(org.event.id, dryRun);
      setPreview(result);
      if (!dryRun) {
        setApplied(result.assignments.length);
        await onApplied();
      } else setApplied(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  };
  const moved = preview?.assignments.filter((a) => !a.kept) ?? [];
  return (
    <section className="card stack" aria-labelledby="assign-title">
      <h2 id="assign-title" className="section-title">
        {t('regs.assignTitle')}
      </h2>
      <p className="muted small">{t('regs.assignLead')}</p>
      <ErrorBanner error={error} />
      <div className="button-row">
        <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={asyncHandler(() => run(true))}>
          {busy === 'preview' ? t('common.working') : t('regs.preview')}
        </button>
        {preview && !preview.applied && (
          <ConfirmButton
            className="btn btn-primary"
            disabled={busy !== null}
            confirm={{ title: t('confirm.assign.title'), body: <p>{t('confirm.assign.body', { moved: moved.length })}</p>, action: t('confirm.assign.action') }}
            onConfirm={() => run(false)}
          >
            {busy === 'apply' ? t('common.working') : t('regs.apply')}
          </ConfirmButton>
        )}
      </div>
      {applied !== null && <Notice kind="success">{t('regs.applied', { n: applied })}</Notice>}
      {preview && (
        <div className="assignment">
          <p>{t('regs.previewSummary', { placed: preview.assignments.length, moved: moved.length, unassigned: preview.unassigned.length })}</p>
          {preview.roomsMissingASide.length > 0 && (
            <Notice kind="warning">{preview.roomsMissingASide.map((m) => t('regs.missingSide', { room: name(org.roomOf(m.roomId)?.name), side: m.missingSide })).join(' · ')}</Notice>
          )}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('regs.assignTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('regs.enterprise')}</th>
                  <th scope="col">{t('regs.room')}</th>
                  <th scope="col" className="num">
                    {t('regs.overlap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.assignments.map((a) => (
                  <tr key={a.registrationId}>
                    <td>{name(byId.get(a.registrationId)?.enterprise?.name)}</td>
                    <td>
                      {name(org.roomOf(a.roomId)?.name)} {a.kept && <span className="muted small">({t('regs.kept')})</span>}
                    </td>
                    <td className="num">{a.overlap}</td>
                  </tr>
                ))}
                {preview.unassigned.map((u) => (
                  <tr key={u.registrationId} className="row-warning">
                    <td>{name(byId.get(u.registrationId)?.enterprise?.name)}</td>
                    <td colSpan={2}>{isMessageKey(`regs.unassigned.${u.reason}`) ? t(`regs.unassigned.${u.reason}` as MessageKey) : u.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function Registrations({ org }: { org: OrgEvent }) {
  const { t, name, date, locale } = useI18n();
  const list = useAsync(() => api.listAll(org.event.id), [org.event.id]);
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [failures, setFailures] = useState<string[]>([]);

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const byId = useMemo(() => new Map(items.map((r) => [r.id, r])), [items]);
  const shown = items.filter((r) => filter === 'all' || r.status === filter);
  const counts = Object.fromEntries(FILTERS.map((f) => [f, f === 'all' ? items.length : items.filter((r) => r.status === f).length]));
  const selectedPending = shown.filter((r) => selected.has(r.id) && r.status === 'pending');

  const replace = (updated: RegistrationView) =>
    list.setData((page) => ({ items: (page?.items ?? []).map((r) => (r.id === updated.id ? { ...r, ...updated } : r)), total: page?.total ?? 0 }));

  const decide = async (ids: string[], approve: boolean) => {
    setError(null);
    setFailures([]);
    setBulk({ done: 0, total: ids.length });
    const failed: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      try {
        replace(await (approve ? api.approve(org.event.id, ids[i]) : api.reject(org.event.id, ids[i])));
      } catch (caught) {
        failed.push(`${name(byId.get(ids[i])?.enterprise?.name)}: ${errorText(locale, toApiError(caught))}`);
      }
      setBulk({ done: i + 1, total: ids.length });
    }
    setFailures(failed);
    setSelected(new Set());
    setBulk(null);
  };

  const place = async (r: RegistrationView, roomId: string) => {
    setError(null);
    try {
      replace(await api.placeInRoom(org.event.id, r.id, roomId || null));
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.id));
  const toggleAll = () => setSelected(allShownSelected ? new Set() : new Set(shown.map((r) => r.id)));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (!list.data) return list.error ? <ErrorBanner error={list.error} /> : <Loading />;

  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="regs-title">
        <div className="section-head">
          <h2 id="regs-title" className="section-title">
            {t('regs.title')}
          </h2>
          <div className="filter-tabs" role="group" aria-label={t('regs.filter')}>
            {FILTERS.map((f) => (
              <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {f === 'all' ? t('regs.all') : t(`registration.${f}` as MessageKey)} <span className="count">{counts[f]}</span>
              </button>
            ))}
          </div>
        </div>
        <ErrorBanner error={error} />
        {failures.length > 0 && <Notice kind="warning">{failures.join(' · ')}</Notice>}
        <div className="bulk-bar" aria-live="polite">
          <span>{t('regs.selected', { n: selected.size })}</span>
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={!selectedPending.length || bulk !== null}
            onClick={asyncHandler(() =>
              decide(
                selectedPending.map((r) => r.id),
                true,
              ),
            )}
          >
            {t('regs.approveSelected', { n: selectedPending.length })}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={!selectedPending.length || bulk !== null}
            onClick={asyncHandler(() =>
              decide(
                selectedPending.map((r) => r.id),
                false,
              ),
            )}
          >
            {t('regs.rejectSelected', { n: selectedPending.length })}
          </button>
          {bulk && (
            <span className="bulk-progress">
              <ProgressBar value={bulk.done} max={bulk.total} label={t('regs.bulkProgress')} />
              <span className="small">
                {bulk.done}/{bulk.total}
              </span>
            </span>
          )}
        </div>
        {shown.length === 0 ? (
          <EmptyState title={t('regs.none')} />
        ) : (
          <div className="table-wrap">
            <table className="regs-table">
              <thead>
                <tr>
                  <th scope="col" className="check-col">
                    <input type="checkbox" checked={allShownSelected} onChange={toggleAll} aria-label={t('regs.selectAll')} />
                  </th>
                  <th scope="col">{t('regs.enterprise')}</th>
                  <th scope="col">{t('regs.side')}</th>
                  <th scope="col">{t('event.venue')}</th>
                  <th scope="col">{t('event.attendance')}</th>
                  <th scope="col">{t('regs.status')}</th>
                  <th scope="col">{t('regs.room')}</th>
                  <th scope="col">{t('regs.checkedIn')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('regs.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const enterpriseName = name(r.enterprise?.name);
                  return (
                    <tr key={r.id} className={selected.has(r.id) ? 'row-selected' : undefined}>
                      <td className="check-col">
                        <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('regs.select', { name: enterpriseName })} />
                      </td>
                      <td>
                        <strong>{enterpriseName}</strong>
                        <span className="muted small block">
                          {r.enterprise?.country} · {r.enterprise?.region}
                        </span>
                      </td>
                      <td>
                        <SideTag side={r.side} sides={org.event.sides} />
                      </td>
                      <td>{org.venueOf(r.venueId)?.name}</td>
                      <td>{t(`attendance.${r.attendance}` as MessageKey)}</td>
                      <td>
                        <StatusPill status={r.status} label={t(`registration.${r.status}` as MessageKey)} />
                      </td>
                      <td>
                        {r.status === 'approved' ? (
                          <select value={r.roomId ?? ''} onChange={asyncHandler((e) => place(r, e.target.value))} aria-label={t('regs.roomFor', { name: enterpriseName })}>
                            <option value="">{t('regs.noRoom')}</option>
                            {org.rooms.map((room) => (
                              <option key={room.id} value={room.id}>
                                {name(room.name)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>{r.checkedInAt ? date(r.checkedInAt, org.event.timezone, 'time') : <span className="muted">—</span>}</td>
                      <td className="actions">
                        {r.status === 'pending' && (
                          <span className="button-row nowrap">
                            <button
                              type="button"
                              className="btn btn-primary btn-small"
                              disabled={bulk !== null}
                              onClick={asyncHandler(() => decide([r.id], true))}
                              aria-label={t('regs.approveOne', { name: enterpriseName })}
                            >
                              {t('regs.approve')}
                            </button>
                            <button
                              type="button"
                              className="btn btn-ghost btn-small"
                              disabled={bulk !== null}
                              onClick={asyncHandler(() => decide([r.id], false))}
                              aria-label={t('regs.rejectOne', { name: enterpriseName })}
                            >
                              {t('regs.reject')}
                            </button>
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="grid-2 align-start">
        <AssignmentPanel org={org} byId={byId} onApplied={list.reload} />
        <CheckInForm eventId={org.event.id} nameOf={(id) => name(byId.get(id)?.enterprise?.name) || t('live.anEnterprise')} onDone={replace} />
      </div>
    </div>
  );
}

export function RegistrationsPage({ eventId }: { eventId: string }) {
  return (
    <OrgEventFrame eventId={eventId} wide>
      {(org) => <Registrations org={org} />}
    </OrgEventFrame>
  );
}
