import { useState } from 'react';
import type { EventView, MeetingView, RescheduleView } from '@tradebridge/contracts';
import { api, ApiError } from '../../api/client';
import { asyncHandler } from '../../components/async-handler';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner, Field, Notice } from '../../components/ui';
import { toApiError } from '../../components/useAsync';
import { formatInstant, formatRange } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * "Propose another time" on a party's meeting: the proposer picks a slot of the
 * event's grid and waits (or withdraws); the partner sees both times and accepts
 * (the meeting moves) or declines. The server decides clashes: accepting onto a
 * busy party or table answers SLOT_TAKEN and the proposal stays open.
 */

/** The reschedule routes (README, "Meetings"); each answers the proposal as it now stands. */
export const reschedules = {
  list: (meetingId: string): Promise<{ items: RescheduleView[] }> => api.get('/api/meetings/{id}/reschedules', { path: { id: meetingId } }),
  propose: (meetingId: string, startsAt: string): Promise<RescheduleView> => api.post('/api/meetings/{id}/reschedule', { path: { id: meetingId }, body: { startsAt } }),
  accept: (meetingId: string, proposalId: string): Promise<RescheduleView> => api.post('/api/meetings/{id}/reschedule/{proposalId}/accept', { path: { id: meetingId, proposalId } }),
  decline: (meetingId: string, proposalId: string): Promise<RescheduleView> => api.post('/api/meetings/{id}/reschedule/{proposalId}/decline', { path: { id: meetingId, proposalId } }),
  withdraw: (meetingId: string, proposalId: string): Promise<RescheduleView> => api.post('/api/meetings/{id}/reschedule/{proposalId}/withdraw', { path: { id: meetingId, proposalId } }),
};

/** The card is a grid (time, partner, status): the proposal takes a row of its own beneath them. */
const FULL_ROW = { gridColumn: '1 / -1' } as const;

/** Only these can move (the API refuses held and cancelled meetings). */
export function canMove(meeting: MeetingView): boolean {
  return meeting.status === 'scheduled' || meeting.status === 'no_show';
}

/** The proposals of each movable meeting (newest first), for the meetings page to pass to each card. */
export async function proposalsOf(meetings: MeetingView[]): Promise<Map<string, RescheduleView[]>> {
  const movable = meetings.filter(canMove);
  const pages = await Promise.all(movable.map((m) => reschedules.list(m.id)));
  return new Map(movable.map((m, i) => [m.id, pages[i].items]));
}

export interface SlotChoice {
  startsAt: string;
  endsAt: string;
  /** The viewer has another meeting then (the partner's and the tables' are the server's to check). */
  busy: boolean;
}

/**
 * The starts a meeting may move to: the event's slot grid (back to back from its
 * start, as libs/meetings/src/slot-grid.ts), keeping the meeting's length inside
 * the event, not begun yet, and not the time it already has.
 */
export function slotChoices(event: Pick<EventView, 'startsAt' | 'endsAt' | 'slotMinutes'>, meeting: MeetingView, others: MeetingView[], now: number): SlotChoice[] {
  const step = event.slotMinutes * 60_000;
  const length = new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime();
  const end = new Date(event.endsAt).getTime();
  const current = new Date(meeting.startsAt).getTime();
  const taken = others.filter((o) => o.id !== meeting.id && o.status === 'scheduled').map((o) => [new Date(o.startsAt).getTime(), new Date(o.endsAt).getTime()]);
  const choices: SlotChoice[] = [];
  if (step <= 0 || length <= 0) return choices;
  for (let start = new Date(event.startsAt).getTime(); start + length <= end; start += step) {
    if (start <= now || start === current) continue;
    const finish = start + length;
    choices.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(finish).toISOString(), busy: taken.some(([s, e]) => s < finish && start < e) });
  }
  return choices;
}

