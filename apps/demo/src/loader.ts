import type { EventView, MeView, RegistrationView, RoomAssignmentView, RoomView, StaffView, UserView, VenueView } from '@tradebridge/contracts';
import { ApiClient, inParallel, isCode, Session } from './api-client';
import { DEMO_EVENT, isLiveAt, liveWindow, RoomKey, ROOMS, STAFF, VenueKey, VENUES } from './conference';
import { DemoEnterprise, referenceEnterprises } from './enterprises';

/**
 * Loads the reference conference through the public REST API, in the order
 * real people would: the admin makes an organizer; the organizer creates the
 * event, its venues and rooms and opens registration; each enterprise's
 * representative signs up, fills in the profile and registers; the organizer
 * approves them one by one (there is no bulk approval route), assigns rooms,
 * checks in those on site and takes the event live.
 *
 * Idempotent: a live demo event found again is not reloaded; a load that was
 * interrupted resumes (accounts, profiles and registrations already made are
 * found, not duplicated).
 */
export interface DemoAccounts {
  /** Only needed to grant the organizer role at the first load. */
  admin?: { email: string; password: string };
  organizerPassword: string;
  /** The password of every enterprise representative and moderator. */
  memberPassword: string;
  emailDomain: string;
}

export interface LoadOptions {
  api: ApiClient;
  accounts: DemoAccounts;
  /** The event an earlier run made (from the demo's state file). */
  eventId?: string;
  /** Called as soon as the event exists, so an interrupted load can resume it. */
  onEventCreated?: (eventId: string) => void;
  enterprises?: DemoEnterprise[];
  /** Requests in flight at once while loading (sign-ups hash passwords: ~50 ms of CPU each). */
  concurrency?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface Participant {
  enterprise: DemoEnterprise;
  /** Its representative's login. */
  email: string;
  /** As staff see it: with badge code, room and check-in. */
  registration: RegistrationView;
}

export interface LoadedConference {
  eventId: string;
  /** false when an earlier run had loaded the conference already. */
  loadedNow: boolean;
  venues: Record<VenueKey, VenueView>;
  rooms: Record<RoomKey, RoomView>;
  participants: Participant[];
  organizer: Session;
  /** Representatives' sessions opened while loading, by enterprise key (saves the simulator a login each). */
  sessions: Map<string, Session>;
}

export function emailOf(localPart: string, accounts: Pick<DemoAccounts, 'emailDomain'>): string {
  return `${localPart}@${accounts.emailDomain}`;
}

export async function loadReferenceConference(options: LoadOptions): Promise<LoadedConference> {
  const { api, accounts } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const enterprises = options.enterprises ?? referenceEnterprises();
  const concurrency = options.concurrency ?? 6;

  const organizer = await organizerSession(api, accounts);
  let event = await findDemoEvent(api, organizer, options.eventId);
  const sessions = new Map<string, Session>();
  if (event?.status === 'live') {
    event = await keepLive(api, organizer, event, now());
    return snapshot(api, organizer, event, enterprises, accounts, sessions, false);
  }

  const started = Date.now();
  if (!event) {
    event = await api.post<EventView>('/events', organizer, { ...DEMO_EVENT, sides: [...DEMO_EVENT.sides], ...liveWindow(now()) });
    log(`created the event "${DEMO_EVENT.name.vi}"`);
  } else {
    log(`resuming the load of "${DEMO_EVENT.name.vi}" (${event.status})`);
  }
  options.onEventCreated?.(event.id);
  const eventId = event.id;

  await ensureVenuesAndRooms(api, organizer, eventId);
  if (event.status === 'draft') await api.patch(`/events/${eventId}`, organizer, { status: 'registration_open' });
  await ensureModerators(api, organizer, eventId, accounts);

  // Representatives sign up, describe their company and register, several at a time.
  const venues = byName(await api.all<VenueView>(`/events/${eventId}/venues`, organizer), VENUES);
  let done = 0;
  await inParallel(enterprises, concurrency, async (enterprise) => {
    const session = await api.signUp(emailOf(enterprise.key, accounts), accounts.memberPassword, enterprise.profile.contact.person);
    sessions.set(enterprise.key, session);
    const me = await api.get<MeView>('/me', session);
    const enterpriseId = me.enterprises[0]?.id ?? (await api.post<{ id: string }>('/enterprises', session, enterprise.profile)).id;
    try {
      await api.post(`/events/${eventId}/registrations`, session, { enterpriseId, venueId: venues[enterprise.venue].id, attendance: enterprise.attendance });
    } catch (error) {
      if (!isCode(error, 'ALREADY_REGISTERED')) throw error;
    }
    if (++done % 50 === 0) log(`${done}/${enterprises.length} enterprises signed up and registered`);
  });

  const pending = (await api.all<RegistrationView>(`/events/${eventId}/registrations?status=pending`, organizer)).filter((r) => r.status === 'pending');
  await inParallel(pending, concurrency, async (registration) => {
    try {
      await api.post(`/events/${eventId}/registrations/${registration.id}/approve`, organizer);
    } catch (error) {
      if (!isCode(error, 'ALREADY_DECIDED')) throw error;
    }
  });
  log(`approved ${pending.length} registrations`);

  const placement = await api.post<RoomAssignmentView>(`/events/${eventId}/room-assignments`, organizer, {});
  if (placement.unassigned.length || placement.roomsMissingASide.length) {
    log(`room assignment left ${placement.unassigned.length} without a room; rooms missing a side: ${placement.roomsMissingASide.length}`);
  }

  const keyByName = new Map(enterprises.map((e) => [e.profile.name.en, e]));
  const arriving = (await api.all<RegistrationView>(`/events/${eventId}/registrations?status=approved`, organizer)).filter((r) => {
    const enterprise = keyByName.get(r.enterprise?.name.en ?? '');
    return enterprise?.checksIn === true && r.checkedInAt === null && r.badgeCode !== undefined;
  });
  await inParallel(arriving, concurrency, async (registration) => {
    try {
      await api.post(`/events/${eventId}/check-ins`, organizer, { badgeCode: registration.badgeCode });
    } catch (error) {
      if (!isCode(error, 'ALREADY_CHECKED_IN')) throw error;
    }
  });
  log(`checked in ${arriving.length} enterprises at their venues`);

  event = await api.patch<EventView>(`/events/${eventId}`, organizer, { status: 'live', ...liveWindow(now()) });
  log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s; the event is live`);
  return snapshot(api, organizer, event, enterprises, accounts, sessions, true);
}

/** The organizer's session; at the first load the admin grants the account its platform role. */
async function organizerSession(api: ApiClient, accounts: DemoAccounts): Promise<Session> {
  const email = emailOf(STAFF.organizer.localPart, accounts);
  const session = await api.signUp(email, accounts.organizerPassword, STAFF.organizer.displayName);
  const me = await api.get<MeView>('/me', session);
  if (me.roles.includes('organizer')) return session;
  if (!accounts.admin) {
    throw new Error(`${email} is not an organizer yet, and the demo knows no admin to grant the role: set ADMIN_EMAIL and ADMIN_PASSWORD to an admin's, or start from an empty DATA_DIR`);
  }
  const admin = await api.login(accounts.admin.email, accounts.admin.password);
  await api.patch<UserView>(`/users/${session.userId}`, admin, { roles: ['organizer'] });
  return session;
}

