import { useState } from 'react';
import type { StaffView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { events } from '../../api/endpoints';
import { ErrorBanner } from '../../components/ui';
import { toApiError } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nProvider';
import type { OrgEvent } from './useOrgEvent';

/**
 * The rooms a moderator runs (it calls the next presenter and records
 * connections only there), shown on the staff list and changed in place.
 */
export function ModeratorRooms({ org, staff, onSaved }: { org: OrgEvent; staff: StaffView; onSaved(updated: StaffView): void }) {
  const { t, name } = useI18n();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(staff.roomIds));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (staff.role !== 'moderator') return null;
  const names = staff.roomIds.map((id) => name(org.roomOf(id)?.name) || id);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await events.assignRooms(org.event.id, staff.userId, [...chosen]));
      setEditing(false);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (!editing) {
    return (
      <span className="moderator-rooms">
        <span className="muted small">{names.length ? t('staff.roomsRun', { rooms: names.join(', ') }) : t('staff.noRooms')}</span>{' '}
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => {
            setChosen(new Set(staff.roomIds));
            setEditing(true);
          }}
        >
          {t('staff.editRooms')}
        </button>
      </span>
    );
  }
  return (
    <fieldset className="moderator-rooms-form">
      <legend className="small">{t('staff.roomsLegend', { name: staff.displayName })}</legend>
      <ErrorBanner error={error} />
      {org.rooms.map((room) => (
        <label key={room.id} className="check">
          <input
            type="checkbox"
            checked={chosen.has(room.id)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(room.id);
              else next.delete(room.id);
              setChosen(next);
            }}
          />{' '}
          {name(room.name)}
        </label>
      ))}
      <div className="button-row">
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void save()}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
