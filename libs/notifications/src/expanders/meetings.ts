import type { Expander } from './expander';
import { bothParties, factsOf, meetingLink, MeetingSnapshot, meetingsLink } from './expander';

/** A manual booking: both parties. */
export const meetingScheduled: Expander = async (entry, lookups) => {
  const m = entry.data.meeting as MeetingSnapshot | undefined;
  if (!m) return [];
  const venues = await lookups.venues(m.venueId ? [m.venueId] : []);
  return bothParties(entry.eventId, 'meeting.booked', m.registrationIds, factsOf(m, m.venueId ? venues.get(m.venueId) : undefined));
};

/** A party proposed another time: the partner is told (the proposer's own enterprise is left out by the notifier). */
export const meetingRescheduleProposed: Expander = async (entry, lookups) => {
  const m = entry.data.meeting as MeetingSnapshot | undefined;
  const proposal = entry.data.reschedule as { startsAt: string; endsAt: string; proposedByRegistrationId: string } | undefined;
  if (!m || !proposal) return [];
  const venues = await lookups.venues(m.venueId ? [m.venueId] : []);
  const meeting = factsOf(m, m.venueId ? venues.get(m.venueId) : undefined);
  const to = m.registrationIds.find((r) => r !== proposal.proposedByRegistrationId);
  if (!to) return [];
  return [
    {
      to,
      partner: proposal.proposedByRegistrationId,
      kind: 'meeting.reschedule_proposed',
      key: m.id,
      // Straight to the meeting: the partner answers the proposal on its card.
      link: meetingLink(entry.eventId, m.id),
      facts: { meeting, proposed: { ...meeting, startsAt: proposal.startsAt, endsAt: proposal.endsAt } },
    },
  ];
};

/**
 * A change: a move or a cancellation raised the invitation's sequence
 * (meetings_sequence_bump_trg); an attendance change did not and tells no one.
 */
export const meetingUpdated: Expander = async (entry, lookups) => {
  const m = entry.data.meeting as MeetingSnapshot | undefined;
  const previous = entry.data.previousSequence as number | undefined;
  // The attendance rules found a party absent: the party that came is told (not the absent one).
  const absent = (entry.data.becameAbsent as string[] | undefined) ?? [];
  if (m && absent.length) {
    const venues = await lookups.venues(m.venueId ? [m.venueId] : []);
    const facts = factsOf(m, m.venueId ? venues.get(m.venueId) : undefined);
    const present = m.registrationIds.filter((r) => !absent.includes(r));
    return present.map((to) => ({
      to,
      partner: m.registrationIds.find((r) => r !== to),
      kind: 'meeting.no_show' as const,
      key: m.id,
      link: meetingsLink(entry.eventId),
      facts: { meeting: facts },
    }));
  }
  if (!m || previous === undefined || (m.sequence ?? 0) <= previous) return [];
  const venues = await lookups.venues(m.venueId ? [m.venueId] : []);
  const facts = factsOf(m, m.venueId ? venues.get(m.venueId) : undefined);
  return bothParties(entry.eventId, m.status === 'cancelled' ? 'meeting.cancelled' : 'meeting.moved', m.registrationIds, facts);
};
