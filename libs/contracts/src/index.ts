/**
 * Request/response and socket payload types shared by the API, the gateway, the
 * web app and the tests. Field names are the public contract of SPEC.md.
 */

export const LOCALES = ['vi', 'zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** A text in up to three languages; at least one present. */
export type Localized = Partial<Record<Locale, string>>;

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: FieldProblemBody[] } & Record<string, unknown>;
}

/** One bad field: `message` in English; `rule` (`required`, `maxLength`, …) with `limit`/`values` to say it in another language. */
export interface FieldProblemBody {
  field: string;
  message: string;
  rule?: string;
  limit?: number;
  values?: (string | number)[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- accounts -----------------------------------------------------------
export const PLATFORM_ROLES = ['admin', 'organizer'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: PlatformRole[];
  createdAt: string;
}
export interface MeView extends UserView {
  locale: Locale;
  /** IANA zone. */
  timezone: string;
  /** Notification kinds not sent by e-mail. */
  emailMuted: NotificationKind[];
  enterprises: { id: string; name: Localized }[];
  staffOf: { eventId: string; role: StaffRole }[];
}
export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
}

// ---- reference ----------------------------------------------------------
export const HS_LEVELS = ['section', 'chapter', 'heading', 'subheading'] as const;
export type HsLevel = (typeof HS_LEVELS)[number];
export interface HsEntryView {
  code: string;
  level: HsLevel;
  name: string;
  names: Localized;
  parent: string | null;
}
export interface RegionView {
  code: string;
  country: string;
  name: string;
  names: Localized;
  aliases: { code: string; names: Localized }[];
}

// ---- enterprises --------------------------------------------------------
export interface ProductLine {
  hsCode: string;
  description: string;
}
export const CERTIFICATION_KINDS = ['ocop', 'growing_area_code', 'packing_facility_code', 'gacc_registration', 'iso', 'haccp', 'halal', 'other'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
export interface Certification {
  kind: CertificationKind;
  code?: string;
  stars?: number;
}
export interface Contact {
  email: string;
  phone: string;
  person: string;
}
export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export interface EnterpriseView {
  id: string;
  name: Localized;
  country: string;
  region: string;
  sectors: string[];
  offers: ProductLine[];
  needs: ProductLine[];
  certifications: Certification[];
  /** ISO 639-1 languages it works in. */
  languages: string[];
  website?: string;
  size?: EnterpriseSize;
  description?: Localized;
  /** Present only for those allowed to see it. */
  contact?: Contact;
  createdAt: string;
  updatedAt: string;
}

// ---- events -------------------------------------------------------------
/** In the order an event goes through them. */
export const EVENT_STATUSES = ['draft', 'registration_open', 'live', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const STAFF_ROLES = ['organizer', 'moderator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export interface EventView {
  id: string;
  name: Localized;
  timezone: string;
  startsAt: string;
  endsAt: string;
  sides: [string, string];
  status: EventStatus;
  slotMinutes: number;
  /** Registration stays open while the event is live (walk-ins); otherwise it closes when the event goes live. */
  walkInRegistration: boolean;
  /** Minutes before each meeting its parties are reminded, in-app and by e-mail (default [1440, 15]). */
  reminderMinutes: number[];
  closedAt: string | null;
  createdAt: string;
}
/**
 * Whether enterprises may register: while registration is open, and while the
 * event is live if its organizers take walk-ins (`walkInRegistration`).
 */
export function registrationOpen(event: Pick<EventView, 'status' | 'walkInRegistration'>): boolean {
  return event.status === 'registration_open' || (event.status === 'live' && event.walkInRegistration);
}
export const VENUE_KINDS = ['main', 'satellite', 'online'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export interface VenueView {
  id: string;
  name: string;
  city: string;
  country: string;
  timezone: string;
  kind: VenueKind;
  capacity: number;
  tables: number;
}
/** A venue's meeting tables and the code each one's QR sign carries (staff). */
export interface VenueTablesView {
  venue: VenueView;
  tables: { tableNo: number; code: string }[];
}
export const ROOM_STATUSES = ['scheduled', 'live', 'closed'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export interface RoomView {
  id: string;
  name: Localized;
  sectorCodes: string[];
  capacity: number;
  status: RoomStatus;
}
export interface StaffView {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  createdAt: string;
  /** The rooms a moderator runs (empty for organizers, who run every room). */
  roomIds: string[];
}

// ---- registrations ------------------------------------------------------
export const ATTENDANCES = ['onsite', 'online'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export interface RegistrationView {
  id: string;
  eventId: string;
  enterpriseId: string;
  enterprise?: { id: string; name: Localized; country: string; region: string };
  venueId: string;
  attendance: Attendance;
  side: string;
  status: RegistrationStatus;
  roomId: string | null;
  /** Only for the registration's own members and the event's staff. */
  badgeCode?: string;
  checkedInAt: string | null;
  createdAt: string;
}
export interface RoomAssignmentView {
  applied: boolean;
  assignments: { registrationId: string; roomId: string; overlap: number; kept: boolean }[];
  unassigned: { registrationId: string; reason: string; message: string }[];
  roomsMissingASide: { roomId: string; missingSide: string }[];
}

// ---- event log ----------------------------------------------------------
export interface LogEntryView {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  actorUserId: string | null;
  createdAt: string;
}

export interface HealthView {
  status: 'ok' | 'degraded' | 'draining';
  service: 'api' | 'gateway';
  checks: { database: 'up' | 'down'; redis: 'up' | 'down' | 'not_configured' };
  uptimeSeconds: number;
}

// ---- matchmaking --------------------------------------------------------
export interface RecommendationView {
  registrationId: string;
  enterprise: { id: string; name: Localized; country: string; region: string; offers: ProductLine[]; needs: ProductLine[] };
  score: number;
  reasons: string[];
}

export const CONNECTION_STATUSES = ['requested', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export const CONNECTION_CHANNELS = ['online', 'qr', 'recorded'] as const;
export type ConnectionChannel = (typeof CONNECTION_CHANNELS)[number];
export interface ConnectionView {
  id: string;
  eventId: string;
  fromRegistrationId: string;
  toRegistrationId: string;
  status: ConnectionStatus;
  channel: ConnectionChannel;
  roomId: string | null;
  message: string | null;
  score: number;
  createdAt: string;
  expiresAt: string | null;
  respondedAt: string | null;
}

/** The other end of one of a registration's connections: whom a member is dealing with. */
export interface PartnerView {
  registrationId: string;
  side: string;
  venueId: string;
  attendance: Attendance;
  roomId: string | null;
  enterprise: { id: string; name: Localized; country: string; region: string };
}

export const MEETING_STATUSES = ['scheduled', 'held', 'no_show', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_MODES = ['onsite', 'online'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];
/** What one party recorded for itself: it came to the meeting, or it did not. */
export const MEETING_ATTENDANCES = ['attended', 'absent'] as const;
export type MeetingAttendance = (typeof MEETING_ATTENDANCES)[number];
export interface LocalTime {
  timezone: string;
  startsAt: string;
  endsAt: string;
}
export interface MeetingView {
  id: string;
  eventId: string;
  connectionId: string;
  registrationIds: [string, string];
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venueId: string | null;
  table: number | null;
  link: string | null;
  /** Follows both parties' attendance (both attended → held, either absent → no_show) unless staff set it. */
  status: MeetingStatus;
  /** Each party's own record, in the order of `registrationIds` (null: not recorded yet). */
  attendance: [MeetingAttendance | null, MeetingAttendance | null];
  /** Staff set the status explicitly; it no longer follows the parties' attendance. */
  statusOverridden: boolean;
  /** The iCalendar SEQUENCE of the meeting's invitation: grows with each change of time, place or status cancelled. */
  sequence: number;
  /** In the viewer's venue time zone (the event's for staff). */
  local: LocalTime;
  /** In the partner's venue time zone (for a party of the meeting). */
  partnerLocal?: LocalTime;
}
/**
 * After a no-show or a cancellation: the meetings whose slot is freed (still under
 * way or ahead), and the accepted pairs still waiting for a meeting, whom a
 * scheduler run (`POST /api/events/:id/schedule`) books into the remaining slots.
 */
/** A party's proposal to move a meeting; the partner accepts (the meeting moves) or declines. */
export interface RescheduleView {
  id: string;
  meetingId: string;
  proposedByRegistrationId: string;
  startsAt: string;
  endsAt: string;
  status: 'proposed' | 'accepted' | 'declined' | 'withdrawn' | 'superseded';
  createdAt: string;
  respondedAt: string | null;
}

export interface StandbyView {
  freed: { meetingId: string; status: 'no_show' | 'cancelled'; startsAt: string; endsAt: string; registrationIds: [string, string]; names: [Localized, Localized] }[];
  pairs: { connectionId: string; registrationIds: [string, string]; names: [Localized, Localized] }[];
  /** What a run would book now (a dry run). */
  preview: ScheduleRunView;
}

export interface ScheduleRunView {
  scheduled: number;
  unscheduled: number;
  upperBound: number;
  ratio: number;
  applied: boolean;
  unscheduledReasons: Record<string, number>;
  /** Slots of the event's grid left out because they start before `usableFrom` (already past, or within the lead time). */
  excludedSlots: number;
  /** Now plus the lead time: the earliest start this run uses (ISO 8601, UTC). */
  usableFrom: string;
  /** SCHEDULE_LEAD_MINUTES. */
  leadMinutes: number;
}

export const OUTCOME_KINDS = ['follow_up', 'mou_signed', 'contract_signed', 'order_placed'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export interface OutcomeView {
  id: string;
  connectionId: string;
  kind: OutcomeKind;
  value?: { amount: string; currency: string };
  note?: string;
  recordedBy: string;
  recordedAt: string;
  supersedesId: string | null;
  /** false once a correction replaced it (kept for history). */
  current: boolean;
}

// ---- results report ----

/** Registrations counted along one dimension of the report. */
export interface RegistrationCounts {
  key: string;
  registered: number;
  approved: number;
  checkedIn: number;
}

/** Connections counted along one dimension of the report. */
export interface ConnectionCounts {
  key: string;
  requested: number;
  made: number;
  declined: number;
  expired: number;
}

/** Meetings counted along one dimension of the report; `scheduled` is every one booked and not cancelled. */
export interface MeetingCounts {
  key: string;
  scheduled: number;
  held: number;
  noShow: number;
  cancelled: number;
}

/** One side's no-shows: of its parties' meetings that are due (not cancelled, over or decided), those it missed. */
export interface NoShowCounts {
  side: string;
  due: number;
  absent: number;
  /** absent / due (0 with none due) */
  rate: number;
}

type Named<T> = T & { name: string };

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The results report of an event as JSON (`GET /api/events/:id/report`), in one locale. */
export interface ReportView {
  event: { id: string; name: string; names: Localized; timezone: string; startsAt: string; endsAt: string; status: string; sides: [string, string] };
  locale: Locale;
  totals: {
    registered: number;
    approved: number;
    checkedIn: number;
    connectionsRequested: number;
    connectionsMade: number;
    connectionsDeclined: number;
    connectionsExpired: number;
    /** made / requested (0 with none requested) */
    acceptanceRate: number;
    meetingsScheduled: number;
    meetingsHeld: number;
    meetingsNoShow: number;
    outcomes: number;
    /** Accepted connections with a held meeting. */
    connectionsWithHeldMeeting: number;
    /** connectionsWithHeldMeeting / connectionsMade (0 with none made) */
    heldMeetingShare: number;
  };
  bySide: (RegistrationCounts & ConnectionCounts)[];
  byCountry: Named<RegistrationCounts>[];
  byRegion: Named<RegistrationCounts>[];
  byVenue: Named<RegistrationCounts>[];
  byAttendance: RegistrationCounts[];
  byRoom: Named<RegistrationCounts & ConnectionCounts>[];
  byChannel: ConnectionCounts[];
  byVenuePair: { venueA: string; venueB: string; names: [string, string]; made: number }[];
  bySector: { section: string; name: string; made: number }[];
  /** The goods connected most: an HS chapter one side's party offers matched with the other's need, seller → buyer. */
  topHsPairs: { chapter: string; name: string; sellerSide: string; buyerSide: string; made: number }[];
  outcomesByKind: { kind: string; count: number }[];
  valueByCurrency: { currency: string; amount: string; count: number }[];
  /** Outcomes recorded per month (UTC) since the event, by kind: the follow-up months later. */
  outcomesOverTime: { month: string; total: number; byKind: Record<string, number> }[];
  timeline: { at: string; made: number }[];
  /** Meetings by mode: `onsite` and `online`, both always listed. */
  meetingsByMode: MeetingCounts[];
  /** Meetings where they take place: a venue (by id) for on-site ones, one row keyed `online` for the online ones. Only places with meetings. */
  meetingsByVenue: Named<MeetingCounts>[];
  /** Per side of the event (both, in the event's order): how often its parties missed a meeting that was due. */
  noShowBySide: NoShowCounts[];
}

// The /live socket protocol (its own file, so REST and socket contracts change apart).
export * from './live';
// The current slot's attendance per venue (organizer dashboard).
export * from './attendance-now';
export * from './directory';

// ---- notifications --------------------------------------------------------
/** What a notification is about; each kind can be muted for e-mail (`emailMuted`), none for the app. */
export const NOTIFICATION_KINDS = [
  'connection.requested',
  'connection.accepted',
  'connection.declined',
  'connection.withdrawn',
  'connection.expired',
  'connection.expiring',
  'meeting.booked',
  'meeting.moved',
  'meeting.cancelled',
  'meeting.reminder',
  'meeting.no_show',
  'meeting.reschedule_proposed',
  'registration.approved',
  'registration.rejected',
  'registration.room_assigned',
  'outcome.recorded',
  'announcement',
  'message.received',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export interface NotificationView {
  id: number;
  kind: NotificationKind;
  eventId: string | null;
  /** Rendered in the reader's language and time zone. */
  title: string;
  body: string;
  /** A path in the web app: the thing the notification is about. */
  link: string;
  /** The facts it was rendered from (ids, names, times), for clients that render themselves. */
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

// ---- announcements ----------------------------------------------------------
/** An organizers' message to the participants of an event, or of one venue, room or side. */
export interface AnnouncementView {
  id: string;
  eventId: string;
  /** As written: at least one of vi, zh, en. Each reader gets theirs, else en, vi, zh. */
  text: Localized;
  /** All null: every approved participant. */
  audience: { venueId: string | null; roomId: string | null; side: string | null };
  /** Approved registrations in the audience when it was sent. */
  registrations: number;
  /** Distinct members of those registrations' enterprises. */
  recipients: number;
  createdBy: string;
  createdAt: string;
}

// ---- e-mail, calendar feed, password reset ----------------------------------
/** A message of the built-in mailbox (no SMTP_URL): what would have been sent. */
export interface MailboxMessageView {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  kind: string;
  createdAt: string;
}
export interface MailboxMessageDetailView extends MailboxMessageView {
  /** The whole RFC 822 message as nodemailer would have sent it. */
  raw: string;
  text: string;
  html: string;
}
/** The personal calendar feed's URL, answered once when it is created (only its hash is kept). */
export interface CalendarFeedCreatedView {
  url: string;
  webcalUrl: string;
}
export interface CalendarFeedStatusView {
  active: boolean;
  createdAt: string | null;
}
export interface UnsubscribedView {
  kind: string;
  emailMuted: string[];
}

// ---- conversations --------------------------------------------------------
/** A phrase of the trade phrasebook, in the three languages. */
export interface PhraseView {
  key: string;
  category: string;
  text: Record<Locale, string>;
}
export interface PhrasebookView {
  categories: { key: string; name: Record<Locale, string> }[];
  items: PhraseView[];
}
/** One message of a connection's thread, as its parties read it. */
export interface ConversationMessageView {
  id: number;
  connectionId: string;
  fromRegistrationId: string;
  /** Written by the reader's own enterprise. */
  mine: boolean;
  senderName: string;
  /** A phrasebook message: its key and its text in each language (the reader picks theirs); else null. */
  phraseKey: string | null;
  phrase: Record<Locale, string> | null;
  /** A free-text message as written; null for a phrase. */
  text: string | null;
  createdAt: string;
  /** A party reported it to the organizers. */
  reported: boolean;
}
/** A thread at a glance: for a party its unread count, for staff only that messages exist. */
export interface ThreadSummaryView {
  connectionId: string;
  messages: number;
  /** Messages from the other party after the reader's last read (0 for staff). */
  unread: number;
  lastMessageAt: string | null;
  reported: number;
}
/** A reported message, for the organizers: the only message content staff read. */
export interface ReportedMessageView {
  id: number;
  connectionId: string;
  fromRegistrationId: string;
  senderName: string;
  phraseKey: string | null;
  text: string | null;
  createdAt: string;
  reportedAt: string;
  reason: string | null;
}
