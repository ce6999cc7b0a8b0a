import { useState } from 'react';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { asyncHandler } from './async-handler';
import { ErrorBanner, Notice, ProgressBar } from './ui';
import { toApiError } from './useAsync';

type Saved = { filename: string; bytes: number };
type Fetch = (onProgress: (received: number, total: number | null) => void) => Promise<Saved>;

export interface FileDownload {
  /** What is downloading (its label), with the bytes so far; null when idle. */
  busy: { label: string; received: number; total: number | null } | null;
  saved: Saved | null;
  error: ApiError | null;
  /** A click handler that downloads one file at a time, showing its progress. */
  start: (label: string, fetch: Fetch) => () => void;
}

/** One download at a time with its progress, its result and its error, as the report and print pages show them. */
export function useFileDownload(): FileDownload {
  const [busy, setBusy] = useState<FileDownload['busy']>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const start = (label: string, fetch: Fetch) =>
    asyncHandler(async () => {
      setError(null);
      setSaved(null);
      setBusy({ label, received: 0, total: null });
      try {
        setSaved(await fetch((received, total) => setBusy({ label, received, total })));
      } catch (e) {
        setError(toApiError(e));
      } finally {
        setBusy(null);
      }
    });
  return { busy, saved, error, start };
}

export function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** The progress bar while a file downloads, then where it was saved, or why it failed. */
export function DownloadStatus({ download }: { download: FileDownload }) {
  const { t } = useI18n();
  const { busy, saved, error } = download;
  return (
    <>
      {busy && (
        <div className="running">
          <ProgressBar value={busy.total ? busy.received : undefined} max={busy.total ?? undefined} label={t('report.downloading', { format: busy.label })} />
          <p className="small muted">
            {t('report.downloading', { format: busy.label })} {busy.received > 0 && kb(busy.received)}
          </p>
        </div>
      )}
      {saved && <Notice kind="success">{t('report.saved', { filename: saved.filename, size: kb(saved.bytes) })}</Notice>}
      <ErrorBanner error={error} />
    </>
  );
}
