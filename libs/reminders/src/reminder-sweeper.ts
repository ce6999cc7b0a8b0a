import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, PeriodicSweep } from '@tradebridge/core';
import { RemindersService } from './reminders.service';

/**
 * Sends due reminders on a timer in every API process. Processes share the work
 * through the notifications lock and the claims; a restart loses nothing, since
 * what is due is read from the meetings and requests themselves, and repeats
 * nothing, since each claim and each notification's (user, source) is written once.
 */
@Injectable()
export class ReminderSweeper extends PeriodicSweep {
  constructor(
    private readonly reminders: RemindersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('ReminderSweeper', { enabled: config.reminders.enabled, everySeconds: config.reminders.sweepSeconds, atStart: true });
  }

  protected async pass(): Promise<string | null> {
    const meetings = await this.reminders.sendDueMeetingReminders();
    const requests = await this.reminders.sendExpiringRequestReminders();
    return meetings + requests ? `sent ${meetings} meeting and ${requests} request-expiring reminders` : null;
  }
}
