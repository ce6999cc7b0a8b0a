import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository, isDatabaseUnavailable, newBadgeCode } from '@tradebridge/core';
import { EventAccess, EventsRepository } from '@tradebridge/events';
import { EnterprisesRepository } from '@tradebridge/enterprises';
import { RegistrationsRepository } from '@tradebridge/registrations';
import { PasswordResetService, UsersRepository } from '@tradebridge/accounts';
import type { Locale } from '@tradebridge/contracts';
import { columnHeader, type ImportColumn } from './columns';
import { checkRow, type ImportedParticipant } from './check-row';
import { planImport, type PlannedRow } from './plan';
import { problemText, type RowProblemCode } from './row-problems';
import { readSheet, templateCsv, templateXlsx, type SheetFormat } from './spreadsheet';
import { ImportsRepository } from './imports.repository';
import { ImportJobsRepository, type ImportJobView } from './import-jobs.repository';

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportRowResult {
  row: number;
  status: 'created' | 'updated' | 'refused';
  enterpriseId?: string;
  name?: string;
  problems?: { column: ImportColumn; header: string; code: RowProblemCode; message: string }[];
}

export interface ImportReport {
  dryRun: boolean;
  totals: { rows: number; created: number; updated: number; refused: number };
  rows: ImportRowResult[];
}

// A value no argon2 hash ever equals: the account exists (membership, invitation) but no password logs in until it is claimed.
const UNCLAIMED_PASSWORD = '!unclaimed';
/** Rows written per chunk: a few multi-row INSERTs each, and a progress report after each. */
const WRITE_CHUNK = 250;
/** A job beats its heart this often while it plans and writes. */
const HEARTBEAT_MS = 10_000;

type Sheet = Awaited<ReturnType<typeof readSheet>>;
const LOCALE_OF_COUNTRY: Record<string, Locale> = { VN: 'vi', CN: 'zh' };

