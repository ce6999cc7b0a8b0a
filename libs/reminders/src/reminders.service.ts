import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, Database } from '@tradebridge/core';
import { NewNotification, NotificationWriter, NotificationsRepository } from '@tradebridge/notifications';
import type { MeetingFacts, NotificationFacts } from '@tradebridge/notifications';
import { connectionReminderLeadSeconds, expiryReminderSource, meetingReminderSource } from './due';
import { ExpiringRequestRecipient, MeetingReminderRecipient, RemindersRepository } from './reminders.repository';

/**
 * Writes the reminders that are due: before each meeting at its event's
 * offsets, and once before a pending request expires. One short transaction
 * per batch: the notifications lock first (writers queue there anyway), then
 * the claim, then the notifications and their e-mails. A crash before commit
 * leaves nothing claimed, so the next pass (any process) sends it.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly writer: NotificationWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends every meeting reminder due now; returns how many notifications were written. */
  async sendDueMeetingReminders(batch = 200): Promise<number> {
    let written = 0;
    for (;;) {
      const now = this.clock.now();
      const { claimed, count } = await this.db.transaction(async (tx) => {
        await this.notifications.lockWriters(tx);
        const claims = await this.reminders.claimDueMeetingReminders(tx, now, batch);
        if (!claims.length) return { claimed: 0, count: 0 };
        const recipients = await this.reminders.meetingRecipients(tx, [...new Set(claims.map((c) => c.meetingId))]);
        const byMeeting = new Map<string, MeetingReminderRecipient[]>();
        for (const r of recipients) byMeeting.set(r.meetingId, [...(byMeeting.get(r.meetingId) ?? []), r]);
        const items = claims.flatMap((claim) => (byMeeting.get(claim.meetingId) ?? []).map((r) => meetingReminder(r, claim.minutes)));
        return { claimed: claims.length, count: await this.writer.write(tx, items) };
      });
      written += count;
      if (claimed < batch) return written;
    }
  }

  /** Reminds the receivers of requests about to expire, once each; returns how many notifications were written. */
  async sendExpiringRequestReminders(batch = 200): Promise<number> {
    const lead = connectionReminderLeadSeconds(this.config.connections.ttlSeconds, this.config.reminders.connectionLeadMinutes);
    let written = 0;
    for (;;) {
      const now = this.clock.now();
      const { claimed, count } = await this.db.transaction(async (tx) => {
        await this.notifications.lockWriters(tx);
        const claims = await this.reminders.claimExpiringRequests(tx, now, lead, batch);
        if (!claims.length) return { claimed: 0, count: 0 };
        const recipients = await this.reminders.expiringRecipients(
          tx,
          claims.map((c) => c.connectionId),
        );
        return { claimed: claims.length, count: await this.writer.write(tx, recipients.map(expiringRequest)) };
      });
      written += count;
      if (claimed < batch) return written;
    }
  }
}

function meetingReminder(r: MeetingReminderRecipient, minutes: number): NewNotification {
  const startsAt = new Date(r.startsAt);
  const meeting: MeetingFacts = {
    id: r.meetingId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
    mode: r.mode,
    venueName: r.venueName,
    venueTimezone: r.venueTimezone,
    table: r.tableNo,
    link: r.link,
    status: r.status,
    sequence: r.sequence,
  };
  const data: NotificationFacts & Record<string, unknown> = {
    eventName: r.eventName,
    eventTimezone: r.eventTimezone,
    partnerName: r.partnerName,
    enterpriseName: r.enterpriseName,
    meeting,
    minutesBefore: minutes,
    registrationId: r.registrationId,
    partnerRegistrationId: r.partnerRegistrationId,
  };
  return {
    userId: r.userId,
    kind: 'meeting.reminder',
    eventId: r.eventId,
    source: meetingReminderSource(r.meetingId, minutes, startsAt),
    data,
    // Online: straight into the call; on site: the meetings page with the table.
    link: r.mode === 'online' ? `/meet/${r.meetingId}` : `/events/${r.eventId}/meetings`,
  };
}

function expiringRequest(r: ExpiringRequestRecipient): NewNotification {
  const data: NotificationFacts & Record<string, unknown> = {
    eventName: r.eventName,
    partnerName: r.partnerName,
    enterpriseName: r.enterpriseName,
    expiresAt: new Date(r.expiresAt).toISOString(),
    connectionId: r.connectionId,
    fromRegistrationId: r.fromRegistrationId,
    toRegistrationId: r.toRegistrationId,
  };
  return { userId: r.userId, kind: 'connection.expiring', eventId: r.eventId, source: expiryReminderSource(r.connectionId), data, link: `/events/${r.eventId}/connections` };
}
