import type { Expander, Mention } from './expander';
import { registrationLink } from './expander';

export const registrationApproved: Expander = (entry) => {
  const id = entry.data.registrationId as string | undefined;
  return id ? [{ to: id, kind: 'registration.approved', key: '', link: registrationLink() }] : [];
};

export const registrationRejected: Expander = (entry) => {
  const id = entry.data.registrationId as string | undefined;
  return id ? [{ to: id, kind: 'registration.rejected', key: '', link: registrationLink() }] : [];
};

async function roomAssignments(assignments: { registrationId: string; roomId: string | null }[], lookups: Parameters<Expander>[1], keyed: boolean): Promise<Mention[]> {
  const rooms = await lookups.rooms([...new Set(assignments.map((a) => a.roomId).filter((r): r is string => !!r))]);
  return assignments
    .filter((a) => a.roomId && rooms.has(a.roomId))
    .map((a) => ({
      to: a.registrationId,
      kind: 'registration.room_assigned' as const,
      key: keyed ? a.registrationId : '',
      link: registrationLink(),
      facts: { roomId: a.roomId, roomName: rooms.get(a.roomId!) },
    }));
}

/** An organizer's override. */
export const registrationRoomAssigned: Expander = (entry, lookups) =>
  roomAssignments([{ registrationId: entry.data.registrationId as string, roomId: entry.data.roomId as string | null }], lookups, false);

/** An automatic assignment: every registration it placed (keyed by registration, one entry holds many). */
export const registrationsRoomsAssigned: Expander = (entry, lookups) =>
  roomAssignments((entry.data.assignments as { registrationId: string; roomId: string }[] | undefined) ?? [], lookups, true);
