import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, Database, EventLogRepository } from '@tradebridge/core';
import type { MeetingAttendance } from '@tradebridge/contracts';
import { AttendanceEvidence, decideAttendance, Side } from './attendance';
import { AttendanceCandidate, AttendanceRepository } from './attendance.repository';
import { MeetingsRepository } from './meetings.repository';
import { toPlain } from './meeting-plain';

/** A minute after the end, what the rules decide is final (a leave in flight has been written). */
const SETTLE_AFTER_MS = 60_000;

/**
 * Attendance that records itself: turns the calls and scans of meetings under way
 * into each party's attendance (libs/meetings/src/attendance.ts has the rules), and
 * the status follows. Every change is a `meeting.updated` log entry; one that finds
 * a party absent names it (`becameAbsent`), so the notifier tells the partner.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly db: Database,
    private readonly repository: AttendanceRepository,
    private readonly meetings: MeetingsRepository,
    private readonly log: EventLogRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One pass over the meetings under way (or of `eventIds` only); returns how many changed. */
  async sweep(eventIds?: string[]): Promise<number> {
    const now = this.clock.now();
    await this.repository.settleDecided(now);
    const candidates = await this.repository.candidates(now, this.config.attendance.noShowMinutes, eventIds);
    let changed = 0;
    const settled: string[] = [];
    for (const c of candidates) {
      const over = now.getTime() >= c.endsAt.getTime() + SETTLE_AFTER_MS;
      if (decideAttendance(this.evidence(c, now), this.config.attendance).changed) {
        if (await this.apply(c.id)) changed++;
      } else if (over) {
        settled.push(c.id);
      }
    }
    await this.repository.settle(settled);
    return changed;
  }

  /**
   * Decides one meeting again under its row lock, and writes the change with its log entry.
   * True when something changed.
   */
  async apply(meetingId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const c = await this.repository.lockCandidate(tx, meetingId, now);
      if (!c || c.status === 'cancelled' || c.statusOverridden || c.settled) return false;
      const decision = decideAttendance(this.evidence(c, now), this.config.attendance);
      if (now.getTime() >= c.endsAt.getTime() + SETTLE_AFTER_MS) await this.repository.settle([c.id], tx);
      if (!decision.changed) return false;
      const [from, to] = decision.attendance;
      await this.meetings.update(tx, c.id, {
        fromAttendance: from,
        toAttendance: to,
        fromAttendanceBy: decision.sources[0],
        toAttendanceBy: decision.sources[1],
        status: decision.status,
      });
      const was: (MeetingAttendance | null)[] = [c.fromAttendance, c.toAttendance];
      const becameAbsent = c.registrationIds.filter((_, side) => decision.attendance[side] === 'absent' && was[side] !== 'absent');
      const meeting = (await this.meetings.find(c.id, tx))!;
      await this.log.append(tx, meeting.eventId, {
        type: 'meeting.updated',
        data: { meeting: toPlain(meeting), automatic: true, previousSequence: meeting.sequence, ...(becameAbsent.length ? { becameAbsent } : {}) },
        actorUserId: null,
        registrationIds: meeting.registrationIds,
      });
      return true;
    });
  }

  private evidence(c: AttendanceCandidate, now: Date): AttendanceEvidence {
    const sideOf = (registrationId: string): Side | undefined => {
      const i = c.registrationIds.indexOf(registrationId);
      return i === 0 || i === 1 ? i : undefined;
    };
    const calls: AttendanceEvidence['calls'] = [];
    for (const call of c.calls) {
      const side = sideOf(call.registrationId);
      if (side !== undefined) calls.push({ side, from: call.from, until: call.until });
    }
    const scans: AttendanceEvidence['scans'] = [];
    for (const scan of c.scans) {
      const side = sideOf(scan.registrationId);
      if (side !== undefined) scans.push({ side, kind: scan.kind, at: scan.at });
    }
    return {
      mode: c.mode,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      now,
      calls,
      scans,
      recorded: [
        { value: c.fromAttendance, source: c.fromAttendanceBy },
        { value: c.toAttendance, source: c.toAttendanceBy },
      ],
    };
  }
}
