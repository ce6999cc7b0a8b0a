import { useEffect, useState } from 'react';
import { LOCALES, type Locale } from '@tradebridge/contracts';
import { reports, type PublicSummary } from '../../api/endpoints';
import { Shell } from '../../components/Shell';
import { TimelineChart } from '../../components/TimelineChart';
import { ErrorBanner, Loading, Stat } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { useLocation } from '../../router';

function Table({ title, columns, rows }: { title: string; columns: string[]; rows: { label: string; values: (number | string)[] }[] }) {
  if (!rows.length) return null;
  return (
    <section className="card results-table" aria-label={title}>
      <h2 className="subsection-title">{title}</h2>
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
                    {v}
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

function Results({ summary }: { summary: PublicSummary }) {
  const { t, number, amount, date } = useI18n();
  const { event, totals } = summary;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const url = `${window.location.origin}${window.location.pathname}?lang=${summary.locale}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      window.prompt(t('results.copyPrompt'), url);
    }
  };
  return (
    <article className="stack results" aria-labelledby="results-title">
      <header className="results-head">
        <p className="eyebrow">{t('results.eyebrow')}</p>
        <h1 id="results-title" className="event-title">
          {event.name}
        </h1>
        <p className="event-meta">
          <span>
            {date(event.startsAt, zone, 'date') === date(event.endsAt, zone, 'date')
              ? date(event.startsAt, zone, 'date')
              : `${date(event.startsAt, zone, 'date')} – ${date(event.endsAt, zone, 'date')}`}
          </span>
          <span>
            {event.sideNames[0]} ⇄ {event.sideNames[1]}
          </span>
        </p>
        <div className="button-row no-print">
          <button type="button" className="btn btn-primary btn-small" onClick={() => window.print()}>
            {t('results.print')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void share()}>
            {copied ? t('results.copied') : t('results.share')}
          </button>
        </div>
      </header>
      <div className="stats-row">
        <Stat label={t('report.approved')} value={number(totals.approved)} hint={t('results.registeredHint', { n: number(totals.registered) })} />
        <Stat label={t('report.checkedIn')} value={number(totals.checkedIn)} />
        <Stat
          label={t('dash.connectionsMade')}
          value={number(totals.connectionsMade)}
          hint={t('dash.acceptance', { rate: number(totals.acceptanceRate, { style: 'percent', maximumFractionDigits: 0 }) })}
        />
        <Stat label={t('report.meetingsHeld')} value={number(totals.meetingsHeld)} />
        <Stat label={t('report.outcomes')} value={number(totals.outcomes)} />
      </div>
      {summary.valueByCurrency.length > 0 && (
        <section className="card">
          <h2 className="subsection-title">{t('report.value')}</h2>
          <ul className="value-list">
            {summary.valueByCurrency.map((v) => (
              <li key={v.currency}>
                <strong>
                  {amount(v.amount)} {v.currency}
                </strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      {summary.timeline.length > 0 && (
        <section className="card">
          <h2 className="subsection-title">{t('dash.timeline')}</h2>
          <TimelineChart
            points={summary.timeline.map((p) => ({ at: new Date(p.at), value: p.made }))}
            label={t('dash.timelineLabel', { n: totals.connectionsMade })}
            formatTick={(at) => date(at, zone, 'time', false)}
            stepMs={3_600_000}
          />
        </section>
      )}
      <div className="grid-2 align-start">
        <Table
          title={t('report.bySide')}
          columns={[t('report.approved'), t('report.checkedIn')]}
          rows={summary.bySide.map((s) => ({ label: s.name, values: [number(s.approved), number(s.checkedIn)] }))}
        />
        <Table title={t('report.byVenue')} columns={[t('report.approved')]} rows={summary.venues.map((v) => ({ label: `${v.name} · ${v.city}`, values: [number(v.approved)] }))} />
        <Table
          title={t('report.byRoom')}
          columns={[t('report.approved'), t('report.made')]}
          rows={summary.rooms.map((r) => ({ label: r.name, values: [number(r.approved), number(r.connectionsMade)] }))}
        />
        <Table title={t('results.bySector')} columns={[t('report.made')]} rows={summary.bySector.map((s) => ({ label: s.name, values: [number(s.made)] }))} />
        <Table
          title={t('report.outcomes')}
          columns={[t('results.count')]}
          rows={summary.outcomesByKind.map((o) => ({ label: t(`outcome.${o.kind}` as MessageKey), values: [number(o.count)] }))}
        />
      </div>
      <p className="small muted">{t('results.privacy')}</p>
    </article>
  );
}

/**
 * The public results of a closed event, for the press and ministries: no account,
 * in the language chosen (or the link's `?lang=`), printable. Before the event
 * closes, the API answers 404 and the page says the results are not out yet.
 */
export function ResultsPage({ eventId }: { eventId: string }) {
  const { locale, setLocale, t } = useI18n();
  const { search } = useLocation();
  const wanted = search.get('lang');
  // The link's language, once, when the page opens; the switcher decides after that.
  useEffect(() => {
    if (wanted && (LOCALES as readonly string[]).includes(wanted)) setLocale(wanted as Locale);
  }, [wanted, setLocale]);
  const summary = useAsync(() => reports.publicSummary(eventId, locale), [eventId, locale]);
  return (
    <Shell>
      {summary.error ? (
        summary.error.status === 404 ? (
          <section className="card stack">
            <h1 className="section-title">{t('results.notYetTitle')}</h1>
            <p>{t('results.notYet')}</p>
          </section>
        ) : (
          <ErrorBanner error={summary.error} />
        )
      ) : summary.data ? (
        <Results summary={summary.data} />
      ) : (
        <Loading />
      )}
    </Shell>
  );
}
