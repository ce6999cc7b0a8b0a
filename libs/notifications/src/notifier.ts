import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Database, EventLogEntry, PgListener } from '@tradebridge/core';
import { EXPANDERS, ExpansionLookups, meetingsLink, Mention } from './expanders';
import { NewNotification, NotificationWriter } from './notification-writer';
import { EventFacts, NotifierRepository, RegistrationFacts } from './notifier.repository';

/** Log entries per transaction (a scheduler run is one entry, however many meetings it booked). */
const BATCH = 100;

/**
 * Turns the event log into notifications: the log is the outbox. Runs in every
 * API process; for each event whose log is past its cursor it processes, in one
 * transaction, the next entries: it locks the event's cursor row (so several
 * processes share the events and never process an entry twice), expands each
 * entry into notifications for the members of the enterprises concerned,
 * writes them through NotificationWriter and moves the cursor. A crash before
 * commit leaves the cursor where it was; `source` keeps a re-run from writing twice.
 *
 * Woken by the log's NOTIFY (LISTEN event_log, reconnecting), polling every
 * NOTIFIER_POLL_MS as a fallback.
 */
@Injectable()
export class Notifier implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifier');
  private tail: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;
  private readonly listener: PgListener;
  private closing = false;

  constructor(
    private readonly db: Database,
    dataSource: DataSource,
    private readonly repository: NotifierRepository,
    private readonly writer: NotificationWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Woken by every log NOTIFY, and by the poll every NOTIFIER_POLL_MS whether or not LISTEN is up.
    this.listener = new PgListener({
      connectionString: (dataSource.options as { url?: string } | undefined)?.url ?? config.databaseUrl ?? '',
      channel: 'event_log',
      logger: this.logger,
      meanwhile: 'the poll keeps notifying',
      onNotify: () => this.wake(),
      sweep: () => this.wake(),
      pollMs: config.notifier.pollMs,
      safetyTicks: 1,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.notifier.enabled) return;
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.listener.stop();
    await this.tail;
  }

  /**
   * Processes everything the log holds now (tests call it), or only that of
   * `eventIds`. Passes run one at a time in this process; a call while one of
   * every event is queued shares it.
   */
  drain(eventIds?: string[]): Promise<void> {
    // A drain of some events only (a spec's own) does not share a queued pass of all of them.
    if (eventIds) {
      const pass = this.tail.then(() => this.pass(eventIds));
      this.tail = pass.catch(() => undefined);
      return pass;
    }
    if (this.queued) return this.queued;
    const pass = this.tail.then(() => {
      this.queued = undefined;
      return this.pass();
    });
    this.queued = pass;
    this.tail = pass.catch(() => undefined);
    return pass;
  }

  private wake(): void {
    if (this.closing) return;
    this.drain().catch((error: Error) => this.logger.warn(`notifying failed: ${error.message}; the next poll retries`));
  }

  private async pass(only?: string[]): Promise<void> {
    const behind = await this.repository.behind();
    for (const eventId of only ? behind.filter((id) => only.includes(id)) : behind) {
      while (!this.closing && (await this.step(eventId)));
    }
  }

  /** One transaction over the next entries of an event; true when more may follow. */
  private step(eventId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const cursor = await this.repository.lockCursor(tx, eventId);
      const entries = await this.repository.entriesAfter(tx, eventId, cursor, BATCH);
      if (!entries.length) return false;
      const event = await this.repository.event(tx, eventId);
      if (event) {
        await this.writer.write(tx, await this.expand(tx, event, entries));
        // A scheduler run (thousands of meetings) is written by the database itself, from the meetings.
        for (const entry of entries.filter((e) => e.type === 'meetings.scheduled')) {
          await this.writer.writeScheduled(tx, {
            eventId,
            source: `log:${eventId}:${entry.seq}:schedule`,
            link: meetingsLink(eventId),
            meetingIds: (entry.data.meetingIds as string[] | undefined) ?? [],
            actorUserId: entry.actorUserId,
          });
        }
      }
      await this.repository.advance(tx, eventId, entries[entries.length - 1].seq);
      return entries.length === BATCH;
    });
  }

  /** The batch's notifications: each mention becomes one per member of the enterprise told, except the actor's own. */
  private async expand(tx: EntityManager, event: EventFacts, entries: EventLogEntry[]): Promise<NewNotification[]> {
    const lookups: ExpansionLookups = {
      venues: (ids) => this.repository.venues(tx, event.id, ids),
      rooms: (ids) => this.repository.rooms(tx, event.id, ids),
    };
    const mentioned: { entry: EventLogEntry; mentions: Mention[] }[] = [];
    for (const entry of entries) {
      const expander = EXPANDERS[entry.type];
      if (expander) mentioned.push({ entry, mentions: await expander(entry, lookups) });
    }
    const registrationIds = new Set<string>();
    for (const { mentions } of mentioned) {
      for (const m of mentions) {
        registrationIds.add(m.to);
        if (m.partner) registrationIds.add(m.partner);
      }
    }
    const registrations = await this.repository.registrations(tx, event.id, [...registrationIds]);
    const members = await this.repository.members(tx, [...new Set([...registrations.values()].map((r) => r.enterpriseId))]);
    const out: NewNotification[] = [];
    for (const { entry, mentions } of mentioned) {
      for (const m of mentions) {
        const to = registrations.get(m.to);
        if (!to) continue;
        const users = members.get(to.enterpriseId) ?? [];
        // One is not told of one's own enterprise's action.
        if (entry.actorUserId && users.includes(entry.actorUserId)) continue;
        const data = this.dataOf(event, to, m.partner ? registrations.get(m.partner) : undefined, m.facts);
        const source = `log:${event.id}:${entry.seq}:${m.key}`;
        for (const userId of users) out.push({ userId, kind: m.kind, eventId: event.id, source, data, link: m.link });
      }
    }
    return out;
  }

  private dataOf(event: EventFacts, to: RegistrationFacts, partner: RegistrationFacts | undefined, facts: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      eventName: event.name,
      eventTimezone: event.timezone,
      registrationId: to.id,
      enterpriseName: to.enterpriseName,
      ...(partner ? { partnerRegistrationId: partner.id, partnerName: partner.enterpriseName } : {}),
      ...facts,
    };
  }
}
