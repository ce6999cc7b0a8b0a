import { FormEvent, useCallback, useState } from 'react';
import type { RegistrationView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { registrations as api } from '../../api/endpoints';
import { CameraScanner, canUseCamera } from '../../components/CameraScanner';
import { ErrorBanner, Field, SideTag } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { asyncHandler } from '../../components/async-handler';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

type Verdict = 'done' | 'already' | 'notApproved' | 'wrongEvent' | 'notACode';

interface CheckInResult {
  verdict: Verdict;
  /** The badge's registration (with its enterprise), when it is one of this event. */
  registration?: RegistrationView;
}

const TONE: Record<Verdict, 'ok' | 'warn' | 'bad'> = { done: 'ok', already: 'warn', notApproved: 'bad', wrongEvent: 'bad', notACode: 'bad' };

/** What a failed check-in means at the desk; null: an error to show as such. */
function verdictOf(error: ApiError): Verdict | null {
  const onBadge = error.fields.some((f) => f.field === 'badgeCode');
  if (error.code === 'ALREADY_CHECKED_IN') return 'already';
  if (error.code === 'NOT_APPROVED') return 'notApproved';
  if (error.code === 'NOT_FOUND' && onBadge) return 'wrongEvent';
  if (error.code === 'VALIDATION_FAILED' && onBadge) return 'notACode';
  return null;
}

/**
 * The check-in desk, made for a phone in one hand at the door: scan a badge (or type its
 * code), and the answer fills the screen — who, which side and venue, or why not.
 */
function CheckInDesk({ org }: { org: OrgEvent }) {
  const { t, name, date } = useI18n();
  const eventId = org.event.id;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const progress = useAsync(async () => {
    const [approved, checkedIn] = await Promise.all([api.list(eventId, { status: 'approved', limit: 1 }), api.list(eventId, { checkedIn: 'true', limit: 1 })]);
    return { approved: approved.total, checkedIn: checkedIn.total };
  }, [eventId]);

  const check = useCallback(
    async (value: string) => {
      setBusy(true);
      setError(null);
      setResult(null);
      try {
        let verdict: Verdict;
        try {
          await api.checkIn(eventId, value.trim());
          verdict = 'done';
        } catch (caught) {
          const failure = toApiError(caught);
          const known = verdictOf(failure);
          if (!known) throw failure;
          verdict = known;
        }
        // The badge's registration, with its enterprise's name: the search matches a whole badge code.
        const registration = verdict === 'wrongEvent' || verdict === 'notACode' ? undefined : (await api.list(eventId, { q: value.trim(), limit: 1 })).items[0];
        setResult({ verdict, registration });
        setCode('');
        if (verdict === 'done') void progress.reload();
      } catch (caught) {
        setError(toApiError(caught));
      } finally {
        setBusy(false);
      }
    },
    [eventId, progress],
  );

  const onCameraCode = useCallback(
    (value: string) => {
      setCamera(false);
      void check(value);
    },
    [check],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) await check(code);
  };

  const r = result?.registration;
  const leads: Partial<Record<Verdict, string>> = {
    wrongEvent: t('checkin.wrongEventLead'),
    notACode: t('checkin.notACodeLead'),
    notApproved: t('checkin.notApprovedLead', { status: r ? t(`registration.${r.status}` as MessageKey) : '' }),
  };
  return (
    <div className="card stack checkin-desk">
      <h2 id="checkin-title" className="section-title">
        {t('regs.checkIn')}
      </h2>
      <p className="muted">{t('checkin.lead')}</p>
      {progress.data && <p className="small">{t('checkin.progress', { n: progress.data.checkedIn, total: progress.data.approved })}</p>}
      {result && (
        <div className={`checkin-result checkin-${TONE[result.verdict]}`} role="status" aria-label={t('checkin.result')}>
          <p className="checkin-verdict">{t(`checkin.${result.verdict}` as MessageKey)}</p>
          {r && (
            <>
              <p className="checkin-name">{name(r.enterprise?.name)}</p>
              <p className="checkin-meta">
                <SideTag side={r.side} sides={org.event.sides} /> {org.venueOf(r.venueId)?.name} · {t(`attendance.${r.attendance}` as MessageKey)}
                {r.roomId && <> · {name(org.roomOf(r.roomId)?.name)}</>}
              </p>
            </>
          )}
          {result.verdict === 'already' && r?.checkedInAt && <p>{t('checkin.alreadyAt', { time: date(r.checkedInAt, org.event.timezone, 'time') })}</p>}
          {leads[result.verdict] && <p>{leads[result.verdict]}</p>}
        </div>
      )}
      <ErrorBanner error={error} />
      {camera ? (
        <CameraScanner onCode={onCameraCode} onClose={() => setCamera(false)} />
      ) : (
        canUseCamera() && (
          <button type="button" className="btn btn-primary btn-large" onClick={() => setCamera(true)} disabled={busy}>
            {result ? t('checkin.scanNext') : t('badge.useCamera')}
          </button>
        )
      )}
      <form className="scan-form" onSubmit={asyncHandler(submit)} noValidate aria-labelledby="checkin-title">
        <Field label={t('badge.code')} hint={t('badge.codeHint')}>
          <input type="text" value={code} autoCapitalize="characters" autoComplete="off" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-secondary" disabled={busy || !code.trim()}>
          {busy ? t('common.working') : t('regs.checkInButton')}
        </button>
      </form>
    </div>
  );
}

export function CheckInDeskPage({ eventId }: { eventId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <CheckInDesk org={org} />}</OrgEventFrame>;
}
