import { Injectable } from '@nestjs/common';
import { Actor, Clock, DomainError } from '@tradebridge/core';
import { EventAccess, EventsRepository, TradeEvent, Venue } from '@tradebridge/events';
import { countryName, hsName, regionName, sectionOfChapter } from '@tradebridge/reference';
import { madeBySection, madeByVenuePair, madePerHour, rollUpConnections, rollUpRegistrations, topHsPairs } from './aggregate';
import type { Locale, Localized, ReportView } from '@tradebridge/contracts';
import { meetingFigures, noShowCells, ONLINE, share } from './meetings';
import { ReportRepository } from './report.repository';
import { csvConnectionRows, csvConnectionsHeader, csvSummary, MadeConnectionRow } from './csv';
import { writeXlsx } from './xlsx';
import { writePdf } from './pdf';
import { label } from './labels';
import type { Writable } from 'node:stream';

/** The report's JSON: its shape lives in contracts, shared with the web app. */
export type ReportJson = ReportView;

/** How many goods pairs the report lists. */
const TOP_HS_PAIRS = 10;
const NO_REGISTRATIONS = { registered: 0, approved: 0, checkedIn: 0 };
const NO_CONNECTIONS = { requested: 0, made: 0, declined: 0, expired: 0 };

/** The press-release figures: headline numbers only, never an enterprise's name or contact. */
export interface PublicSummary {
  event: { name: string; startsAt: string; endsAt: string; sides: [string, string]; sideNames: [string, string] };
  locale: Locale;
  totals: Pick<ReportJson['totals'], 'registered' | 'approved' | 'checkedIn' | 'connectionsMade' | 'acceptanceRate' | 'meetingsHeld' | 'outcomes'>;
  bySide: { side: string; name: string; approved: number; checkedIn: number }[];
  venues: { name: string; city: string; country: string; approved: number }[];
  /** The sector trade rooms: who took part in each and the connections made there. */
  rooms: { name: string; approved: number; connectionsMade: number }[];
  bySector: ReportJson['bySector'];
  outcomesByKind: ReportJson['outcomesByKind'];
  valueByCurrency: { currency: string; amount: string }[];
  timeline: ReportJson['timeline'];
}

/** The results report of an event, in a language: what the conference achieved. Staff only. */
@Injectable()
export class ReportService {
  constructor(
    private readonly report: ReportRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly clock: Clock,
  ) {}

  async json(actor: Actor, eventId: string, locale: Locale): Promise<ReportJson> {
    const event = await this.events.findById(eventId);
    if (!event) throw DomainError.notFound('Event', eventId);
    await this.access.require(actor, eventId);
    return (await this.build(event, locale)).report;
  }

  /**
   * The report as CSV: the summary tables, then every connection made. Written
   * through `write` page by page, so memory stays flat however large the event.
   */
  async csv(actor: Actor, eventId: string, locale: Locale, write: (chunk: string) => void): Promise<void> {
    const report = await this.json(actor, eventId, locale);
    write(csvSummary(report, locale));
    write(csvConnectionsHeader(locale));
    for await (const page of this.madePages(eventId, locale)) write(csvConnectionRows(page, locale));
  }

  /**
   * The report as an XLSX workbook written to `stream` (the connections sheet
   * streamed page by page). `onStart` runs once the figures are in hand and
   * nothing has been written yet (the place for response headers).
   */
  async xlsx(actor: Actor, eventId: string, locale: Locale, stream: Writable, onStart: () => void): Promise<void> {
    const report = await this.json(actor, eventId, locale);
    const outcomes = (await this.report.outcomeList(eventId)).map((o) => ({
      kind: o.kind,
      amount: o.amount,
      currency: o.currency,
      note: o.note,
      recordedAt: o.recordedAt,
      from: pick(o.fromName, locale),
      to: pick(o.toName, locale),
    }));
    onStart();
    await writeXlsx(stream, report, locale, () => this.madePages(eventId, locale), outcomes);
  }

