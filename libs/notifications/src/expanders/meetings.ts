import type { Expander } from './expander';
import { bothParties, factsOf, MeetingSnapshot } from './expander';

/** A manual booking: both parties. */
export const meetingScheduled: Expander = async (entry, lookups) => {
  const m = entry.data.meeting as MeetingSnapshot | undefined;
  if (!m) return [];
  const venues = await lookups.venues(m.venueId ? [m.venueId] : []);
  return bothParties(entry.eventId, 'meeting.booked', m.registrationIds, factsOf(m, m.venueId ? venues.get(m.venueId) : undefined));
};

/**
 * A change: a move or a cancellation raised the invitation's sequence
 * (meetings_sequence_bump_trg); an attendance change did not and tells no one.
 */
export const meetingUpdated: Expander = async (entry, lookups) => {
  const m = entry.data.meeting as MeetingSnapshot | undefined;
  const previous = entry.data.previousSequence as number | undefined;
  if (!m || previous === undefined || (m.sequence ?? 0) <= previous) return [];
  const venues = await lookups.venues(m.venueId ? [m.venueId] : []);
  const facts = factsOf(m, m.venueId ? venues.get(m.venueId) : undefined);
  return bothParties(entry.eventId, m.status === 'cancelled' ? 'meeting.cancelled' : 'meeting.moved', m.registrationIds, facts);
};
