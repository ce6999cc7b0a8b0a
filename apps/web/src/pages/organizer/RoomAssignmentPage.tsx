import { useMemo, useState } from 'react';
import type { RegistrationView, RoomAssignmentView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { registrations as api } from '../../api/endpoints';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner, Loading, Notice } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/translate';
import { asyncHandler } from '../../components/async-handler';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

/**
 * Room assignment on its own page: the preview names every approved enterprise, so this
 * page loads the approved ones (not the whole registrations list, which pages on the server).
 */
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

function RoomAssignment({ org }: { org: OrgEvent }) {
  const approved = useAsync(() => api.listAll(org.event.id, { status: 'approved' }), [org.event.id]);
  const byId = useMemo(() => new Map((approved.data?.items ?? []).map((r) => [r.id, r])), [approved.data]);
  if (!approved.data) return approved.error ? <ErrorBanner error={approved.error} /> : <Loading />;
  return <AssignmentPanel org={org} byId={byId} onApplied={approved.reload} />;
}

export function RoomAssignmentPage({ eventId }: { eventId: string }) {
  return (
    <OrgEventFrame eventId={eventId} wide>
      {(org) => <RoomAssignment org={org} />}
    </OrgEventFrame>
  );
}
