import { useMemo } from 'react';
import type { EventView, RoomView, VenueView } from '@tradebridge/contracts';
import { events } from '../../api/endpoints';
import { AsyncState, useAsync } from '../../components/useAsync';

export interface OrgEvent {
  event: EventView;
  venues: VenueView[];
  rooms: RoomView[];
  venueOf(id: string | null | undefined): VenueView | undefined;
  roomOf(id: string | null | undefined): RoomView | undefined;
}

/** An event as its staff see it: the event, its venues and rooms. */
export function useOrgEvent(eventId: string): AsyncState<OrgEvent> {
  const state = useAsync(async () => {
    const [event, venues, rooms] = await Promise.all([events.get(eventId), events.venues(eventId), events.rooms(eventId)]);
    return { event, venues: venues.items, rooms: rooms.items };
  }, [eventId]);
  const data = useMemo<OrgEvent | undefined>(() => {
    if (!state.data) return undefined;
    const { venues, rooms } = state.data;
    return { ...state.data, venueOf: (id) => venues.find((v) => v.id === id), roomOf: (id) => rooms.find((r) => r.id === id) };
  }, [state.data]);
  return { ...state, data, setData: () => undefined };
}
