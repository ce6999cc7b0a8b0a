import type {
  Attendance,
  Certification,
  ConnectionView,
  Contact,
  EnterpriseSize,
  EnterpriseView,
  EventStatus,
  EventView,
  HsEntryView,
  LoginResponse,
  Locale,
  Localized,
  MeetingAttendance,
  MeetingView,
  MeView,
  OutcomeKind,
  OutcomeView,
  Page,
  PartnerView,
  ProductLine,
  RecommendationView,
  RegionView,
  RegistrationStatus,
  RegistrationView,
  RoomAssignmentView,
  RoomView,
  ScheduleRunView,
  StaffRole,
  StaffView,
  UserView,
  VenueView,
} from '@tradebridge/contracts';
import { download, query, request } from './client';
import type { EventInput, ReportFormat, ReportView, RoomInput, VenueInput } from './types';

/** Every REST call the web app makes, typed with the shared contracts. */

export interface EnterpriseInput {
  name: Localized;
  country: string;
  region: string;
  sectors?: string[];
  offers: ProductLine[];
  needs: ProductLine[];
  certifications?: Certification[];
  languages?: string[];
  website?: string;
  size?: EnterpriseSize;
  description?: Localized;
  contact?: Contact;
}

const all = 200;

export const auth = {
  register: (body: { email: string; password: string; displayName: string }) => request<UserView>('POST', '/auth/register', body),
  login: (body: { email: string; password: string }) => request<LoginResponse>('POST', '/auth/login', body),
  me: () => request<MeView>('GET', '/me'),
};

export const reference = {
  hs: (params: { q?: string; locale: Locale; level?: string; limit?: number }) => request<Page<HsEntryView>>('GET', `/reference/hs${query(params)}`),
  regions: (country: string, locale: Locale) => request<Page<RegionView>>('GET', `/reference/regions${query({ country, locale, limit: 200 })}`),
};

export const enterprises = {
  get: (id: string) => request<EnterpriseView>('GET', `/enterprises/${id}`),
  create: (body: EnterpriseInput) => request<EnterpriseView>('POST', '/enterprises', body),
  update: (id: string, body: Partial<EnterpriseInput>) => request<EnterpriseView>('PATCH', `/enterprises/${id}`, body),
};

export const events = {
  list: (status?: EventStatus) => request<Page<EventView>>('GET', `/events${query({ status, limit: all })}`),
  get: (id: string) => request<EventView>('GET', `/events/${id}`),
  create: (body: EventInput) => request<EventView>('POST', '/events', body),
  update: (id: string, body: Partial<EventInput> & { status?: EventStatus }) => request<EventView>('PATCH', `/events/${id}`, body),
  venues: (id: string) => request<Page<VenueView>>('GET', `/events/${id}/venues${query({ limit: all })}`),
  addVenue: (id: string, body: VenueInput) => request<VenueView>('POST', `/events/${id}/venues`, body),
  rooms: (id: string) => request<Page<RoomView>>('GET', `/events/${id}/rooms${query({ limit: all })}`),
  addRoom: (id: string, body: RoomInput) => request<RoomView>('POST', `/events/${id}/rooms`, body),
  staff: (id: string) => request<Page<StaffView>>('GET', `/events/${id}/staff${query({ limit: all })}`),
  addStaff: (id: string, body: { email: string; role: StaffRole }) => request<StaffView>('POST', `/events/${id}/staff`, body),
};

