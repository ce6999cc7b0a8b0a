import { useMemo } from 'react';
import type { EventView, RegistrationView, RoomView, VenueView } from '@tradebridge/contracts';
import { events, registrations } from '../../api/endpoints';
import { AsyncState, useAsync } from '../../components/useAsync';
import { useMyEnterprise } from './useMyEnterprise';

export interface MyEvent {
  event: EventView;
  venues: VenueView[];
  rooms: RoomView[];
  /** The current enterprise's registration for this event, if any. */
  registration: RegistrationView | null;
  venueOf(id: string | null | undefined): VenueView | undefined;
  roomOf(id: string | null | undefined): RoomView | undefined;
  /** The viewer's time zone: its venue's, else the event's. */
  timezone: string;
}

/** An event as an enterprise member sees it: the event, its venues and rooms, and its own registration. */
export function useMyEvent(eventId: string): AsyncState<MyEvent> {
  const { enterprise } = useMyEnterprise();
  const state = useAsync(async () => {
    const [event, venues, rooms, mine] = await Promise.all([events.get(eventId), events.venues(eventId), events.rooms(eventId), registrations.list(eventId)]);
    const registration = mine.items.find((r) => r.enterpriseId === enterprise?.id) ?? mine.items[0] ?? null;
    return { event, venues: venues.items, rooms: rooms.items, registration };
  }, [eventId, enterprise?.id]);
  const data = useMemo<MyEvent | undefined>(() => {
    if (!state.data) return undefined;
    const { event, venues, rooms, registration } = state.data;
    const venueOf = (id: string | null | undefined) => venues.find((v) => v.id === id);
    return {
      event,
      venues,
      rooms,
      registration,
      venueOf,
      roomOf: (id) => rooms.find((r) => r.id === id),
      timezone: venueOf(registration?.venueId)?.timezone ?? event.timezone,
    };
  }, [state.data]);
  return { ...state, data, setData: () => undefined };
}
