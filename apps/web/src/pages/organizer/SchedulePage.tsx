import { useState } from 'react';
import type { ScheduleRunView, StandbyView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { meetings as meetingsApi, registrations } from '../../api/endpoints';
import { EmptyState, ErrorBanner, Loading, Notice, ProgressBar, Stat, StatusPill } from '../../components/ui';
import { ConfirmButton } from '../../components/ConfirmButton';
import { toApiError, useAsync } from '../../components/useAsync';
import { formatRange } from '../../i18n/format';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';
import { asyncHandler } from '../../components/async-handler';

/** The scheduler's answer against its proven upper bound, as figures and one bar. */
function RunResult({ run, timezone }: { run: ScheduleRunView; timezone: string }) {
  const { t, number, date } = useI18n();
  const ratio = run.upperBound ? run.scheduled / run.upperBound : 1;
  return (
    <div className="run-result" aria-live="polite">
      <div className="stats-row">
        <Stat label={t('schedule.scheduled')} value={run.scheduled} />
        <Stat label={t('schedule.unscheduled')} value={run.unscheduled} />
        <Stat label={t('schedule.upperBound')} value={run.upperBound} hint={t('schedule.upperBoundHint')} />
        <Stat label={t('schedule.ratio')} value={number(ratio, { style: 'percent', maximumFractionDigits: 1 })} />
      </div>
      <div className="bound-bar" role="img" aria-label={t('schedule.barLabel', { scheduled: run.scheduled, bound: run.upperBound })}>
        <span className="bound-fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
        <span className="bound-mark" />
      </div>
      <p className="muted small">{run.applied ? t('schedule.appliedNote') : t('schedule.dryRunNote')}</p>
      {run.excludedSlots > 0 && <Notice kind="warning">{t('schedule.excluded', { n: run.excludedSlots, lead: run.leadMinutes, from: date(run.usableFrom, timezone) })}</Notice>}
      {Object.keys(run.unscheduledReasons).length > 0 && (
        <ul className="reason-counts">
          {Object.entries(run.unscheduledReasons).map(([reason, count]) => (
            <li key={reason}>
              <span className="pill">{t(`schedule.reason.${reason}` as MessageKey)}</span> {count}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * After no-shows and cancellations: the meetings whose time is freed, the pairs still
 * waiting for a meeting, and one click (confirmed) that books them into the slots left.
 */
function Standby({ org, onBooked }: { org: OrgEvent; onBooked(): Promise<void> }) {
  const { t, name, locale } = useI18n();
  const { event } = org;
  const data = useAsync<StandbyView>(() => meetingsApi.standby(event.id), [event.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [booked, setBooked] = useState<number | null>(null);
  const offer = async () => {
    setBusy(true);
    setError(null);
    try {
      setBooked((await meetingsApi.schedule(event.id, false)).scheduled);
      await Promise.all([data.reload(), onBooked()]);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const standby = data.data;
  return (
    <section className="card stack" aria-labelledby="standby-title">
      <h2 id="standby-title" className="section-title">
        {t('standby.title')}
      </h2>
      <p className="muted">{t('standby.lead')}</p>
      <ErrorBanner error={error ?? data.error} />
      {!standby ? (
        !data.error && <Loading />
      ) : (
        <>
          <div className="stats-row">
            <Stat label={t('standby.freed')} value={standby.freed.length} />
            <Stat label={t('standby.waiting')} value={standby.pairs.length} />
            <Stat label={t('standby.wouldBook')} value={standby.preview.scheduled} />
          </div>
          {standby.freed.length > 0 && (
            <ul className="standby-freed small">
              {standby.freed.map((f) => (
                <li key={f.meetingId}>
                  <StatusPill status={f.status} label={t(`meetingStatus.${f.status}` as MessageKey)} /> {formatRange(f.startsAt, f.endsAt, event.timezone, locale)} · {name(f.names[0])} ⇄{' '}
                  {name(f.names[1])}
                </li>
              ))}
            </ul>
          )}
          {booked !== null && <Notice kind="success">{t('standby.booked', { n: booked })}</Notice>}
          <div className="button-row">
            <ConfirmButton
              className="btn btn-primary"
              disabled={busy || standby.preview.scheduled === 0}
              confirm={{ title: t('standby.confirmTitle'), body: <p>{t('confirm.schedule.bodyCount', { n: standby.preview.scheduled })}</p>, action: t('confirm.schedule.action') }}
              onConfirm={offer}
            >
              {t('standby.run')}
            </ConfirmButton>
          </div>
        </>
      )}
    </section>
  );
}

function Schedule({ org }: { org: OrgEvent }) {
  const { t, name, locale } = useI18n();
  const { event } = org;
  const data = useAsync(async () => {
    const [list, regs] = await Promise.all([meetingsApi.list(event.id), registrations.listAll(event.id, { status: 'approved' })]);
    return { list: list.items, regs: new Map(regs.items.map((r) => [r.id, r])) };
  }, [event.id]);
  const [run, setRun] = useState<ScheduleRunView | null>(null);
  const [busy, setBusy] = useState<'dry' | 'apply' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const schedule = async (dryRun: boolean) => {
    setBusy(dryRun ? 'dry' : 'apply');
    setError(null);
    try {
      setRun(await meetingsApi.schedule(event.id, dryRun));
      if (!dryRun) await data.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const meetings = [...(data.data?.list ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const partyName = (id: string) => name(data.data?.regs.get(id)?.enterprise?.name) || '…';

  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="run-title">
        <h2 id="run-title" className="section-title">
          {t('schedule.title')}
        </h2>
        <p className="muted">{t('schedule.lead', { minutes: event.slotMinutes })}</p>
        <ErrorBanner error={error} />
        <div className="button-row">
          <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={asyncHandler(() => schedule(true))}>
            {t('schedule.dryRun')}
          </button>
          <ConfirmButton
            className="btn btn-primary"
            disabled={busy !== null}
            // The count is known once a preview has run.
            confirm={{
              title: t('confirm.schedule.title'),
              body: <p>{run && !run.applied ? t('confirm.schedule.bodyCount', { n: run.scheduled }) : t('confirm.schedule.body')}</p>,
              action: t('confirm.schedule.action'),
            }}
            onConfirm={() => schedule(false)}
          >
            {t('schedule.run')}
          </ConfirmButton>
        </div>
        {busy && (
          <div className="running">
            <ProgressBar label={t('schedule.running')} />
            <p className="small muted">{t('schedule.running')}</p>
          </div>
        )}
        {run && !busy && <RunResult run={run} timezone={event.timezone} />}
      </section>

      <Standby org={org} onBooked={() => data.reload()} />

      <section className="card stack" aria-labelledby="meetings-title">
        <h2 id="meetings-title" className="section-title">
          {t('schedule.meetings', { n: meetings.length })}
        </h2>
        {!data.data ? (
          data.error ? (
            <ErrorBanner error={data.error} />
          ) : (
            <Loading />
          )
        ) : meetings.length === 0 ? (
          <EmptyState title={t('meetings.none')}>{t('schedule.noneLead')}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('schedule.when', { zone: event.timezone })}</th>
                  <th scope="col">{t('schedule.parties')}</th>
                  <th scope="col">{t('schedule.place')}</th>
                  <th scope="col">{t('regs.status')}</th>
                </tr>
              </thead>
              <tbody>
                {meetings.map((m) => (
                  <tr key={m.id}>
                    <td className="nowrap">{formatRange(m.local.startsAt, m.local.endsAt, m.local.timezone, locale)}</td>
                    <td>
                      {partyName(m.registrationIds[0])} ⇄ {partyName(m.registrationIds[1])}
                    </td>
                    <td>
                      {m.mode === 'online' ? (
                        <Link to={`/meet/${m.id}`}>{t('meetingMode.online')}</Link>
                      ) : (
                        t('meetings.table', { table: m.table ?? '?', venue: org.venueOf(m.venueId)?.name ?? '' })
                      )}
                    </td>
                    <td>
                      <StatusPill status={m.status} label={t(`meetingStatus.${m.status}` as MessageKey)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export function SchedulePage({ eventId }: { eventId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <Schedule org={org} />}</OrgEventFrame>;
}
