/**
 * Who may see an event-log entry over the live connection: staff see
 * everything; an enterprise member sees the entries naming one of its
 * registrations, the presentation queue of its room, and event-wide news,
 * and of an entry about several registrations only its own share (dataFor).
 */
export interface LogEntryLike {
  type: string;
  data: Record<string, unknown>;
  registrationIds: string[];
}

export interface LiveViewer {
  staff: boolean;
  registrationIds: ReadonlySet<string>;
  roomIds: ReadonlySet<string>;
}

/** Beyond staff, who an entry is for: everyone, or these registrations, or the members of this room. */
export interface Audience {
  everyone: boolean;
  registrationIds: string[];
  roomId: string | null;
}

const EVENT_WIDE = new Set(['event.status_changed', 'event.updated', 'room.created', 'room.updated', 'room.deleted', 'venue.created', 'venue.updated', 'venue.deleted']);

export function audienceOf(entry: LogEntryLike): Audience {
  if (EVENT_WIDE.has(entry.type)) return { everyone: true, registrationIds: [], roomId: null };
  if (entry.type.startsWith('pitch.')) {
    return { everyone: false, registrationIds: [], roomId: typeof entry.data.roomId === 'string' ? entry.data.roomId : null };
  }
  return { everyone: false, registrationIds: entry.registrationIds, roomId: null };
}

export function canSee(entry: LogEntryLike, viewer: LiveViewer): boolean {
  if (viewer.staff) return true;
  const audience = audienceOf(entry);
  if (audience.everyone) return true;
  if (audience.roomId !== null && viewer.roomIds.has(audience.roomId)) return true;
  return audience.registrationIds.some((id) => viewer.registrationIds.has(id));
}

type Projection = (data: Record<string, unknown>, viewer: LiveViewer) => Record<string, unknown>;

/**
 * Entries that name several registrations and carry something about each: a
 * member gets its own registrations' share only. Every other entry is sent whole.
 */
const MEMBER_SHARE: Record<string, Projection> = {
  // One auto-assignment run places everyone: a member learns its own placement, not its competitors'.
  'registrations.rooms_assigned': (data, viewer) => ({
    assignments: (Array.isArray(data.assignments) ? (data.assignments as { registrationId?: unknown }[]) : []).filter(
      (a) => typeof a.registrationId === 'string' && viewer.registrationIds.has(a.registrationId),
    ),
  }),
};

/** The `data` of an entry as sent to this viewer (call it for entries canSee lets through). */
export function dataFor(entry: LogEntryLike, viewer: LiveViewer): Record<string, unknown> {
  const share = viewer.staff ? undefined : MEMBER_SHARE[entry.type];
  return share ? share(entry.data, viewer) : entry.data;
}