/** The demo event this organizer runs: the one an earlier run recorded, or one of that name. Closed ones are left alone. */
async function findDemoEvent(api: ApiClient, organizer: Session, knownId: string | undefined): Promise<EventView | undefined> {
  const candidates: EventView[] = [];
  if (knownId) {
    try {
      candidates.push(await api.get<EventView>(`/events/${knownId}`, organizer));
    } catch (error) {
      if (!isCode(error, 'NOT_FOUND', 'FORBIDDEN')) throw error;
    }
  }
  if (candidates.length === 0) candidates.push(...(await api.all<EventView>('/events', organizer)).filter((e) => e.name.vi === DEMO_EVENT.name.vi));
  for (const event of candidates) {
    if (event.status === 'closed') continue;
    const staff = await api.all<StaffView>(`/events/${event.id}/staff`, organizer).catch((error: unknown) => {
      if (isCode(error, 'FORBIDDEN', 'NOT_FOUND')) return [];
      throw error;
    });
    if (staff.some((s) => s.userId === organizer.userId)) return event;
  }
  return undefined;
}

/** A demo loaded yesterday is moved to today, so its dashboard is live again. */
async function keepLive(api: ApiClient, organizer: Session, event: EventView, now: Date): Promise<EventView> {
  if (isLiveAt(event, now)) return event;
  return api.patch<EventView>(`/events/${event.id}`, organizer, liveWindow(now));
}

