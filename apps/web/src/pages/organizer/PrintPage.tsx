import { useState } from 'react';
import type { Locale } from '@tradebridge/contracts';
import { printables, type BadgeLayout } from '../../api/endpoints';
import { Field } from '../../components/ui';
import { DownloadStatus, useFileDownload } from '../../components/useFileDownload';
import { useI18n } from '../../i18n/I18nProvider';
import { LocaleSelect } from '../../components/LocaleSelect';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

/**
 * The organizer's printables, for the day the venue network fails: badges (A6 or four
 * per A4) for everyone or a venue, personal schedules, and per venue the table plan
 * with a sign per table and the check-in list. Each is a PDF in the chosen language;
 * schedules default to each enterprise's own language and time zone.
 */
function Print({ org }: { org: OrgEvent }) {
  const { t, locale } = useI18n();
  const [sheetLocale, setSheetLocale] = useState<Locale>(locale);
  const [badgeVenue, setBadgeVenue] = useState('');
  const [layout, setLayout] = useState<BadgeLayout>('a4');
  const [scheduleVenue, setScheduleVenue] = useState('');
  const [ownLanguage, setOwnLanguage] = useState(true);
  const download = useFileDownload();
  const id = org.event.id;
  const busy = download.busy !== null;
  const venues = org.venues;
  const tableVenues = venues.filter((v) => v.kind !== 'online');
  const scope = (venueId: string) => (venueId ? { venueId } : {});

  const venueSelect = (value: string, onChange: (v: string) => void) => (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('print.allVenues')}</option>
      {venues.map((v) => (
        <option key={v.id} value={v.id}>
          {v.name}
        </option>
      ))}
    </select>
  );

  return (
    <div className="stack-lg print-page">
      <section className="card stack" aria-labelledby="print-title">
        <h2 id="print-title" className="section-title">
          {t('print.title')}
        </h2>
        <p className="muted">{t('print.lead')}</p>
        <div className="form-row">
          <LocaleSelect label={t('print.language')} value={sheetLocale} onChange={setSheetLocale} />
        </div>
        <DownloadStatus download={download} />
      </section>

      <section className="card stack" aria-labelledby="print-badges">
        <h3 id="print-badges" className="section-title">
          {t('print.badges')}
        </h3>
        <p className="muted small">{t('print.badgesLead')}</p>
        <div className="form-row">
          <Field label={t('print.who')}>{venueSelect(badgeVenue, setBadgeVenue)}</Field>
          <Field label={t('print.layout')}>
            <select value={layout} onChange={(e) => setLayout(e.target.value as BadgeLayout)}>
              <option value="a4">{t('print.layoutA4')}</option>
              <option value="a6">{t('print.layoutA6')}</option>
            </select>
          </Field>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={download.start(t('print.badges'), (p) => printables.badges(id, { layout, locale: sheetLocale, ...scope(badgeVenue) }, p))}
          >
            {t('print.downloadBadges')}
          </button>
        </div>
      </section>

      <section className="card stack" aria-labelledby="print-schedules">
        <h3 id="print-schedules" className="section-title">
          {t('print.schedules')}
        </h3>
        <p className="muted small">{t('print.schedulesLead')}</p>
        <div className="form-row">
          <Field label={t('print.who')}>{venueSelect(scheduleVenue, setScheduleVenue)}</Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={ownLanguage} onChange={(e) => setOwnLanguage(e.target.checked)} /> {t('print.ownLanguage')}
        </label>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={download.start(t('print.schedules'), (p) => printables.schedules(id, { ...(ownLanguage ? {} : { locale: sheetLocale }), ...scope(scheduleVenue) }, p))}
          >
            {t('print.downloadSchedules')}
          </button>
        </div>
      </section>

      <section className="card stack" aria-labelledby="print-venues">
        <h3 id="print-venues" className="section-title">
          {t('print.venues')}
        </h3>
        <p className="muted small">{t('print.venuesLead')}</p>
        <ul className="print-venues">
          {tableVenues.map((v) => (
            <li key={v.id} className="print-venue">
              <span>
                <strong>{v.name}</strong> <span className="muted small">{t('print.tables', { n: v.tables })}</span>
              </span>
              <span className="button-row">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={busy}
                  onClick={download.start(`${t('print.tablePlan')} · ${v.name}`, (p) => printables.tablePlan(id, v.id, sheetLocale, p))}
                >
                  {t('print.tablePlan')}
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={busy}
                  onClick={download.start(`${t('print.checkInList')} · ${v.name}`, (p) => printables.checkInList(id, v.id, sheetLocale, p))}
                >
                  {t('print.checkInList')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function PrintPage({ eventId }: { eventId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <Print org={org} />}</OrgEventFrame>;
}
