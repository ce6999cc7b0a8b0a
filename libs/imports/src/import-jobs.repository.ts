import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Locale } from '@tradebridge/contracts';
import type { ImportReport } from './imports.service';

export type ImportJobStatus = 'running' | 'succeeded' | 'failed';

export interface ImportJobView {
  id: string;
  eventId: string;
  status: ImportJobStatus;
  locale: Locale;
  totalRows: number;
  processedRows: number;
  createdAt: string;
  finishedAt: string | null;
  /** Once succeeded: what was written, row by row, as a dry run answers. */
  result?: ImportReport;
  /** Once failed: why; nothing of the file was written. */
  error?: { code: string; message: string };
}

/** A job that has not beaten its heart for this long died with its process. */
export const IMPORT_HEARTBEAT_STALE_MS = 60_000;

const COLUMNS = `id, event_id AS "eventId", status, locale, total_rows AS "totalRows", processed_rows AS "processedRows",
  created_at AS "createdAt", finished_at AS "finishedAt", result, error`;

/**
 * The `imports` rows. Progress and heartbeats are written on their own connection (autocommit,
 * so the page sees them while the job's transaction is open); the job's success is written in
 * the job's transaction, so "succeeded" and the rows it wrote commit together.
 */
@Injectable()
export class ImportJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new running job, or null when the event already has one (the partial unique index decides). */
  async start(eventId: string, userId: string, locale: Locale, totalRows: number, staleMs = IMPORT_HEARTBEAT_STALE_MS): Promise<ImportJobView | null> {
    // A job whose process died holds the event's slot until it is recorded as failed.
    await this.failStale(eventId, staleMs);
    try {
      const rows = await this.dataSource.query<Row[]>(`INSERT INTO imports (event_id, created_by, locale, status, total_rows) VALUES ($1, $2, $3, 'running', $4) RETURNING ${COLUMNS}`, [
        eventId,
        userId,
        locale,
        totalRows,
      ]);
      return view(rows[0]);
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'imports_one_running_per_event') return null;
      throw e;
    }
  }

  async progress(id: string, processedRows: number): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET processed_rows = greatest(processed_rows, $2), heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id, processedRows]);
  }

  async heartbeat(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id]);
  }

  /** Names the job's transaction `tradebridge-import-<id>`, so an operator (or the fault test) finds its connection in pg_stat_activity. */
  async nameConnection(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`SELECT set_config('application_name', $1, true)`, [`tradebridge-import-${id}`]);
  }

  /** In the job's transaction: it commits with the rows it describes. */
  async succeed(tx: EntityManager, id: string, result: ImportReport): Promise<void> {
    await tx.query(`UPDATE imports SET status = 'succeeded', processed_rows = total_rows, result = $2, finished_at = now(), heartbeat_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(result),
    ]);
  }

  async fail(id: string, error: { code: string; message: string }): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running'`, [id, JSON.stringify(error)]);
  }

  async find(eventId: string, id: string, staleMs = IMPORT_HEARTBEAT_STALE_MS): Promise<ImportJobView | null> {
    await this.failStale(eventId, staleMs);
    const rows = await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM imports WHERE event_id = $1 AND id = $2`, [eventId, id]);
    return rows[0] ? view(rows[0]) : null;
  }

  private async failStale(eventId: string, staleMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE imports SET status = 'failed', finished_at = now(),
              error = '{"code":"IMPORT_INTERRUPTED","message":"The import stopped with its server process; nothing of the file was written. Start it again."}'
        WHERE event_id = $1 AND status = 'running' AND heartbeat_at < now() - make_interval(secs => $2::double precision / 1000)`,
      [eventId, staleMs],
    );
  }
}

type Row = Omit<ImportJobView, 'result' | 'error'> & { result: ImportReport | null; error: ImportJobView['error'] | null };

function view(row: Row): ImportJobView {
  const { result, error, ...rest } = row;
  return {
    ...rest,
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    ...(result ? { result } : {}),
    ...(error ? { error } : {}),
  };
}
