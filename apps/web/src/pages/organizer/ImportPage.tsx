import { useEffect, useRef, useState } from 'react';
import type { Locale } from '@tradebridge/contracts';
import type { ApiError } from '../../api/client';
import { imports, type ImportJob, type ImportReport } from '../../api/endpoints';
import { asyncHandler } from '../../components/async-handler';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LocaleSelect } from '../../components/LocaleSelect';
import { EmptyState, ErrorBanner, Field, Notice, ProgressBar, Stat } from '../../components/ui';
import { toApiError } from '../../components/useAsync';
import { DownloadStatus, useFileDownload } from '../../components/useFileDownload';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

/** How often the page asks how far the import has come. */
const POLL_MS = 1000;
/** The refused rows listed on the page (all of them are in the report's totals). */
const SHOWN_ROWS = 200;

/**
 * Bulk import of participants: download the template in a language, choose the
 * filled-in XLSX or CSV, check it (a dry run: every row's result, nothing written),
 * then import it as one job whose progress bar the page follows. Re-importing the
 * corrected file updates the same enterprises.
 */
function Import({ org }: { org: OrgEvent }) {
  const { t, locale } = useI18n();
  const [sheetLocale, setSheetLocale] = useState<Locale>(locale);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const template = useFileDownload();
  const id = org.event.id;
  const running = job?.status === 'running';

  // Follow a running job until it succeeds or fails.
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      imports
        .job(id, job.id)
        .then(setJob)
        .catch((e: unknown) => setError(toApiError(e)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [id, job]);

  const check = async () => {
    if (!file) return;
    setError(null);
    setChecked(null);
    setJob(null);
    setChecking(true);
    try {
      setChecked(await imports.dryRun(id, file, locale));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setChecking(false);
    }
  };
  const apply = async () => {
    if (!file) return;
    setError(null);
    try {
      setJob(await imports.start(id, file, locale));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setChecked(null);
    setJob(null);
    setError(null);
  };
  const writable = checked ? checked.totals.created + checked.totals.updated : 0;
  const refused = checked?.rows.filter((r) => r.status === 'refused') ?? [];

  return (
    <div className="stack-lg import-page">
      <section className="card stack" aria-labelledby="import-template">
        <h2 id="import-template" className="section-title">
          {t('import.templateTitle')}
        </h2>
        <p className="muted">{t('import.templateLead')}</p>
        <div className="download-bar">
          <LocaleSelect label={t('import.templateLanguage')} value={sheetLocale} onChange={setSheetLocale} />
          <div className="button-row">
            <button type="button" className="btn btn-secondary" disabled={template.busy !== null} onClick={template.start('XLSX', (p) => imports.template(id, 'xlsx', sheetLocale, p))}>
              {t('import.templateXlsx')}
            </button>
            <button type="button" className="btn btn-ghost" disabled={template.busy !== null} onClick={template.start('CSV', (p) => imports.template(id, 'csv', sheetLocale, p))}>
              {t('import.templateCsv')}
            </button>
          </div>
        </div>
        <DownloadStatus download={template} />
      </section>

      <section className="card stack" aria-labelledby="import-file">
        <h2 id="import-file" className="section-title">
          {t('import.fileTitle')}
        </h2>
        <p className="muted">{t('import.fileLead')}</p>
        <Field label={t('import.file')} hint={t('import.fileHint')}>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={running}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
        </Field>
        <div className="button-row">
          <button type="button" className="btn btn-primary" disabled={!file || checking || running} onClick={asyncHandler(check)}>
            {checking ? t('import.checking') : t('import.check')}
          </button>
        </div>
        {checking && <ProgressBar label={t('import.checking')} />}
        <ErrorBanner error={error} />
      </section>

      {checked && (
        <section className="card stack" aria-labelledby="import-result">
          <h2 id="import-result" className="section-title">
            {job?.status === 'succeeded' ? t('import.doneTitle') : t('import.checkedTitle')}
          </h2>
          <div className="stats-row">
            <Stat label={t('import.rows')} value={checked.totals.rows} />
            <Stat label={t('import.created')} value={checked.totals.created} />
            <Stat label={t('import.updated')} value={checked.totals.updated} />
            <Stat label={t('import.refused')} value={checked.totals.refused} />
          </div>
          {refused.length > 0 ? (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('import.refusedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {refused.slice(0, SHOWN_ROWS).flatMap((r) =>
                    (r.problems ?? []).map((p, i) => (
                      <tr key={`${r.row}-${i}`} className="row-warning">
                        <td className="num">{r.row}</td>
                        <td>{p.header}</td>
                        <td>{p.message}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
              {refused.length > SHOWN_ROWS && <p className="muted small">{t('import.moreRefused', { n: refused.length - SHOWN_ROWS })}</p>}
            </div>
          ) : (
            <EmptyState title={t('import.noRefused')} />
          )}
          {!job && writable > 0 && (
            <div className="button-row">
              <ConfirmButton
                className="btn btn-primary"
                confirm={{
                  title: t('import.confirmTitle', { n: writable }),
                  body: t('import.confirmBody', { created: checked.totals.created, updated: checked.totals.updated }),
                  action: t('import.apply', { n: writable }),
                }}
                onConfirm={asyncHandler(apply)}
              >
                {t('import.apply', { n: writable })}
              </ConfirmButton>
            </div>
          )}
          {!job && writable === 0 && <Notice kind="warning">{t('import.nothingToWrite')}</Notice>}
          {job && <JobProgress job={job} eventId={id} />}
        </section>
      )}
    </div>
  );
}

function JobProgress({ job, eventId }: { job: ImportJob; eventId: string }) {
  const { t } = useI18n();
  if (job.status === 'running') {
    return (
      <div className="running">
        <ProgressBar value={job.processedRows} max={job.totalRows} label={t('import.progress', { done: job.processedRows, total: job.totalRows })} />
        <p className="small muted" aria-live="polite">
          {t('import.progress', { done: job.processedRows, total: job.totalRows })}
        </p>
      </div>
    );
  }
  if (job.status === 'failed') {
    return (
      <div className="alert alert-error" role="alert">
        {t('import.failed')} {job.error?.message}
      </div>
    );
  }
  const totals = job.result?.totals;
  return (
    <Notice kind="success">
      {t('import.succeeded', { created: totals?.created ?? 0, updated: totals?.updated ?? 0 })} <Link to={`/org/events/${eventId}/registrations`}>{t('import.seeRegistrations')}</Link>
    </Notice>
  );
}

export function ImportPage({ eventId }: { eventId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <Import org={org} />}</OrgEventFrame>;
}
