import { useState } from 'react';
import type { Locale, ReportView } from '@tradebridge/contracts';
import { reports, type ReportFormat } from '../../api/endpoints';
import { TimelineChart } from '../../components/TimelineChart';
import { ErrorBanner, Loading, Notice, Stat } from '../../components/ui';
import { DownloadStatus, useFileDownload } from '../../components/useFileDownload';
import { useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { INTL_LOCALE } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { LocaleSelect } from '../../components/LocaleSelect';
import { Link } from '../../router';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

const FORMATS: { format: ReportFormat; key: MessageKey }[] = [
  { format: 'pdf', key: 'report.pdf' },
  { format: 'xlsx', key: 'report.xlsx' },
  { format: 'csv', key: 'report.csv' },
  { format: 'json', key: 'report.json' },
];

function Breakdown({ title, lead, columns, rows }: { title: string; lead?: string; columns: string[]; rows: { label: string; values: (number | string | undefined)[] }[] }) {
  if (!rows.length) return null;
  return (
    <section className="card" aria-label={title}>
      <h3 className="subsection-title">{title}</h3>
      {lead && <p className="small muted">{lead}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.values.map((v, i) => (
                  <td key={i} className="num">
                    {v ?? '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ReportSummary({ report, org }: { report: ReportView; org: OrgEvent }) {
  const { t, number, amount, date, locale } = useI18n();
  const tot = report.totals;
  const regions = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'region' });
  const countryName = (code: string) => (code ? `${regions.of(code) ?? code} (${code})` : '—');
  const meetingColumns = [t('report.scheduled'), t('report.held'), t('report.noShow'), t('report.cancelled')];
  const meetingValues = (m: ReportView['meetingsByMode'][number]) => [m.scheduled, m.held, m.noShow, m.cancelled];
  return (
    <div className="stack">
      <div className="stats-row">
        <Stat label={t('report.registered')} value={tot.registered} hint={t('report.approvedHint', { n: tot.approved })} />
        <Stat label={t('report.checkedIn')} value={tot.checkedIn} />
        <Stat
          label={t('dash.connectionsMade')}
          value={tot.connectionsMade}
          hint={t('dash.acceptance', { rate: number(tot.acceptanceRate, { style: 'percent', maximumFractionDigits: 0 }) })}
        />
        <Stat label={t('report.meetingsHeld')} value={tot.meetingsHeld} hint={t('report.ofScheduled', { n: tot.meetingsScheduled })} />
        <Stat
          label={t('report.connectionsMet')}
          value={tot.connectionsWithHeldMeeting}
          hint={t('report.connectionsMetHint', { share: number(tot.heldMeetingShare, { style: 'percent', maximumFractionDigits: 0 }) })}
        />
        <Stat label={t('report.outcomes')} value={tot.outcomes} />
      </div>
      {report.timeline.length > 0 && (
        <section className="card">
          <h3 className="subsection-title">{t('dash.timeline')}</h3>
          <TimelineChart
            points={report.timeline.map((p) => ({ at: new Date(p.at), value: p.made }))}
            label={t('dash.timelineLabel', { n: tot.connectionsMade })}
            formatTick={(at) => date(at, org.event.timezone, 'time', false)}
            stepMs={3_600_000}
          />
        </section>
      )}
      <div className="grid-2 align-start">
        <Breakdown
          title={t('report.bySide')}
          columns={[t('report.registered'), t('report.approved'), t('report.made')]}
          rows={report.bySide.map((r) => ({ label: countryName(r.key), values: [r.registered, r.approved, r.made] }))}
        />
        <Breakdown
          title={t('report.byVenue')}
          columns={[t('report.registered'), t('report.approved'), t('report.checkedIn')]}
          rows={report.byVenue.map((r) => ({ label: r.name, values: [r.registered, r.approved, r.checkedIn] }))}
        />
        <Breakdown
          title={t('report.byRoom')}
          columns={[t('report.registered'), t('report.approved'), t('report.made')]}
          rows={report.byRoom.map((r) => ({ label: r.name, values: [r.registered, r.approved, r.made] }))}
        />
        <Breakdown
          title={t('report.meetings')}
          lead={t('report.meetingsLead')}
          columns={meetingColumns}
          rows={[
            ...report.meetingsByMode.map((m) => ({ label: t(`report.mode.${m.key}` as MessageKey), values: meetingValues(m) })),
            ...report.meetingsByVenue.filter((m) => m.key !== 'online').map((m) => ({ label: `${t('report.mode.onsite')} · ${m.name}`, values: meetingValues(m) })),
          ]}
        />
        <Breakdown
          title={t('report.noShowBySide')}
          lead={t('report.noShowLead')}
          columns={[t('report.due'), t('report.absent'), t('report.noShowRate')]}
          rows={report.noShowBySide.map((s) => ({
            label: countryName(s.side),
            values: [s.due, s.absent, number(s.rate, { style: 'percent', maximumFractionDigits: 1 })],
          }))}
        />
        {report.valueByCurrency.length > 0 && (
          <section className="card">
            <h3 className="subsection-title">{t('report.value')}</h3>
            <ul className="value-list">
              {report.valueByCurrency.map((v) => (
                <li key={v.currency}>
                  <strong>
                    {amount(v.amount)} {v.currency}
                  </strong>{' '}
                  <span className="muted">{t('report.outcomesCount', { n: v.count })}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

function Report({ org }: { org: OrgEvent }) {
  const { t, locale } = useI18n();
  const [reportLocale, setReportLocale] = useState<Locale>(locale);
  // The summary on screen follows the UI language; the select chooses the files' language.
  const report = useAsync(() => reports.json(org.event.id, locale), [org.event.id, locale]);
  const download = useFileDownload();

  return (
    <div className="stack-lg">
      {org.event.status === 'closed' && (
        <Notice kind="info">
          {t('results.openLead')} <Link to={`/results/${org.event.id}?lang=${locale}`}>{t('results.open')}</Link>
        </Notice>
      )}
      <section className="card stack" aria-labelledby="downloads-title">
        <h2 id="downloads-title" className="section-title">
          {t('report.downloads')}
        </h2>
        <p className="muted">{t('report.downloadsLead')}</p>
        <div className="download-bar">
          <LocaleSelect label={t('report.language')} value={reportLocale} onChange={setReportLocale} />
          <div className="button-row">
            {FORMATS.map(({ format, key }) => (
              <button
                key={format}
                type="button"
                className={`btn ${format === 'pdf' ? 'btn-primary' : 'btn-secondary'}`}
                disabled={download.busy !== null}
                onClick={download.start(format.toUpperCase(), (onProgress) => reports.download(org.event.id, format, reportLocale, onProgress))}
              >
                {t(key)}
              </button>
            ))}
          </div>
        </div>
        <DownloadStatus download={download} />
      </section>
      <section aria-labelledby="summary-title" className="stack">
        <h2 id="summary-title" className="section-title">
          {t('report.summary')}
        </h2>
        {report.data ? <ReportSummary report={report.data} org={org} /> : report.error ? <ErrorBanner error={report.error} /> : <Loading />}
      </section>
    </div>
  );
}

export function ReportPage({ eventId }: { eventId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <Report org={org} />}</OrgEventFrame>;
}
