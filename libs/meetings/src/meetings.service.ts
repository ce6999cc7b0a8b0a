import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  Clock,
  Database,
  DomainError,
  ErrorCode,
  EventLogRepository,
  isConstraintViolation,
  normalizeBadgeCode,
  normalizeTableCode,
  pgError,
  PG,
} from '@tradebridge/core';
import { EventAccess, EventsRepository, TradeEvent } from '@tradebridge/events';
import { RegistrationsRepository } from '@tradebridge/registrations';
import { ConnectionsRepository } from '@tradebridge/connections';
import type { MeetingAttendance, MeetingStatus, MeetingView, Page, RescheduleView, ScheduleRunView, StandbyView } from '@tradebridge/contracts';
import { MeetingChange, MeetingRecord, MeetingsRepository, NewMeeting } from './meetings.repository';
import { schedule, ScheduleInput } from './schedule';
import { slotGrid, slotsOverlapping, slotsWithin } from './slot-grid';
import { localTime } from './local-time';
import { statusFromAttendance } from './attendance';
import { toPlain } from './meeting-plain';
import { RescheduleRepository } from './reschedule.repository';
import { AttendanceService } from './attendance.service';
import { AttendanceRepository } from './attendance.repository';

/** Badges are scanned at the table from this long before the start (the call's room opens as early). */
const SCAN_OPENS_MINUTES = 10;

export interface ManualBooking {
  connectionId: string;
  startsAt: Date;
  /** Default: one slot of the event's grid. */
  endsAt?: Date;
  /** On-site meetings: a table of the venue (default: the lowest free one). */
  table?: number;
}

export interface MeetingPatch {
  /**
   * `cancelled`: a party or staff cancel a scheduled meeting. `held` / `no_show`:
   * staff override the status; from a party, `held` records its own attendance
   * (`attended`) and `no_show` is refused, since it speaks for the partner.
   */
  status?: 'held' | 'no_show' | 'cancelled';
  /** One party's own attendance; the status follows both parties' records. */
  attendance?: MeetingAttendance;
  /** Whose attendance: default the actor's own party of the meeting. Parties may name only their own; staff either. */
  registrationId?: string;
  /** Staff move a meeting (same length); the database refuses a double booking. */
  startsAt?: Date;
}