/**
 * Bulk import of an event's participants from a spreadsheet (organizers):
 * every row checked by the profile and registration rules, planned against
 * what is stored (plan.ts), then, unless a dry run, written in one transaction
 * under the event's lock: enterprises created or updated (matched on tax code,
 * else contact e-mail), their contacts' accounts, and approved registrations,
 * logged once. Refused rows are reported and written nowhere.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Database,
    private readonly imports: ImportsRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly enterprises: EnterprisesRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly users: UsersRepository,
    private readonly invitations: PasswordResetService,
    private readonly log: EventLogRepository,
    private readonly jobs: ImportJobsRepository,
  ) {}

  private readonly logger = new Logger('Imports');

  async template(actor: Actor, eventId: string, format: SheetFormat, locale: Locale): Promise<Buffer> {
    await this.access.require(actor, eventId, ['organizer']);
    return format === 'csv' ? Buffer.from(templateCsv(locale), 'utf8') : templateXlsx(locale);
  }

  /** `file` is read once the actor is known to organize the event (a refused upload is never parsed). */
  async run(actor: Actor, eventId: string, file: () => { format: SheetFormat; body: Buffer }, locale: Locale, dryRun: boolean): Promise<ImportReport> {
    await this.access.require(actor, eventId, ['organizer']);
    const sheet = await this.read(file());
    if (dryRun) return report(await this.plan(eventId, sheet), locale, true, new Map());
    const written = await this.db.transaction(async (tx) => {
      const planned = await this.plan(eventId, sheet, tx);
      return { planned, ids: await this.write(tx, actor, eventId, planned) };
    });
    return report(written.planned, locale, false, written.ids);
  }

  /**
   * Apply as a job (the web app's path): the file is read and shape-checked, and the job
   * recorded, before the answer; the rows are then planned and written in one transaction
   * in the background, with progress on the job. One job per event at a time.
   */
  async startJob(actor: Actor, eventId: string, file: () => { format: SheetFormat; body: Buffer }, locale: Locale): Promise<ImportJobView> {
    await this.access.require(actor, eventId, ['organizer']);
    const sheet = await this.read(file());
    if (!(await this.events.findById(eventId))) throw DomainError.notFound('Event', eventId);
    const job = await this.jobs.start(eventId, actor.userId, locale, sheet.rows.length);
    if (!job) throw new DomainError(ErrorCode.IMPORT_RUNNING, 'An import of this event is already running: wait for it to finish, then import again');
    void this.execute(actor, eventId, sheet, locale, job.id);
    return job;
  }

  async job(actor: Actor, eventId: string, jobId: string): Promise<ImportJobView> {
    await this.access.require(actor, eventId, ['organizer']);
    const job = await this.jobs.find(eventId, jobId);
    if (!job) throw DomainError.notFound('Import', jobId);
    return job;
  }

  /** The job's work: all of it commits with its "succeeded", or none of it does and the job says why. */
  private async execute(actor: Actor, eventId: string, sheet: Sheet, locale: Locale, jobId: string): Promise<void> {
    const beat = setInterval(() => void this.jobs.heartbeat(jobId).catch(() => undefined), HEARTBEAT_MS);
    try {
      await this.db.transaction(async (tx) => {
        await this.jobs.nameConnection(tx, jobId);
        const planned = await this.plan(eventId, sheet, tx);
        const ids = await this.write(tx, actor, eventId, planned, (n) => this.jobs.progress(jobId, n));
        await this.jobs.succeed(tx, jobId, report(planned, locale, false, ids));
      });
    } catch (error) {
      const why =
        error instanceof DomainError
          ? { code: error.code, message: error.message }
          : isDatabaseUnavailable(error)
            ? { code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database connection was lost during the import; nothing of the file was written. Start it again.' }
            : { code: 'IMPORT_FAILED', message: 'The import failed; nothing of the file was written.' };
      if (!(error instanceof DomainError)) this.logger.error(`import ${jobId} failed`, error instanceof Error ? error.stack : String(error));
      await this.jobs.fail(jobId, why).catch((e: unknown) => this.logger.error(`import ${jobId}: could not record its failure`, String(e)));
    } finally {
      clearInterval(beat);
    }
  }

  /** Every row checked and planned against what is stored; under the event's lock when in a transaction. */
  private async plan(eventId: string, sheet: Sheet, tx?: EntityManager): Promise<PlannedRow[]> {
    const event = tx ? await this.events.lockOpen(tx, eventId, 'exclusive') : await this.events.findById(eventId);
    if (!event) throw DomainError.notFound('Event', eventId);
    const venues = await this.events.listVenues(eventId);
    const checked = sheet.rows.map((r) => checkRow(r.row, r.cells, { sides: event.sides, venues }));
    const valid = checked.flatMap((c) => (c.participant ? [c.participant] : []));
    const keys = await this.imports.enterprisesByKey(
      valid.flatMap((p) => (p.taxCode ? [p.taxCode] : [])),
      valid.map((p) => p.contact.email),
      tx,
    );
    const byTaxCode = new Map(keys.filter((k) => k.taxCode).map((k) => [k.taxCode!, k.id]));
    const byEmail = new Map<string, string>();
    for (const k of keys) if (k.email && !byEmail.has(k.email)) byEmail.set(k.email, k.id);
    const registrations = await this.imports.registrationsOf(
      eventId,
      keys.map((k) => k.id),
      tx,
    );
    const onsite = await this.imports.onsitePerVenue(eventId, tx);
    return planImport(checked, {
      byTaxCode,
      byEmail,
      registrations: new Map(registrations.map((r) => [r.enterpriseId, r])),
      venues: new Map(venues.map((v) => [v.id, { name: v.name, capacity: v.capacity, onsite: onsite.get(v.id) ?? 0 }])),
    });
  }

  private async read(file: { format: SheetFormat; body: Buffer }): Promise<Sheet> {
    let sheet;
    try {
      sheet = await readSheet(file.format, file.body);
    } catch {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'file', message: `is not a readable ${file.format.toUpperCase()} file` }]);
    }
    if (!sheet.columns.length) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'file', message: 'has no header row naming the template’s columns' }]);
    if (sheet.rows.length > MAX_IMPORT_ROWS) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'file', message: `has more than ${MAX_IMPORT_ROWS} rows` }]);
    return sheet;
  }

  /**
   * Writes the plan in chunks of WRITE_CHUNK rows, each in a few multi-row INSERTs (the
   * contacts' accounts, the new enterprises with their products and members, the approved
   * registrations); an updated enterprise is changed in place one by one. Reports progress
   * after each chunk. All of it is in the caller's transaction.
   */
  private async write(tx: EntityManager, actor: Actor, eventId: string, planned: PlannedRow[], progress?: (rows: number) => Promise<void>): Promise<Map<number, string>> {
    const ids = new Map<number, string>();
    const created: string[] = [];
    const invitees: Parameters<PasswordResetService['invite']>[1] = [];
    let updated = 0;
    const decidedAt = new Date();
    for (let start = 0; start < planned.length; start += WRITE_CHUNK) {
      const chunk = planned.slice(start, start + WRITE_CHUNK).filter((r): r is Exclude<PlannedRow, { status: 'refused' }> => r.status !== 'refused');
      // The contacts' accounts: an existing user with that e-mail, else a new unclaimed one, invited.
      const users = await this.users.findByEmails(
        chunk.map((r) => r.participant.contact.email),
        tx,
      );
      const newcomers = [
        ...new Map(chunk.filter((r) => !users.has(r.participant.contact.email.toLowerCase())).map((r) => [r.participant.contact.email.toLowerCase(), r.participant])).values(),
      ];
      const newIds = await this.users.insertMany(
        tx,
        newcomers.map((p) => ({ email: p.contact.email, passwordHash: UNCLAIMED_PASSWORD, displayName: p.contact.person, roles: [], locale: LOCALE_OF_COUNTRY[p.country] ?? 'en' })),
      );
      const userOf = new Map([...users].map(([email, user]) => [email, user.id]));
      newcomers.forEach((p, k) => {
        userOf.set(p.contact.email.toLowerCase(), newIds[k]);
        invitees.push({ userId: newIds[k], email: p.contact.email, locale: LOCALE_OF_COUNTRY[p.country] ?? 'en', enterprise: displayName(p) });
      });
      const contact = (p: ImportedParticipant) => userOf.get(p.contact.email.toLowerCase())!;
      // New enterprises together; updated ones in place.
      const fresh = chunk.filter((r) => r.status === 'created');
      const freshIds = await this.enterprises.insertMany(
        tx,
        fresh.map(({ participant: p }) => ({
          enterprise: { ...profile(p), sectors: [], website: null, size: null, description: {}, createdBy: contact(p), taxCode: p.taxCode },
          offers: p.offers,
          needs: p.needs,
        })),
      );
      fresh.forEach((r, k) => ids.set(r.row, freshIds[k]));
      const toRegister: typeof chunk = [];
      for (const row of chunk) {
        const p = row.participant;
        if (row.status === 'updated') {
          await this.enterprises.update(tx, row.enterpriseId, profile(p), { offers: p.offers, needs: p.needs, certifications: p.certifications }, true);
          await this.imports.setTaxCode(tx, row.enterpriseId, p.taxCode);
          await this.imports.addMember(tx, row.enterpriseId, contact(p));
          ids.set(row.row, row.enterpriseId);
          updated++;
        }
        if (row.status === 'updated' && row.registrationId) {
          await this.registrations.update(tx, eventId, row.registrationId, { venueId: p.venueId, attendance: p.attendance });
        } else {
          toRegister.push(row);
        }
      }
      created.push(
        ...(await this.registrations.insertApproved(
          tx,
          toRegister.map(({ row, participant: p }) => ({
            eventId,
            enterpriseId: ids.get(row)!,
            venueId: p.venueId,
            attendance: p.attendance,
            side: p.country,
            badgeCode: newBadgeCode(),
            createdBy: actor.userId,
          })),
          actor.userId,
          decidedAt,
        )),
      );
      await progress?.(Math.min(start + WRITE_CHUNK, planned.length));
    }
    // Each new contact account gets its invitation to claim it; sent only if this transaction commits.
    await this.invitations.invite(tx, invitees);
    await this.log.append(tx, eventId, {
      type: 'registrations.imported',
      data: { created: created.length, updated, refused: planned.filter((r) => r.status === 'refused').length },
      actorUserId: actor.userId,
      registrationIds: created,
    });
    return ids;
  }
}