async function ensureVenuesAndRooms(api: ApiClient, organizer: Session, eventId: string): Promise<void> {
  const venues = new Set((await api.all<VenueView>(`/events/${eventId}/venues`, organizer)).map((v) => v.name));
  // One at a time, main venue first: the order venues are listed in.
  for (const venue of Object.values(VENUES)) {
    if (!venues.has(venue.name)) await api.post(`/events/${eventId}/venues`, organizer, venue);
  }
  const rooms = new Set((await api.all<RoomView>(`/events/${eventId}/rooms`, organizer)).map((r) => r.name.vi));
  for (const room of Object.values(ROOMS)) {
    if (!rooms.has(room.name.vi)) await api.post(`/events/${eventId}/rooms`, organizer, room);
  }
}

/** One moderator per room, added as event staff by the organizer and assigned that room (moderators run only their rooms). */
async function ensureModerators(api: ApiClient, organizer: Session, eventId: string, accounts: DemoAccounts): Promise<void> {
  const rooms = await api.all<RoomView>(`/events/${eventId}/rooms`, organizer);
  for (const [key, moderator] of Object.entries(STAFF.moderators) as [RoomKey, (typeof STAFF.moderators)[RoomKey]][]) {
    const email = emailOf(moderator.localPart, accounts);
    const session = await api.signUp(email, accounts.memberPassword, moderator.displayName);
    try {
      await api.post(`/events/${eventId}/staff`, organizer, { email, role: 'moderator' });
    } catch (error) {
      if (!isCode(error, 'ALREADY_STAFF')) throw error;
    }
    const room = rooms.find((r) => r.name.vi === ROOMS[key].name.vi);
    if (room) await api.put(`/events/${eventId}/staff/${session.userId}/rooms`, organizer, { roomIds: [room.id] });
  }
}

async function snapshot(
  api: ApiClient,
  organizer: Session,
  event: EventView,
  enterprises: DemoEnterprise[],
  accounts: DemoAccounts,
  sessions: Map<string, Session>,
  loadedNow: boolean,
): Promise<LoadedConference> {
  const venues = byName(await api.all<VenueView>(`/events/${event.id}/venues`, organizer), VENUES);
  const rooms = await api.all<RoomView>(`/events/${event.id}/rooms`, organizer);
  const roomByKey = Object.fromEntries(
    (Object.keys(ROOMS) as RoomKey[]).map((key) => {
      const room = rooms.find((r) => r.name.vi === ROOMS[key].name.vi);
      if (!room) throw new Error(`the demo event has no room "${ROOMS[key].name.vi}"`);
      return [key, room];
    }),
  ) as Record<RoomKey, RoomView>;
  const byEnglishName = new Map(enterprises.map((e) => [e.profile.name.en, e]));
  const participants: Participant[] = [];
  for (const registration of await api.all<RegistrationView>(`/events/${event.id}/registrations?status=approved`, organizer)) {
    const enterprise = byEnglishName.get(registration.enterprise?.name.en ?? '');
    if (enterprise) participants.push({ enterprise, email: emailOf(enterprise.key, accounts), registration });
  }
  return { eventId: event.id, loadedNow, venues, rooms: roomByKey, participants, organizer, sessions };
}

function byName<K extends string>(venues: VenueView[], wanted: Record<K, { name: string }>): Record<K, VenueView> {
  return Object.fromEntries(
    (Object.keys(wanted) as K[]).map((key) => {
      const venue = venues.find((v) => v.name === wanted[key].name);
      if (!venue) throw new Error(`the demo event has no venue "${wanted[key].name}"`);
      return [key, venue];
    }),
  ) as Record<K, VenueView>;
}