/**
 * Meetings of accepted connections: the scheduler over the event's slot grid,
 * manual bookings, status updates and availability. Times are stored in UTC
 * and shown in each viewer's venue time zone.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsRepository,
    private readonly connections: ConnectionsRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly log: EventLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly reschedules: RescheduleRepository,
    private readonly attendance: AttendanceService,
    private readonly attendanceScans: AttendanceRepository,
  ) {}

  /**
   * Schedules every accepted connection that has no meeting yet; meetings
   * already booked stay where they are. `dryRun` reports without writing.
   */
  /** The standby list (organizers): freed meetings, the pairs waiting, and what a run would book now. */
  async standby(actor: Actor, eventId: string): Promise<StandbyView> {
    await this.access.require(actor, eventId, ['organizer']);
    const { freed, pairs } = await this.meetings.standby(eventId, this.clock.now());
    const preview = await this.runSchedule(actor, eventId, true);
    return {
      freed: freed.map((f) => ({ ...f, startsAt: new Date(f.startsAt).toISOString(), endsAt: new Date(f.endsAt).toISOString() })),
      pairs,
      preview,
    };
  }

  async runSchedule(actor: Actor, eventId: string, dryRun: boolean): Promise<ScheduleRunView> {
    await this.access.require(actor, eventId, ['organizer']);
    return this.db.transaction(async (tx) => {
      // Exclusive: one run at a time per event.
      const event = await this.events.lockOpen(tx, eventId, 'exclusive');
      const data = await this.meetings.schedulingData(tx, eventId);
      const slots = slotGrid(event.startsAt, event.endsAt, event.slotMinutes);
      // Parties must learn of a meeting before it starts: no slot already begun, none within the lead time.
      const leadMinutes = this.config.meetings.scheduleLeadMinutes;
      const notBefore = this.clock.now().getTime() + leadMinutes * 60_000;
      const ms = (d: Date) => new Date(d).getTime();
      const windows = new Map<string, { startsAt: number; endsAt: number }[]>();
      for (const w of data.availability) windows.set(w.registrationId, [...(windows.get(w.registrationId) ?? []), { startsAt: ms(w.startsAt), endsAt: ms(w.endsAt) }]);
      const input: ScheduleInput = {
        slots,
        pairs: data.pairs.map((p) => ({ ...p, weight: Number(p.weight) })),
        availability: Object.fromEntries([...windows].map(([id, w]) => [id, slotsWithin(slots, w)])),
        tables: Object.fromEntries(data.tables.map((t) => [t.venueId, t.tables])),
        busy: data.busy.flatMap((b) => slotsOverlapping(slots, { startsAt: ms(b.startsAt), endsAt: ms(b.endsAt) }).map((slot) => ({ registrationId: b.registrationId, slot }))),
        tablesInUse: data.tablesInUse.flatMap((t) =>
          slotsOverlapping(slots, { startsAt: ms(t.startsAt), endsAt: ms(t.endsAt) }).map((slot) => ({ venueId: t.venueId, table: t.tableNo, slot })),
        ),
        notBefore,
      };
      const result = schedule(input);
      if (!dryRun && result.meetings.length) {
        const rows: NewMeeting[] = result.meetings.map((m) => {
          const id = randomUUID();
          return {
            id,
            eventId,
            connectionId: m.connectionId,
            startsAt: new Date(slots[m.slot].startsAt),
            endsAt: new Date(slots[m.slot].endsAt),
            mode: m.venueId ? 'onsite' : 'online',
            venueId: m.venueId,
            tableNo: m.table,
            link: m.venueId ? null : this.meetingLink(id),
            source: 'scheduler',
            createdBy: actor.userId,
            timedAt: this.clock.now(),
          };
        });
        await this.meetings.insert(tx, rows);
        const parties = new Set(data.pairs.filter((p) => rows.some((r) => r.connectionId === p.connectionId)).flatMap((p) => [p.a, p.b]));
        await this.log.append(tx, eventId, {
          type: 'meetings.scheduled',
          data: {
            scheduled: result.achieved,
            unscheduled: result.unscheduled.length,
            upperBound: result.upperBound,
            excludedSlots: result.excludedSlots,
            usableFrom: new Date(notBefore).toISOString(),
            meetingIds: rows.map((r) => r.id),
          },
          actorUserId: actor.userId,
          registrationIds: [...parties],
        });
      }
      const unscheduledReasons: Record<string, number> = {};
      for (const u of result.unscheduled) unscheduledReasons[u.reason] = (unscheduledReasons[u.reason] ?? 0) + 1;
      return {
        scheduled: result.achieved,
        unscheduled: result.unscheduled.length,
        upperBound: result.upperBound,
        ratio: result.ratio,
        applied: !dryRun,
        unscheduledReasons,
        excludedSlots: result.excludedSlots,
        usableFrom: new Date(notBefore).toISOString(),
        leadMinutes,
      };
    });
  }

  /**
   * Staff book one meeting by hand; the database refuses any double booking
   * (409 SLOT_TAKEN). It may not start before now (422 MEETING_IN_PAST; the
   * scheduler's lead time does not apply: staff arranging a meeting at a table
   * tell the parties themselves) and lasts one slot of the event's grid or at
   * least MEETING_MIN_MINUTES (422 MEETING_TOO_SHORT).
   */
  async book(actor: Actor, eventId: string, booking: ManualBooking): Promise<MeetingView> {
    await this.access.require(actor, eventId);
    const id = randomUUID();
    try {
      await retryOnDeadlock(() =>
        this.db.transaction(async (tx) => {
          const event = await this.events.lockOpen(tx, eventId, 'shared');
          const connection = await this.connections.find(booking.connectionId, tx);
          if (!connection || connection.eventId !== eventId) {
            throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'connectionId', message: 'is not a connection of this event' }]);
          }
          if (connection.status !== 'accepted') throw new DomainError(ErrorCode.NOT_ACCEPTED, `Meetings are for accepted connections; this one is ${connection.status}`);
          const startsAt = booking.startsAt;
          const endsAt = booking.endsAt ?? new Date(startsAt.getTime() + event.slotMinutes * 60_000);
          checkWithinEvent(event, startsAt, endsAt);
          this.checkLength(event, startsAt, endsAt);
          this.checkNotPast(startsAt);
          const [a, b] = await Promise.all([this.registrations.find(eventId, connection.fromRegistrationId, tx), this.registrations.find(eventId, connection.toRegistrationId, tx)]);
          const venueId = a && b && a.attendance === 'onsite' && b.attendance === 'onsite' && a.venueId === b.venueId ? a.venueId : null;
          let tableNo: number | null = null;
          if (venueId) {
            const venue = await this.events.findVenue(eventId, venueId, tx);
            const tables = venue?.tables ?? 0;
            if (booking.table !== undefined && (booking.table < 1 || booking.table > tables)) {
              throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'table', message: `must be a table of ${venue?.name ?? 'the venue'} (1 to ${tables})` }]);
            }
            tableNo = booking.table ?? (await this.meetings.freeTable(tx, venueId, tables, startsAt, endsAt));
            if (tableNo === null) throw new DomainError(ErrorCode.SLOT_TAKEN, `Every table at ${venue?.name ?? 'the venue'} is taken at that time`);
          }
          await this.meetings.insert(tx, [
            {
              id,
              eventId,
              connectionId: connection.id,
              startsAt,
              endsAt,
              mode: venueId ? 'onsite' : 'online',
              venueId,
              tableNo,
              link: venueId ? null : this.meetingLink(id),
              source: 'manual',
              createdBy: actor.userId,
              timedAt: this.clock.now(),
            },
          ]);
          const meeting = (await this.meetings.find(id, tx))!;
          await this.appendChange(tx, meeting, 'meeting.scheduled', actor);
        }),
      );
    } catch (error) {
      throw mapBookingViolation(error);
    }
    return this.view(actor, (await this.meetings.find(id))!);
  }

  async list(actor: Actor, eventId: string, filter: { status?: MeetingStatus; registrationId?: string; limit: number; offset: number }): Promise<Page<MeetingView>> {
    if (!(await this.events.findById(eventId))) throw DomainError.notFound('Event', eventId);
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    const { items, total } = await this.meetings.list(eventId, { ...filter, memberUserId: staff ? undefined : actor.userId });
    return { items: await this.views(actor, eventId, items, staff), total };
  }

  /** One meeting, for its parties and staff (the page an online meeting's link opens). */
  async get(actor: Actor, id: string): Promise<MeetingView> {
    const meeting = await this.meetings.find(id);
    if (!meeting) throw DomainError.notFound('Meeting', id);
    const staff = (await this.access.roleOf(actor, meeting.eventId)) !== null;
    const mine = staff ? [] : await this.registrations.idsOfMember(meeting.eventId, actor.userId);
    if (!staff && !meeting.registrationIds.some((r) => mine.includes(r))) throw DomainError.notFound('Meeting', id);
    return (await this.views(actor, meeting.eventId, [meeting], staff))[0];
  }

  /**
   * Each party records its own attendance and the status follows both
   * (statusFromAttendance); once both have attended the meeting is held and
   * only staff change it. Parties and staff cancel a scheduled meeting. Staff
   * may record either party's attendance, set the status outright (an override,
   * in the log), and move a scheduled meeting.
   */
  async update(actor: Actor, id: string, patch: MeetingPatch): Promise<MeetingView> {
    const current = await this.meetings.find(id);
    if (!current) throw DomainError.notFound('Meeting', id);
    const staff = (await this.access.roleOf(actor, current.eventId)) !== null;
    const mine = staff ? [] : (await this.registrations.idsOfMember(current.eventId, actor.userId)).filter((r) => current.registrationIds.includes(r));
    if (!staff && !mine.length) throw DomainError.notFound('Meeting', id);
    if (patch.startsAt && !staff) throw DomainError.forbidden('Only staff move meetings');

    let { status, attendance } = patch;
    if (!staff && status === 'held') {
      // The API's earlier shape: a party marking a meeting held says that it attended.
      if (attendance === 'absent') throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'attendance', message: 'contradicts status held' }]);
      [status, attendance] = [undefined, 'attended'];
    }
    if (!staff && status === 'no_show') {
      throw new DomainError(ErrorCode.NOT_YOUR_ATTENDANCE, 'A party records only its own attendance: send attendance "absent" if your side did not attend; the partner records its own', {
        fields: [{ field: 'status', message: 'no_show is recorded by each party for itself (attendance) or set by staff' }],
      });
    }
    if (status && attendance) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'status', message: 'give either status or attendance, not both' }]);
    if (patch.registrationId && !attendance)
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'registrationId', message: 'names whose attendance is recorded; send attendance with it' }]);
    let side: 0 | 1 | undefined;
    if (attendance) {
      const whose = patch.registrationId ?? (mine.length === 1 ? mine[0] : undefined);
      if (!whose) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'registrationId', message: 'must name the party whose attendance this is' }]);
      const index = current.registrationIds.indexOf(whose);
      if (index < 0) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'registrationId', message: 'is not a party of this meeting' }]);
      if (!staff && !mine.includes(whose)) {
        throw new DomainError(ErrorCode.NOT_YOUR_ATTENDANCE, "A party records only its own attendance; the partner's is theirs to record", {
          fields: [{ field: 'registrationId', message: 'must be your own registration' }],
        });
      }
      side = index as 0 | 1;
    }

    try {
      await this.db.transaction(async (tx) => {
        const event = await this.events.lockOpen(tx, current.eventId, 'shared');
        const meeting = (await this.meetings.lock(tx, id))!;
        const change: MeetingChange = {};
        const refuse = (message: string, field = 'status') => DomainError.invalidFields(ErrorCode.INVALID_STATUS_TRANSITION, [{ field, message }]);
        if (status === 'cancelled') {
          if (meeting.status !== 'scheduled' && meeting.status !== 'cancelled') throw refuse(`cannot go from ${meeting.status} to cancelled`);
          change.status = 'cancelled';
        } else if (status) {
          // Staff override: held or no_show whatever the parties recorded.
          if (meeting.status === 'cancelled') throw refuse(`cannot go from cancelled to ${status}`);
          Object.assign(change, { status, statusOverridden: true });
        }
        if (attendance && side !== undefined) {
          if (meeting.status === 'cancelled') throw refuse('a cancelled meeting takes no attendance', 'attendance');
          if (!staff && meeting.statusOverridden) throw refuse(`staff have set this meeting ${meeting.status}; ask them to change it`, 'attendance');
          if (!staff && meeting.status === 'held' && attendance !== 'attended') throw refuse('both parties recorded that they attended; only staff can change it now', 'attendance');
          const from = side === 0 ? attendance : meeting.fromAttendance;
          const to = side === 1 ? attendance : meeting.toAttendance;
          // Staff recording attendance hand the status back to the parties' records.
          const by = staff ? 'staff' : 'party';
          Object.assign(change, side === 0 ? { fromAttendance: attendance, fromAttendanceBy: by } : { toAttendance: attendance, toAttendanceBy: by }, {
            status: statusFromAttendance(from, to),
            statusOverridden: false,
          });
        }
        if (patch.startsAt) {
          if (meeting.status !== 'scheduled') throw new DomainError(ErrorCode.INVALID_STATUS_TRANSITION, `A ${meeting.status} meeting cannot be moved`);
          const length = new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime();
          Object.assign(change, { startsAt: patch.startsAt, endsAt: new Date(patch.startsAt.getTime() + length), timedAt: this.clock.now() });
          checkWithinEvent(event, change.startsAt!, change.endsAt!);
          this.checkNotPast(patch.startsAt);
        }
        await this.meetings.update(tx, id, change);
        // previousSequence: a reader (the notifier) tells a move or a cancellation (the sequence grew) from an attendance change.
        await this.appendChange(tx, (await this.meetings.find(id, tx))!, 'meeting.updated', actor, {
          ...(status && status !== 'cancelled' ? { override: true } : {}),
          previousSequence: meeting.sequence,
        });
      });
    } catch (error) {
      throw mapBookingViolation(error);
    }
    return this.view(actor, (await this.meetings.find(id))!);
  }

  // ---- on-site check-in ----

  /**
   * At the table, a party scans the partner's badge: both are there, so the meeting is
   * held (the attendance rules decide it at once). Each scan is kept. Only on-site
   * meetings, from 10 minutes before the start to the end.
   */
  /**
   * At the table, at the slot, a party scans either the partner's badge (both are
   * there) or the table's QR code (its own side is there, and it is the right table).
   */
  async scanAtMeeting(actor: Actor, id: string, scanned: { badgeCode?: string; tableCode?: string }): Promise<MeetingView> {
    const { badgeCode, tableCode } = scanned;
    if ((badgeCode === undefined) === (tableCode === undefined)) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'badgeCode', message: "give the partner's badge code or the table's code (tableCode), one of the two" }]);
    }
    const code = badgeCode !== undefined ? normalizeBadgeCode(badgeCode) : normalizeTableCode(tableCode!);
    if (!code) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [
        badgeCode !== undefined ? { field: 'badgeCode', message: 'is not a badge code' } : { field: 'tableCode', message: 'is not a table code' },
      ]);
    }
    const meeting = await this.meetings.find(id);
    if (!meeting) throw DomainError.notFound('Meeting', id);
    const scanner = await this.partyOf(actor, meeting);
    if (meeting.mode !== 'onsite')
      throw new DomainError(ErrorCode.NOT_AN_ONLINE_MEETING, 'An online meeting records itself from its call; badges and table codes are scanned at on-site tables');
    if (meeting.status === 'cancelled') throw DomainError.invalidFields(ErrorCode.INVALID_STATUS_TRANSITION, [{ field: 'status', message: 'a cancelled meeting takes no check-in' }]);
    const now = this.clock.now().getTime();
    const opens = new Date(meeting.startsAt).getTime() - SCAN_OPENS_MINUTES * 60_000;
    if (now < opens || now > new Date(meeting.endsAt).getTime()) {
      throw new DomainError(
        ErrorCode.NOT_MEETING_TIME,
        `Badges and table codes are scanned at the table from ${new Date(opens).toISOString()} to ${new Date(meeting.endsAt).toISOString()}`,
        {
          opensAt: new Date(opens).toISOString(),
          closesAt: new Date(meeting.endsAt).toISOString(),
        },
      );
    }
    await this.db.transaction(async (tx) => {
      if (badgeCode !== undefined) {
        const partner = await this.registrations.findByBadge(tx, meeting.eventId, code);
        const other = meeting.registrationIds.find((r) => r !== scanner);
        if (!partner || partner.id !== other) {
          throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'badgeCode', message: "is not the badge of this meeting's partner" }]);
        }
      } else {
        const table = await this.events.findTableByCode(tx, meeting.eventId, code);
        if (!table) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'tableCode', message: "is not the code of one of this event's tables" }]);
        if (table.venueId !== meeting.venueId || table.tableNo !== meeting.tableNo) {
          throw new DomainError(ErrorCode.WRONG_TABLE, `This is table ${table.tableNo} at ${table.venueName}; the meeting is at table ${meeting.tableNo ?? '?'}`, {
            scannedTable: table.tableNo,
            meetingTable: meeting.tableNo,
          });
        }
      }
      await this.attendanceScans.recordScan(tx, { meetingId: id, registrationId: scanner, kind: badgeCode !== undefined ? 'badge' : 'table', userId: actor.userId, at: this.clock.now() });
    });
    await this.attendance.apply(id);
    return this.view(actor, (await this.meetings.find(id))!);
  }

  // ---- rescheduling ----

  /** The party members of the actor among the meeting's two registrations; staff who are not a party may not propose (they move it: PATCH). */
  private async partyOf(actor: Actor, meeting: MeetingRecord): Promise<string> {
    const mine = (await this.registrations.idsOfMember(meeting.eventId, actor.userId)).filter((r) => meeting.registrationIds.includes(r));
    if (mine.length) return mine[0];
    if ((await this.access.roleOf(actor, meeting.eventId)) !== null) {
      throw new DomainError(ErrorCode.NOT_A_PARTICIPANT, 'Only the two parties propose another time; staff move the meeting (PATCH /api/meetings/:id with startsAt)');
    }
    throw DomainError.notFound('Meeting', meeting.id);
  }

  /** A party proposes another start (same length); the partner answers. One open proposal per meeting. */
  async proposeReschedule(actor: Actor, id: string, startsAt: Date): Promise<RescheduleView> {
    const current = await this.meetings.find(id);
    if (!current) throw DomainError.notFound('Meeting', id);
    const registrationId = await this.partyOf(actor, current);
    try {
      return await this.db.transaction(async (tx) => {
        const event = await this.events.lockOpen(tx, current.eventId, 'shared');
        const meeting = (await this.meetings.lock(tx, id))!;
        checkMovable(meeting);
        const endsAt = new Date(startsAt.getTime() + (new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime()));
        checkWithinEvent(event, startsAt, endsAt);
        this.checkNotPast(startsAt);
        const proposal = await this.reschedules.insert(tx, { id: randomUUID(), meetingId: id, registrationId, userId: actor.userId, startsAt, endsAt });
        await this.appendChange(tx, meeting, 'meeting.reschedule_proposed', actor, { reschedule: proposal });
        return proposal;
      });
    } catch (error) {
      if (isConstraintViolation(error, 'meeting_reschedules_one_open_key')) {
        throw new DomainError(ErrorCode.RESCHEDULE_PENDING, 'This meeting already has a proposal waiting for an answer: withdraw it or wait for the partner');
      }
      throw error;
    }
  }

  /** The meeting's proposals, newest first (its parties and staff). */
  async reschedulesOf(actor: Actor, id: string): Promise<{ items: RescheduleView[] }> {
    const meeting = await this.meetings.find(id);
    if (!meeting) throw DomainError.notFound('Meeting', id);
    const staff = (await this.access.roleOf(actor, meeting.eventId)) !== null;
    if (!staff) await this.partyOf(actor, meeting);
    return { items: await this.reschedules.ofMeeting(this.db.manager, id) };
  }

  /**
   * The partner accepts (the meeting moves: same invitation UID, a higher SEQUENCE; the
   * database refuses a double booking with SLOT_TAKEN) or declines; the proposer may withdraw.
   * A meeting missed (no_show) and moved starts over: scheduled, no attendance recorded.
   */
  async answerReschedule(actor: Actor, id: string, proposalId: string, answer: 'accept' | 'decline' | 'withdraw'): Promise<RescheduleView> {
    const current = await this.meetings.find(id);
    if (!current) throw DomainError.notFound('Meeting', id);
    const registrationId = await this.partyOf(actor, current);
    try {
      return await this.db.transaction(async (tx) => {
        const event = await this.events.lockOpen(tx, current.eventId, 'shared');
        const meeting = (await this.meetings.lock(tx, id))!;
        const proposal = await this.reschedules.lock(tx, id, proposalId);
        if (!proposal) throw DomainError.notFound('Reschedule proposal', proposalId);
        if (proposal.status !== 'proposed') {
          throw DomainError.invalidFields(ErrorCode.INVALID_STATUS_TRANSITION, [{ field: 'status', message: `the proposal is already ${proposal.status}` }]);
        }
        const own = proposal.proposedByRegistrationId === registrationId;
        if (answer === 'withdraw' ? !own : own) {
          throw new DomainError(
            ErrorCode.NOT_YOUR_PROPOSAL,
            answer === 'withdraw' ? 'Only the party that proposed may withdraw it' : 'The partner answers a proposal; you may withdraw your own',
          );
        }
        const status = answer === 'accept' ? 'accepted' : answer === 'decline' ? 'declined' : 'withdrawn';
        const answered = await this.reschedules.respond(tx, proposalId, status, actor.userId);
        if (answer !== 'accept') {
          await this.appendChange(tx, meeting, `meeting.reschedule_${status}`, actor, { reschedule: answered });
          return answered;
        }
        checkMovable(meeting);
        const startsAt = new Date(proposal.startsAt);
        const endsAt = new Date(proposal.endsAt);
        checkWithinEvent(event, startsAt, endsAt);
        this.checkNotPast(startsAt);
        await this.meetings.update(tx, id, {
          startsAt,
          endsAt,
          timedAt: this.clock.now(),
          status: 'scheduled',
          statusOverridden: false,
          fromAttendance: null,
          toAttendance: null,
          fromAttendanceBy: null,
          toAttendanceBy: null,
          attendanceSettled: false,
        });
        await this.appendChange(tx, (await this.meetings.find(id, tx))!, 'meeting.updated', actor, { previousSequence: meeting.sequence, reschedule: answered });
        return answered;
      });
    } catch (error) {
      throw mapBookingViolation(error);
    }
  }

  // ---- availability ----
  async setAvailability(actor: Actor, eventId: string, registrationId: string, windows: { startsAt: Date; endsAt: Date }[]): Promise<{ items: { startsAt: string; endsAt: string }[] }> {
    await this.requireOwnOrStaff(actor, eventId, registrationId);
    const event = await this.events.findById(eventId);
    windows.forEach((w, i) => {
      if (w.endsAt <= w.startsAt) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: `windows[${i}].endsAt`, message: 'must be after startsAt' }]);
      if (event && (w.startsAt < event.startsAt || w.endsAt > event.endsAt)) {
        throw DomainError.invalidFields(ErrorCode.OUTSIDE_EVENT, [{ field: `windows[${i}]`, message: 'must lie within the event' }]);
      }
    });
    try {
      await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'shared');
        await this.meetings.replaceAvailability(tx, registrationId, windows);
        await this.log.append(tx, eventId, {
          type: 'registration.availability_set',
          data: { registrationId, windows: windows.map((w) => ({ startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString() })) },
          actorUserId: actor.userId,
          registrationIds: [registrationId],
        });
      });
    } catch (error) {
      if (isConstraintViolation(error, 'registration_availability_no_overlap')) {
        throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'windows', message: 'must not overlap each other' }]);
      }
      throw error;
    }
    return this.getAvailability(actor, eventId, registrationId);
  }

  async getAvailability(actor: Actor, eventId: string, registrationId: string): Promise<{ items: { startsAt: string; endsAt: string }[] }> {
    await this.requireOwnOrStaff(actor, eventId, registrationId);
    const windows = await this.meetings.availability(registrationId);
    return { items: windows.map((w) => ({ startsAt: new Date(w.startsAt).toISOString(), endsAt: new Date(w.endsAt).toISOString() })) };
  }

  private async requireOwnOrStaff(actor: Actor, eventId: string, registrationId: string): Promise<void> {
    const registration = await this.registrations.find(eventId, registrationId);
    if (!registration) throw DomainError.notFound('Registration', registrationId);
    if ((await this.access.roleOf(actor, eventId)) !== null) return;
    if (!(await this.registrations.isMember(registration.enterpriseId, actor.userId))) throw DomainError.notFound('Registration', registrationId);
  }

  private meetingLink(id: string): string {
    return `${this.config.publicUrl}/meet/${id}`;
  }

  /** A booking or a move may not start before now. */
  private checkNotPast(startsAt: Date): void {
    const now = this.clock.now();
    if (startsAt < now) {
      throw DomainError.invalidFields(ErrorCode.MEETING_IN_PAST, [{ field: 'startsAt', message: `must not be before now (${now.toISOString()})` }]);
    }
  }

  /** One slot of the event's grid, or at least MEETING_MIN_MINUTES. */
  private checkLength(event: TradeEvent, startsAt: Date, endsAt: Date): void {
    const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
    const min = this.config.meetings.minMinutes;
    if (minutes !== event.slotMinutes && minutes < min) {
      throw DomainError.invalidFields(ErrorCode.MEETING_TOO_SHORT, [
        { field: 'endsAt', message: `must make the meeting one slot (${event.slotMinutes} minutes) or at least ${min} minutes long` },
      ]);
    }
  }

  private async appendChange(tx: EntityManager, meeting: MeetingRecord, type: string, actor: Actor, extra: Record<string, unknown> = {}): Promise<void> {
    await this.log.append(tx, meeting.eventId, {
      type,
      data: { meeting: { ...toPlain(meeting) }, ...extra },
      actorUserId: actor.userId,
      registrationIds: meeting.registrationIds,
    });
  }

  private async view(actor: Actor, meeting: MeetingRecord): Promise<MeetingView> {
    const staff = (await this.access.roleOf(actor, meeting.eventId)) !== null;
    return (await this.views(actor, meeting.eventId, [meeting], staff))[0];
  }

  /** Times in the viewer's venue time zone (the event's for staff) and the partner's. */
  private async views(actor: Actor, eventId: string, meetings: MeetingRecord[], staff: boolean): Promise<MeetingView[]> {
    if (!meetings.length) return [];
    const event = (await this.events.findById(eventId))!;
    const mine = new Set(await this.registrations.idsOfMember(eventId, actor.userId));
    const zones = await this.meetings.venueZones([...new Set(meetings.flatMap((m) => m.registrationIds))]);
    return meetings.map((m) => {
      const startsAt = new Date(m.startsAt);
      const endsAt = new Date(m.endsAt);
      const own = m.registrationIds.find((r) => mine.has(r));
      const partner = own ? m.registrationIds.find((r) => r !== own) : undefined;
      const zone = !staff && own ? (zones.get(own) ?? event.timezone) : event.timezone;
      return {
        ...toPlain(m),
        local: localTime(startsAt, endsAt, zone),
        ...(partner ? { partnerLocal: localTime(startsAt, endsAt, zones.get(partner) ?? event.timezone) } : {}),
      };
    });
  }
}

