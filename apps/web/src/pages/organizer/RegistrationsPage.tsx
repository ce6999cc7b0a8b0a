import { useEffect, useMemo, useState } from 'react';
import type { Attendance, RegistrationStatus, RegistrationView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { registrations as api } from '../../api/endpoints';
import { EmptyState, ErrorBanner, Field, Loading, Notice, ProgressBar, SideTag, StatusPill } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { errorText } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';
import { asyncHandler } from '../../components/async-handler';

type Filter = 'all' | RegistrationStatus;
const FILTERS: Filter[] = ['all', 'pending', 'approved', 'rejected'];
const PAGE_SIZE = 50;

interface Filters {
  side: string;
  venueId: string;
  roomId: string;
  attendance: '' | Attendance;
  checkedIn: '' | 'true' | 'false';
}
const NO_FILTERS: Filters = { side: '', venueId: '', roomId: '', attendance: '', checkedIn: '' };

/** `value`, once it has stayed the same for `ms` (the search box asks the server when typing pauses). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Registrations({ org }: { org: OrgEvent }) {
  const { t, name, date, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  // The server searches, filters and pages: a conference has thousands of registrations.
  const list = useAsync(
    () =>
      api.list(org.event.id, {
        ...(filter === 'all' ? {} : { status: filter }),
        ...(q ? { q } : {}),
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
        limit: PAGE_SIZE,
        offset,
      }),
    [org.event.id, filter, q, filters, offset],
  );
  useEffect(() => setOffset(0), [filter, q, filters]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [failures, setFailures] = useState<string[]>([]);

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const total = list.data?.total ?? 0;
  const byId = useMemo(() => new Map(items.map((r) => [r.id, r])), [items]);
  const shown = items;
  const selectedPending = shown.filter((r) => selected.has(r.id) && r.status === 'pending');
  const setOne = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((prev) => ({ ...prev, [key]: value }));
  const filtered = q !== '' || Object.values(filters).some((v) => v !== '');

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

  if (!list.data) return list.error && !list.loading ? <ErrorBanner error={list.error} /> : <Loading />;

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
                {f === 'all' ? t('regs.all') : t(`registration.${f}` as MessageKey)}
                {filter === f && list.data && <span className="count">{total}</span>}
              </button>
            ))}
          </div>
        </div>
        <div className="regs-filters" role="search" aria-label={t('regs.filters')}>
          <Field label={t('regs.search')} hint={t('regs.searchHint')} className="regs-search">
            <input type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label={t('regs.side')}>
            <select value={filters.side} onChange={(e) => setOne('side', e.target.value)}>
              <option value="">{t('regs.anySide')}</option>
              {org.event.sides.map((side) => (
                <option key={side} value={side}>
                  {side}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('event.venue')}>
            <select value={filters.venueId} onChange={(e) => setOne('venueId', e.target.value)}>
              <option value="">{t('regs.anyVenue')}</option>
              {org.venues.map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {venue.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('regs.room')}>
            <select value={filters.roomId} onChange={(e) => setOne('roomId', e.target.value)}>
              <option value="">{t('regs.anyRoom')}</option>
              {org.rooms.map((room) => (
                <option key={room.id} value={room.id}>
                  {name(room.name)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('event.attendance')}>
            <select value={filters.attendance} onChange={(e) => setOne('attendance', e.target.value as Filters['attendance'])}>
              <option value="">{t('regs.anyAttendance')}</option>
              <option value="onsite">{t('attendance.onsite')}</option>
              <option value="online">{t('attendance.online')}</option>
            </select>
          </Field>
          <Field label={t('regs.checkedIn')}>
            <select value={filters.checkedIn} onChange={(e) => setOne('checkedIn', e.target.value as Filters['checkedIn'])}>
              <option value="">{t('regs.checkedInAny')}</option>
              <option value="true">{t('regs.checkedInYes')}</option>
              <option value="false">{t('regs.checkedInNo')}</option>
            </select>
          </Field>
          {filtered && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                setSearch('');
                setFilters(NO_FILTERS);
              }}
            >
              {t('regs.clearFilters')}
            </button>
          )}
        </div>
        <ErrorBanner error={list.error ?? error} />
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
        {total > 0 && (
          <nav className="pager" aria-label={t('regs.pages')}>
            <span aria-live="polite">{t('regs.range', { from: offset + 1, to: Math.min(offset + items.length, total), total })}</span>
            <button type="button" className="btn btn-ghost btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              {t('regs.previous')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {t('regs.next')}
            </button>
          </nav>
        )}
      </section>
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
