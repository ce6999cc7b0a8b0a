import { events } from '../../api/endpoints';
import { QrCode } from '../../components/QrCode';
import { EmptyState, ErrorBanner, Loading } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

/**
 * One sign per meeting table of a venue: the table number and the QR code a party
 * scans at the slot to check in. Printed from the browser, one sign per half page.
 */
export function TableSignsPage({ eventId, venueId }: { eventId: string; venueId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <TableSigns org={org} venueId={venueId} />}</OrgEventFrame>;
}

function TableSigns({ org, venueId }: { org: OrgEvent; venueId: string }) {
  const { t, name } = useI18n();
  const codes = useAsync(() => events.tableCodes(org.event.id, venueId), [org.event.id, venueId]);
  if (codes.error) return <ErrorBanner error={codes.error} />;
  if (!codes.data) return <Loading />;
  const { venue, tables } = codes.data;
  return (
    <section className="stack" aria-labelledby="table-signs-title">
      <div className="section-head no-print">
        <h2 id="table-signs-title" className="section-title">
          {t('tables.title', { venue: venue.name })}
        </h2>
        <div className="button-row">
          <Link to={`/org/events/${org.event.id}/setup`} className="btn btn-ghost btn-small">
            {t('tables.back')}
          </Link>
          {tables.length > 0 && (
            <button type="button" className="btn btn-primary btn-small" onClick={() => window.print()}>
              {t('tables.print')}
            </button>
          )}
        </div>
      </div>
      <p className="muted small no-print">{t('tables.lead')}</p>
      {tables.length === 0 ? (
        <EmptyState title={t('tables.none')} />
      ) : (
        <ol className="table-signs" aria-label={t('tables.title', { venue: venue.name })}>
          {tables.map((table) => (
            <li key={table.tableNo} className="table-sign">
              <p className="table-sign-event">{name(org.event.name)}</p>
              <p className="table-sign-number">{t('tables.number', { table: table.tableNo })}</p>
              <p className="table-sign-venue">{venue.name}</p>
              <QrCode value={table.code} size={220} label={t('tables.qrLabel', { table: table.tableNo })} />
              <p className="table-sign-code">{table.code}</p>
              <p className="table-sign-hint">{t('tables.hint')}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