  /**
   * The report as a PDF written to `stream`: headline figures, charts and the
   * summary tables (the connections list stays in CSV and XLSX: at a million
   * rows it is no document to print). `onStart` as for XLSX.
   */
  async pdf(actor: Actor, eventId: string, locale: Locale, stream: Writable, onStart: () => void): Promise<void> {
    const report = await this.json(actor, eventId, locale);
    onStart();
    await writePdf(stream, report, locale);
  }

  /** The connections made, oldest first, in keyset pages of 2,000 with names in the locale. */
  private async *madePages(eventId: string, locale: Locale): AsyncGenerator<MadeConnectionRow[]> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const page = await this.report.madePage(eventId, after, 2_000);
      if (!page.length) return;
      yield page.map((r) => ({
        madeAt: r.at,
        fromName: pick(r.fromName, locale),
        fromSide: r.fromSide,
        fromVenue: r.fromVenue,
        toName: pick(r.toName, locale),
        toSide: r.toSide,
        toVenue: r.toVenue,
        room: r.room ? pick(r.room, locale) : '',
        channel: r.channel,
      }));
      after = { at: page[page.length - 1].at, id: page[page.length - 1].id };
    }
  }

  /**
   * For anyone, once the event is closed (before that it does not exist for
   * the public: 404). Built from the staff report, keeping only aggregates.
   */
  async publicSummary(eventId: string, locale: Locale): Promise<PublicSummary> {
    const event = await this.events.findById(eventId);
    if (!event || event.status !== 'closed') throw DomainError.notFound('Closed event', eventId);
    const { report, venues } = await this.build(event, locale);
    const { registered, approved, checkedIn, connectionsMade, acceptanceRate, meetingsHeld, outcomes } = report.totals;
    return {
      event: {
        name: report.event.name,
        startsAt: report.event.startsAt,
        endsAt: report.event.endsAt,
        sides: report.event.sides,
        sideNames: [countryName(report.event.sides[0], locale), countryName(report.event.sides[1], locale)],
      },
      locale,
      totals: { registered, approved, checkedIn, connectionsMade, acceptanceRate, meetingsHeld, outcomes },
      bySide: report.bySide.map((s) => ({ side: s.key, name: countryName(s.key, locale), approved: s.approved, checkedIn: s.checkedIn })),
      venues: venues.map((v) => ({ name: v.name, city: v.city, country: v.country, approved: report.byVenue.find((r) => r.key === v.id)?.approved ?? 0 })),
      rooms: report.byRoom.filter((r) => r.key).map((r) => ({ name: r.name, approved: r.approved, connectionsMade: r.made })),
      bySector: report.bySector,
      outcomesByKind: report.outcomesByKind,
      valueByCurrency: report.valueByCurrency.map(({ currency, amount }) => ({ currency, amount })),
      timeline: report.timeline,
    };
  }

  /** The figures of an event (already found and authorized), and its venues for the public view. */
  private async build(event: TradeEvent, locale: Locale): Promise<{ report: ReportJson; venues: Venue[] }> {
    const eventId = event.id;

    const [registrationCells, connectionCells, tradeCells, meetingCells, outcomes, venues, rooms, outcomesByMonth] = await Promise.all([
      this.report.registrationCells(eventId),
      this.report.connectionCells(eventId),
      this.report.tradeCells(eventId),
      this.report.meetingCells(eventId, this.clock.now()),
      this.report.outcomes(eventId),
      this.events.listVenues(eventId),
      this.events.listRooms(eventId),
      this.report.outcomesByMonth(eventId),
    ]);
    const [registrations, bySide, byCountry, byRegion, byVenue, byAttendance, byRoomRegistrations] = ([null, 'side', 'country', 'region', 'venue', 'attendance', 'room'] as const).map(
      (dimension) => rollUpRegistrations(registrationCells, dimension),
    );
    const [connections, connectionsBySide, byChannel, byRoomConnections] = ([null, 'side', 'channel', 'room'] as const).map((dimension) => rollUpConnections(connectionCells, dimension));
    const timeline = madePerHour(connectionCells);
    const byVenuePair = madeByVenuePair(tradeCells);
    const bySector = madeBySection(tradeCells, sectionOfChapter);
    const meetings = meetingFigures(
      meetingCells,
      noShowCells(connectionCells),
      event.sides,
      venues.map((v) => v.id),
    );

    const venueName = new Map(venues.map((v) => [v.id, v.name]));
    const roomName = new Map(rooms.map((r) => [r.id, pick(r.name, locale)]));
    const total = connections[0] ?? { key: 'all', ...NO_CONNECTIONS };
    const regTotal = registrations[0] ?? { key: 'all', ...NO_REGISTRATIONS };
    const roomKeys = [...new Set([...rooms.map((r) => r.id), ...byRoomRegistrations.map((r) => r.key), ...byRoomConnections.map((r) => r.key)])];

    const report: ReportJson = {
      event: {
        id: event.id,
        name: pick(event.name, locale),
        names: event.name,
        timezone: event.timezone,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        status: event.status,
        sides: event.sides,
      },
      locale,
      totals: {
        registered: regTotal.registered,
        approved: regTotal.approved,
        checkedIn: regTotal.checkedIn,
        connectionsRequested: total.requested,
        connectionsMade: total.made,
        connectionsDeclined: total.declined,
        connectionsExpired: total.expired,
        acceptanceRate: share(total.made, total.requested),
        meetingsScheduled: meetings.totals.scheduled,
        meetingsHeld: meetings.totals.held,
        meetingsNoShow: meetings.totals.noShow,
        outcomes: outcomes.byKind.reduce((n, o) => n + o.count, 0),
        connectionsWithHeldMeeting: meetings.totals.connectionsWithHeldMeeting,
        heldMeetingShare: share(meetings.totals.connectionsWithHeldMeeting, total.made),
      },
      bySide: event.sides.map((side) => ({
        ...NO_REGISTRATIONS,
        ...NO_CONNECTIONS,
        ...bySide.find((r) => r.key === side),
        ...connectionsBySide.find((c) => c.key === side),
        key: side,
      })),
      byCountry: byCountry.map((r) => ({ ...r, name: countryName(r.key, locale) })),
      byRegion: byRegion.map((r) => ({ ...r, name: regionName(r.key, locale) ?? r.key })),
      byVenue: byVenue.map((r) => ({ ...r, name: venueName.get(r.key) ?? r.key })),
      byAttendance,
      byRoom: roomKeys.map((key) => ({
        ...NO_REGISTRATIONS,
        ...NO_CONNECTIONS,
        ...byRoomRegistrations.find((r) => r.key === key),
        ...byRoomConnections.find((c) => c.key === key),
        key,
        name: key ? (roomName.get(key) ?? key) : label('noRoom', locale),
      })),
      byChannel,
      byVenuePair: byVenuePair.map((p) => ({ ...p, names: [venueName.get(p.venueA) ?? p.venueA, venueName.get(p.venueB) ?? p.venueB] })),
      bySector: bySector.map((s) => ({ ...s, name: hsName(s.section, locale) ?? s.section })),
      topHsPairs: topHsPairs(tradeCells, TOP_HS_PAIRS).map((p) => ({ ...p, name: hsName(p.chapter, locale) ?? p.chapter })),
      outcomesByKind: outcomes.byKind,
      valueByCurrency: outcomes.valueByCurrency,
      outcomesOverTime: monthly(outcomesByMonth),
      timeline,
      meetingsByMode: meetings.byMode,
      meetingsByVenue: meetings.byVenue.map((r) => ({ ...r, name: r.key === ONLINE ? label('online', locale) : (venueName.get(r.key) ?? r.key) })),
      noShowBySide: meetings.bySide,
    };
    return { report, venues };
  }
}

function monthly(rows: { month: string; kind: string; count: number }[]): ReportJson['outcomesOverTime'] {
  const months = new Map<string, ReportJson['outcomesOverTime'][number]>();
  for (const r of rows) {
    const m = months.get(r.month) ?? { month: r.month, total: 0, byKind: {} };
    m.total += r.count;
    m.byKind[r.kind] = r.count;
    months.set(r.month, m);
  }
  return [...months.values()];
}

/** A localized text in the wanted language, else any it has. */
function pick(text: Localized, locale: Locale): string {
  return text[locale] ?? text.en ?? text.vi ?? text.zh ?? '';
}