export const registrations = {
  list: (eventId: string, params: { status?: RegistrationStatus; limit?: number; offset?: number } = {}) =>
    request<Page<RegistrationView>>('GET', `/events/${eventId}/registrations${query({ limit: all, ...params })}`),
  /** Every registration a staff member may see, page by page (a page holds at most 200; the reference conference has 238). */
  listAll: async (eventId: string, params: { status?: RegistrationStatus } = {}): Promise<Page<RegistrationView>> => {
    const items: RegistrationView[] = [];
    for (;;) {
      const page = await request<Page<RegistrationView>>('GET', `/events/${eventId}/registrations${query({ limit: all, offset: items.length, ...params })}`);
      items.push(...page.items);
      if (!page.items.length || items.length >= page.total) return { items, total: page.total };
    }
  },
  create: (eventId: string, body: { enterpriseId: string; venueId: string; attendance: Attendance }) =>
    request<RegistrationView>('POST', `/events/${eventId}/registrations`, body),
  approve: (eventId: string, id: string) => request<RegistrationView>('POST', `/events/${eventId}/registrations/${id}/approve`),
  reject: (eventId: string, id: string) => request<RegistrationView>('POST', `/events/${eventId}/registrations/${id}/reject`, {}),
  placeInRoom: (eventId: string, id: string, roomId: string | null) => request<RegistrationView>('PATCH', `/events/${eventId}/registrations/${id}`, { roomId }),
  assignRooms: (eventId: string, dryRun: boolean) => request<RoomAssignmentView>('POST', `/events/${eventId}/room-assignments`, { dryRun }),
  checkIn: (eventId: string, badgeCode: string) => request<RegistrationView>('POST', `/events/${eventId}/check-ins`, { badgeCode }),
  partners: (eventId: string, id: string) => request<Page<PartnerView>>('GET', `/events/${eventId}/registrations/${id}/partners`),
};

export const matchmaking = {
  recommendations: (eventId: string, registrationId: string, locale: Locale) =>
    request<Page<RecommendationView>>('GET', `/events/${eventId}/recommendations${query({ registrationId, locale, limit: 20 })}`),
};

export const connections = {
  list: (eventId: string, params: { registrationId?: string; status?: string; limit?: number } = {}) =>
    request<Page<ConnectionView>>('GET', `/events/${eventId}/connections${query({ limit: all, ...params })}`),
  accept: (id: string) => request<ConnectionView>('POST', `/connections/${id}/accept`),
  decline: (id: string) => request<ConnectionView>('POST', `/connections/${id}/decline`),
  withdraw: (id: string) => request<ConnectionView>('POST', `/connections/${id}/withdraw`),
  scan: (eventId: string, body: { fromRegistrationId: string; badgeCode: string }) => request<ConnectionView>('POST', `/events/${eventId}/connections/scan`, body),
  outcomes: (id: string) => request<Page<OutcomeView>>('GET', `/connections/${id}/outcomes`),
  recordOutcome: (id: string, body: { kind: OutcomeKind; value?: { amount: string; currency: string }; note?: string }) =>
    request<OutcomeView>('POST', `/connections/${id}/outcomes`, body),
};

export const meetings = {
  list: (eventId: string, params: { registrationId?: string } = {}) => request<Page<MeetingView>>('GET', `/events/${eventId}/meetings${query({ limit: all, ...params })}`),
  get: (id: string) => request<MeetingView>('GET', `/meetings/${id}`),
  setStatus: (id: string, status: 'held' | 'no_show' | 'cancelled') => request<MeetingView>('PATCH', `/meetings/${id}`, { status }),
  /** The viewer's own party's attendance; the status follows both parties' records. */
  setAttendance: (id: string, attendance: MeetingAttendance) => request<MeetingView>('PATCH', `/meetings/${id}`, { attendance }),
  schedule: (eventId: string, dryRun: boolean) => request<ScheduleRunView>('POST', `/events/${eventId}/schedule`, { dryRun }),
  availability: (eventId: string, registrationId: string) =>
    request<{ items: { startsAt: string; endsAt: string }[] }>('GET', `/events/${eventId}/registrations/${registrationId}/availability`),
  setAvailability: (eventId: string, registrationId: string, windows: { startsAt: string; endsAt: string }[]) =>
    request<{ items: { startsAt: string; endsAt: string }[] }>('PUT', `/events/${eventId}/registrations/${registrationId}/availability`, { windows }),
};

export const reports = {
  json: (eventId: string, locale: Locale) => request<ReportView>('GET', `/events/${eventId}/report${query({ format: 'json', locale })}`),
  download: (eventId: string, format: ReportFormat, locale: Locale, onProgress?: (received: number, total: number | null) => void) =>
    download(`/events/${eventId}/report${query({ format, locale })}`, `tradebridge-report-${eventId}-${locale}.${format}`, onProgress),
};
