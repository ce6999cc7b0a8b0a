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

const EVENT_WIDE = new Set(['event.status_changed', 'event.updated', 'room.created', 'venue.created']);

export function canSee(entry: LogEntryLike, viewer: LiveViewer): boolean {
  if (viewer.staff) return true;
  if (EVENT_WIDE.has(entry.type)) return true;
  if (entry.type.startsWith('pitch.')) return typeof entry.data.roomId === 'string' && viewer.roomIds.has(entry.data.roomId);
  return entry.registrationIds.some((id) => viewer.registrationIds.has(id));
}
