/**
 * Who may see an event-log entry over the live connection: staff see
 * everything; an enterprise member sees the entries naming one of its
 * registrations, the presentation queue of its room, and event-wide news.
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

const EVENT_WIDE = new Set(['event.status_changed', 'event.updated', 'room.created', 'venue.created']);

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