/** Only a scheduled or missed meeting moves to another time. */
function checkMovable(meeting: MeetingRecord): void {
  if (meeting.status === 'held' || meeting.status === 'cancelled') {
    throw DomainError.invalidFields(ErrorCode.INVALID_STATUS_TRANSITION, [{ field: 'status', message: `a ${meeting.status} meeting cannot be moved` }]);
  }
}

function checkWithinEvent(event: TradeEvent, startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'endsAt', message: 'must be after startsAt' }]);
  if (startsAt < event.startsAt || endsAt > event.endsAt) {
    throw DomainError.invalidFields(ErrorCode.OUTSIDE_EVENT, [
      { field: 'startsAt', message: `must lie within the event (${event.startsAt.toISOString()} to ${event.endsAt.toISOString()})` },
    ]);
  }
}

/** The exclusion constraints, in the contract's words. */
function mapBookingViolation(error: unknown): unknown {
  const driver = pgError(error);
  if (driver?.code === PG.EXCLUSION_VIOLATION) {
    const what = driver.constraint === 'meetings_table_no_overlap' ? 'That table is already taken at that time' : 'One of the two enterprises already has a meeting at that time';
    return new DomainError(ErrorCode.SLOT_TAKEN, what, { constraint: driver.constraint });
  }
  if (isConstraintViolation(error, 'meetings_one_live_per_connection_key')) {
    return new DomainError(ErrorCode.CONFLICT, 'This connection already has a meeting; cancel it before booking another');
  }
  return error;
}

/**
 * Runs a booking again when PostgreSQL chose it as a deadlock's victim: concurrent
 * inserts that conflict on two exclusion constraints (both parties' participant rows)
 * can each wait on the other's uncommitted row. Run again, the other has committed
 * and the constraint refuses this one plainly (409 SLOT_TAKEN), or it goes through.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (code !== '40P01' || attempt >= attempts) throw error;
    }
  }
}