function displayName(p: ImportedParticipant): string {
  return p.name.vi ?? p.name.zh ?? p.name.en ?? p.contact.email;
}

function profile(p: ImportedParticipant) {
  return { name: p.name, country: p.country, region: p.region, certifications: p.certifications, languages: p.languages, contact: p.contact };
}

function report(planned: PlannedRow[], locale: Locale, dryRun: boolean, ids: Map<number, string>): ImportReport {
  const rows = planned.map((r): ImportRowResult => {
    if (r.status === 'refused') {
      return {
        row: r.row,
        status: 'refused',
        problems: r.problems.map((p) => ({ column: p.column, header: columnHeader(p.column, locale), code: p.code, message: problemText(p.code, locale, p) })),
      };
    }
    const enterpriseId = ids.get(r.row) ?? (r.status === 'updated' ? r.enterpriseId : undefined);
    const name = r.participant.name[locale] ?? r.participant.name.vi ?? r.participant.name.zh ?? r.participant.name.en;
    return { row: r.row, status: r.status, ...(enterpriseId && { enterpriseId }), ...(name && { name }) };
  });
  const count = (s: ImportRowResult['status']) => rows.filter((r) => r.status === s).length;
  return { dryRun, totals: { rows: rows.length, created: count('created'), updated: count('updated'), refused: count('refused') }, rows };
}
