import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, PeriodicSweep } from '@tradebridge/core';
import { AttendanceService } from './attendance.service';

/**
 * Applies the attendance rules on a timer in every API process. Processes may
 * sweep at once: each change is decided again under the meeting's row lock, so
 * it is written once. A restart loses nothing: the evidence is in the database.
 */
@Injectable()
export class AttendanceSweeper extends PeriodicSweep {
  constructor(
    private readonly attendance: AttendanceService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('AttendanceSweeper', { enabled: config.attendance.enabled, everySeconds: config.attendance.sweepSeconds, atStart: true });
  }

  protected async pass(): Promise<string | null> {
    const changed = await this.attendance.sweep();
    return changed ? `attendance recorded for ${changed} meeting(s)` : null;
  }
}
