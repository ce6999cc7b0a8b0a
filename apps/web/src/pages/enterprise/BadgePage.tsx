import { FormEvent, useCallback, useState } from 'react';
import type { ConnectionView } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { connections as connectionsApi, registrations } from '../../api/endpoints';
import { CameraScanner, canUseCamera } from '../../components/CameraScanner';
import { QrCode } from '../../components/QrCode';
import { ErrorBanner, Field, Notice, SideTag } from '../../components/ui';
import { toApiError } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { EnterpriseEventFrame } from './EnterpriseEventFrame';
import { useMyEnterprise } from './useMyEnterprise';
import type { MyEvent } from './useMyEvent';
import { PrintMine } from './PrintMine';

function Badge({ my }: { my: MyEvent }) {
  const { t, name, date } = useI18n();
  const { enterprise } = useMyEnterprise();
  const mine = my.registration!;
  const venue = my.venueOf(mine.venueId);
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [made, setMade] = useState<{ connection: ConnectionView; partner: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const scan = useCallback(
    async (badgeCode: string) => {
      setBusy(true);
      setError(null);
      setFields({});
      setMade(null);
      try {
        const connection = await connectionsApi.scan(my.event.id, { fromRegistrationId: mine.id, badgeCode: badgeCode.trim() });
        const other = connection.fromRegistrationId === mine.id ? connection.toRegistrationId : connection.fromRegistrationId;
        const partners = await registrations.partners(my.event.id, mine.id);
        setMade({ connection, partner: name(partners.items.find((p) => p.registrationId === other)?.enterprise.name) });
        setCode('');
      } catch (e) {
        const failure = toApiError(e);
        setError(failure);
        setFields(failure.fieldMap());
      } finally {
        setBusy(false);
      }
    },
    [my.event.id, mine.id, name],
  );

  const onCameraCode = useCallback(
    (value: string) => {
      setCamera(false);
      setCode(value);
      void scan(value);
    },
    [scan],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setFields({ badgeCode: t('validation.required') });
      return;
    }
    void scan(code);
  };

  return (
    <div className="badge-layout">
      <section className="card badge" aria-labelledby="badge-title">
        <h2 id="badge-title" className="visually-hidden">
          {t('badge.title')}
        </h2>
        <p className="badge-event">{name(my.event.name)}</p>
        <p className="badge-name">{name(enterprise?.name)}</p>
        <p className="badge-meta">
          <SideTag side={mine.side} sides={my.event.sides} /> {venue?.name} · {t(`attendance.${mine.attendance}` as MessageKey)}
        </p>
        {mine.status === 'approved' && mine.badgeCode ? (
          <>
            <QrCode value={mine.badgeCode} label={t('badge.qrLabel')} size={260} />
            <p className="badge-code" aria-label={t('badge.code')}>
              {mine.badgeCode}
            </p>
            <p className="muted small">{mine.checkedInAt ? t('badge.checkedIn', { time: date(mine.checkedInAt, my.timezone) }) : t('badge.showAtDesk')}</p>
            <PrintMine my={my} what="badge" />
          </>
        ) : (
          <Notice kind="info">{t('badge.notYet')}</Notice>
        )}
      </section>

      <section className="card stack" aria-labelledby="scan-title">
        <h2 id="scan-title" className="section-title">
          {t('badge.scanTitle')}
        </h2>
        <p className="muted">{t('badge.scanLead')}</p>
        {made && (
          <Notice kind="success">
            {t('badge.connected', { name: made.partner || t('live.anEnterprise') })} <Link to={`/events/${my.event.id}/connections`}>{t('badge.seeConnections')}</Link>
          </Notice>
        )}
        <ErrorBanner error={error} />
        {camera ? (
          <CameraScanner onCode={onCameraCode} onClose={() => setCamera(false)} />
        ) : (
          canUseCamera() && (
            <button type="button" className="btn btn-primary" onClick={() => setCamera(true)} disabled={busy}>
              {t('badge.useCamera')}
            </button>
          )
        )}
        <form onSubmit={submit} className="scan-form" noValidate>
          <Field label={t('badge.typeCode')} error={fields.badgeCode} hint={t('badge.codeHint')}>
            <input type="text" value={code} autoCapitalize="characters" autoComplete="off" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {busy ? t('common.working') : t('badge.connect')}
          </button>
        </form>
      </section>
    </div>
  );
}

export function BadgePage({ eventId }: { eventId: string }) {
  return <EnterpriseEventFrame eventId={eventId}>{(my) => <Badge my={my} />}</EnterpriseEventFrame>;
}
