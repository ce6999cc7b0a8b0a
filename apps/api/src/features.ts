import { EnterprisesModule } from '@tradebridge/enterprises';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { MatchmakingModule } from '@tradebridge/matchmaking';
import { ConnectionExpiry, ConnectionsModule } from '@tradebridge/connections';
import { MeetingsModule } from '@tradebridge/meetings';
import { ReportingModule } from '@tradebridge/reporting';
import { MailModule } from '@tradebridge/mail';
import { PasswordResetModule } from '@tradebridge/accounts';
import { NotificationsModule, Notifier } from '@tradebridge/notifications';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { EventsController } from './events/events.controller';
import { RegistrationsController } from './registrations/registrations.controller';
import { ReferenceController } from './reference/reference.controller';
import { EventLogController } from './event-log/event-log.controller';
import { RecommendationsController } from './matchmaking/recommendations.controller';
import { ConnectionsController } from './connections/connections.controller';
import { MeetingsController } from './meetings/meetings.controller';
import { ReportController } from './reporting/report.controller';
import { CalendarFeedController, MailController } from './mail/mail.controller';
import { NotificationsController } from './notifications/notifications.controller';

/** The domain features the API exposes, each a lib module and its thin controllers. */
export const FEATURE_MODULES = [
  EnterprisesModule,
  EventsModule,
  RegistrationsModule,
  MatchmakingModule,
  ConnectionsModule,
  MeetingsModule,
  ReportingModule,
  MailModule,
  PasswordResetModule,
  NotificationsModule,
];
export const FEATURE_CONTROLLERS = [
  ReferenceController,
  EnterprisesController,
  EventsController,
  RegistrationsController,
  EventLogController,
  RecommendationsController,
  ConnectionsController,
  MeetingsController,
  ReportController,
  MailController,
  CalendarFeedController,
  NotificationsController,
];

/** Background work of API processes only (gateways share the feature modules but not this). */
export const FEATURE_PROVIDERS = [ConnectionExpiry, Notifier];
