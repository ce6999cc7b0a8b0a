import { useEffect, useState } from 'react';
import { ATTENDANCES, CERTIFICATION_KINDS, type DirectoryEntryView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { directory, type DirectoryQuery } from '../../api/endpoints';
import { EmptyState, ErrorBanner, Field, Loading, SideTag } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { EnterpriseEventFrame } from './EnterpriseEventFrame';
import type { MyEvent } from './useMyEvent';
import { asyncHandler } from '../../components/async-handler';

const PAGE_SIZE = 20;

interface Filters {
  side: string;
  sector: string;
  hs: string;
  country: string;
  region: string;
  venueId: string;
  attendance: string;
  language: string;
  certification: string;
}
const NO_FILTERS: Filters = { side: '', sector: '', hs: '', country: '', region: '', venueId: '', attendance: '', language: '', certification: '' };

/** `value`, once it has stayed the same for `ms` (the server is asked when typing pauses). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A favourite star: saves or removes the participant for the viewer's registration. */
export function FavouriteToggle({ eventId, entry, onChange }: { eventId: string; entry: DirectoryEntryView; onChange(favourite: boolean): void }) {
  const { t, name } = useI18n();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      if (entry.favourite) await directory.unfavourite(eventId, entry.registrationId);
      else await directory.favourite(eventId, entry.registrationId);
      onChange(!entry.favourite);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={`btn btn-ghost btn-small favourite${entry.favourite ? ' is-favourite' : ''}`}
      aria-pressed={entry.favourite}
      aria-label={t(entry.favourite ? 'directory.unfavourite' : 'directory.favourite', { name: name(entry.enterprise.name) })}
      disabled={busy}
      onClick={asyncHandler(toggle)}
    >
      {entry.favourite ? '★' : '☆'} {t(entry.favourite ? 'directory.saved' : 'directory.save')}
    </button>
  );
}

function Directory({ my }: { my: MyEvent }) {
  const { t, name } = useI18n();
  const eventId = my.event.id;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const filters = useDebounced(draft, 300);
  const [favourites, setFavourites] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useAsync(
    () =>
      directory.list(eventId, {
        ...(q ? { q } : {}),
        ...(Object.fromEntries(Object.entries(filters as unknown as Record<string, string>).filter(([, v]) => v.trim() !== '')) as DirectoryQuery),
        ...(favourites ? { favourites: 'true' } : {}),
        limit: PAGE_SIZE,
        offset,
      }),
    [eventId, q, filters, favourites, offset],
  );
  useEffect(() => setOffset(0), [q, filters, favourites]);
  const error: ApiError | null = list.error;
  const setOne = (key: keyof Filters, value: string) => setDraft((prev) => ({ ...prev, [key]: value }));
  const fields = error?.fieldMap() ?? {};
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const sides = list.data?.sides ?? [];
  const setFavourite = (registrationId: string, favourite: boolean) =>
    list.setData((page) => ({ ...page!, items: page!.items.map((i) => (i.registrationId === registrationId ? { ...i, favourite } : i)) }));

  return (
    <section className="card stack" aria-labelledby="directory-title">
      <div className="section-head">
        <h2 id="directory-title" className="section-title">
          {t('directory.title')}
        </h2>
        <label className="check">
          <input type="checkbox" checked={favourites} onChange={(e) => setFavourites(e.target.checked)} /> {t('directory.onlyFavourites')}
        </label>
      </div>
      <p className="muted small">{t('directory.lead')}</p>
      <div className="regs-filters" role="search" aria-label={t('directory.filters')}>
        <Field label={t('directory.search')} hint={t('directory.searchHint')} className="regs-search">
          <input type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        {sides.length > 1 && (
          <Field label={t('directory.side')}>
            <select value={draft.side} onChange={(e) => setOne('side', e.target.value)}>
              <option value="">{t('directory.any')}</option>
              {sides.map((side) => (
                <option key={side}>{side}</option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('directory.sector')} error={fields.sector}>
          <input type="text" value={draft.sector} maxLength={5} placeholder="II, 08" onChange={(e) => setOne('sector', e.target.value)} />
        </Field>
        <Field label={t('directory.hs')} error={fields.hs}>
          <input type="text" inputMode="numeric" value={draft.hs} maxLength={6} placeholder="0810" onChange={(e) => setOne('hs', e.target.value)} />
        </Field>
        <Field label={t('directory.country')} error={fields.country}>
          <input type="text" value={draft.country} maxLength={2} placeholder="CN" onChange={(e) => setOne('country', e.target.value)} />
        </Field>
        <Field label={t('directory.region')} error={fields.region}>
          <input type="text" value={draft.region} maxLength={6} placeholder="CN-ZJ" onChange={(e) => setOne('region', e.target.value)} />
        </Field>
        <Field label={t('directory.venue')}>
          <select value={draft.venueId} onChange={(e) => setOne('venueId', e.target.value)}>
            <option value="">{t('directory.any')}</option>
            {my.venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('directory.attendance')}>
          <select value={draft.attendance} onChange={(e) => setOne('attendance', e.target.value)}>
            <option value="">{t('directory.any')}</option>
            {ATTENDANCES.map((a) => (
              <option key={a} value={a}>
                {t(`attendance.${a}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('directory.language')}>
          <select value={draft.language} onChange={(e) => setOne('language', e.target.value)}>
            <option value="">{t('directory.any')}</option>
            {['vi', 'zh', 'en', 'lo'].map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('directory.certification')}>
          <select value={draft.certification} onChange={(e) => setOne('certification', e.target.value)}>
            <option value="">{t('directory.any')}</option>
            {CERTIFICATION_KINDS.map((c) => (
              <option key={c} value={c}>
                {t(`cert.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {error && !Object.keys(fields).length && <ErrorBanner error={error} />}
      {!list.data && !error ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('directory.none')} />
      ) : (
        <ul className="directory-list">
          {items.map((entry) => (
            <li key={entry.registrationId} className="directory-entry">
              <div>
                <h3>
                  <Link to={`/events/${eventId}/enterprises/${entry.registrationId}`}>{name(entry.enterprise.name)}</Link>
                </h3>
                <p className="muted small">
                  <SideTag side={entry.side} sides={my.event.sides} /> {entry.enterprise.region} · {entry.venue.name} · {t(`attendance.${entry.attendance}` as MessageKey)}
                </p>
                <p className="small">
                  {entry.enterprise.offers.length > 0 && (
                    <span>
                      {t('directory.offers')}: {entry.enterprise.offers.map((o) => o.hsCode).join(', ')}{' '}
                    </span>
                  )}
                  {entry.enterprise.needs.length > 0 && (
                    <span>
                      {t('directory.needs')}: {entry.enterprise.needs.map((o) => o.hsCode).join(', ')}
                    </span>
                  )}
                </p>
              </div>
              <FavouriteToggle eventId={eventId} entry={entry} onChange={(f) => setFavourite(entry.registrationId, f)} />
            </li>
          ))}
        </ul>
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
  );
}

/** Who is coming: the participants an enterprise may browse, searched, filtered, paged, and its favourites. */
export function DirectoryPage({ eventId }: { eventId: string }) {
  return <EnterpriseEventFrame eventId={eventId}>{(my) => <Directory my={my} />}</EnterpriseEventFrame>;
}