/** SLOT_TAKEN here means a party or the table is busy then, not only the tables: say so in this context. */
function RescheduleError({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (error?.code === 'SLOT_TAKEN') {
    return (
      <div className="alert alert-error" role="alert">
        <span className="alert-icon" aria-hidden="true">
          !
        </span>
        <span>{t('reschedule.slotTaken')}</span>
      </div>
    );
  }
  return <ErrorBanner error={error} />;
}

/** A proposal's time in the viewer's zone, and in the partner's where it differs. */
function ProposedTime({ proposal, meeting }: { proposal: Pick<RescheduleView, 'startsAt' | 'endsAt'>; meeting: MeetingView }) {
  const { t, locale } = useI18n();
  const partnerZone = meeting.partnerLocal?.timezone;
  return (
    <>
      <strong className="reschedule-time">{formatRange(proposal.startsAt, proposal.endsAt, meeting.local.timezone, locale)}</strong>
      {partnerZone && partnerZone !== meeting.local.timezone && (
        <span className="meeting-partner-time">
          {' '}
          ({t('meetings.partnerTime')}: {formatRange(proposal.startsAt, proposal.endsAt, partnerZone, locale)})
        </span>
      )}
    </>
  );
}

/** The form: one of the grid's slots, grouped by day in the viewer's zone. */
function ProposeForm({ meeting, choices, busy, onSubmit, onCancel }: { meeting: MeetingView; choices: SlotChoice[]; busy: boolean; onSubmit(startsAt: string): void; onCancel(): void }) {
  const { t, locale } = useI18n();
  const zone = meeting.local.timezone;
  const [chosen, setChosen] = useState('');
  const [missing, setMissing] = useState(false);
  const days = new Map<string, SlotChoice[]>();
  for (const c of choices) {
    const day = formatInstant(c.startsAt, zone, locale, 'date');
    days.set(day, [...(days.get(day) ?? []), c]);
  }
  const picked = choices.find((c) => c.startsAt === chosen);
  return (
    <form
      className="stack reschedule-form"
      noValidate
      aria-label={t('reschedule.propose')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) {
          setMissing(true);
          return;
        }
        onSubmit(chosen);
      }}
    >
      <p className="muted small">{t('reschedule.formLead', { zone })}</p>
      <Field label={t('reschedule.newTime')} error={missing ? t('validation.required') : undefined}>
        <select
          name="startsAt"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            setMissing(false);
          }}
        >
          <option value="">{t('common.choose')}</option>
          {[...days].map(([day, slots]) => (
            <optgroup key={day} label={day}>
              {slots.map((c) => (
                <option key={c.startsAt} value={c.startsAt} disabled={c.busy}>
                  {formatInstant(c.startsAt, zone, locale, 'time', false)}–{formatInstant(c.endsAt, zone, locale, 'time', false)}
                  {c.busy ? ` · ${t('reschedule.youAreBusy')}` : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      {picked && (
        <p className="small">
          <ProposedTime proposal={picked} meeting={meeting} />
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? t('common.working') : t('reschedule.send')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * On one meeting card: the open proposal (either side's view of it), the latest
 * answer to the viewer's own, or the way to propose. `onChanged` refetches the
 * page, which the partner's answers also trigger over the live connection.
 */
export function MeetingReschedule({
  meeting,
  proposals,
  mine,
  partnerName,
  event,
  others,
  onChanged,
}: {
  meeting: MeetingView;
  /** Newest first, as the API lists them. */
  proposals: RescheduleView[];
  mine: string;
  partnerName: string;
  event: Pick<EventView, 'startsAt' | 'endsAt' | 'slotMinutes'>;
  /** The viewer's other meetings: their times are not offered. */
  others: MeetingView[];
  onChanged(): Promise<void>;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // What the viewer just did, to the proposal it did it to: shown while that proposal is still the newest.
  const [done, setDone] = useState<{ proposalId: string; status: 'accepted' | 'declined' | 'withdrawn' } | null>(null);
  if (!canMove(meeting)) return null;
  const pending = proposals.find((p) => p.status === 'proposed');
  const newest = proposals[0];

  const act = async (action: () => Promise<RescheduleView>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answered = await action();
      if (answered.status !== 'proposed' && answered.status !== 'superseded') setDone({ proposalId: answered.id, status: answered.status });
      setOpen(false);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
    // Whatever the answer, show the meeting and its proposals as they now are.
    await onChanged();
  };

  const notice = done && done.proposalId === newest?.id && <Notice kind="success">{t(`reschedule.done.${done.status}`)}</Notice>;

  if (pending && pending.proposedByRegistrationId === mine) {
    return (
      <div className="stack reschedule" style={FULL_ROW} role="group" aria-label={t('reschedule.title')}>
        <RescheduleError error={error} />
        <p className="small">
          {t('reschedule.youProposed')} <ProposedTime proposal={pending} meeting={meeting} />
        </p>
        <p className="muted small">{t('reschedule.waitingFor', { partner: partnerName })}</p>
        <div className="button-row">
          <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={asyncHandler(() => act(() => reschedules.withdraw(meeting.id, pending.id)))}>
            {t('reschedule.withdraw')}
          </button>
        </div>
      </div>
    );
  }

  if (pending) {
    const when = <ProposedTime proposal={pending} meeting={meeting} />;
    return (
      <div className="stack reschedule" style={FULL_ROW} role="group" aria-label={t('reschedule.title')}>
        <RescheduleError error={error} />
        <Notice kind="info">
          <div className="stack">
            <p>
              <strong>{t('reschedule.partnerProposes', { partner: partnerName })}</strong>
            </p>
            <p className="small">
              {t('reschedule.current')}: <ProposedTime proposal={meeting} meeting={meeting} />
            </p>
            <p className="small">
              {t('reschedule.proposed')}: {when}
            </p>
          </div>
        </Notice>
        <div className="button-row">
          <ConfirmButton
            className="btn btn-primary btn-small"
            disabled={busy}
            confirm={{
              title: t('reschedule.acceptTitle'),
              body: <p>{t('reschedule.acceptBody', { partner: partnerName, time: formatRange(pending.startsAt, pending.endsAt, meeting.local.timezone, locale) })}</p>,
              action: t('reschedule.accept'),
            }}
            onConfirm={asyncHandler(() => act(() => reschedules.accept(meeting.id, pending.id)))}
          >
            {t('reschedule.accept')}
          </ConfirmButton>
          <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={asyncHandler(() => act(() => reschedules.decline(meeting.id, pending.id)))}>
            {t('reschedule.decline')}
          </button>
        </div>
      </div>
    );
  }

  const choices = slotChoices(event, meeting, others, Date.now());
  const declinedMine = newest?.status === 'declined' && newest.proposedByRegistrationId === mine;
  return (
    <div className="stack reschedule" style={FULL_ROW} role="group" aria-label={t('reschedule.title')}>
      {notice}
      <RescheduleError error={error} />
      {declinedMine && (
        <p className="muted small">
          {t('reschedule.declinedYours', { partner: partnerName })} <ProposedTime proposal={newest} meeting={meeting} />
        </p>
      )}
      {open ? (
        <ProposeForm
          meeting={meeting}
          choices={choices}
          busy={busy}
          onCancel={() => setOpen(false)}
          onSubmit={asyncHandler((startsAt: string) => act(() => reschedules.propose(meeting.id, startsAt)))}
        />
      ) : (
        choices.length > 0 && (
          <div className="button-row">
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => {
                setOpen(true);
                setError(null);
              }}
            >
              {t('reschedule.propose')}
            </button>
          </div>
        )
      )}
    </div>
  );
}
