import { currentSlot, slotAttendance } from './attendance-now';
import { slotGrid } from './slot-grid';

describe('the current slot', () => {
  // 09:00–10:30 local (UTC+7) in 30-minute slots: 02:00, 02:30, 03:00 UTC.
  const slots = slotGrid(new Date('2021-01-19T02:00:00Z'), new Date('2021-01-19T03:30:00Z'), 30);
  const at = (iso: string) => currentSlot(slots, new Date(iso));

  it('is the slot containing now: its start included, its end not', () => {
    expect(at('2021-01-19T02:00:00Z')).toEqual({ slot: slots[0], state: 'in_progress' });
    expect(at('2021-01-19T02:29:59.999Z')).toEqual({ slot: slots[0], state: 'in_progress' });
    expect(at('2021-01-19T02:30:00Z')).toEqual({ slot: slots[1], state: 'in_progress' });
  });

  it('is the next one before the first slot, and null once the last is over', () => {
    expect(at('2021-01-18T23:00:00Z')).toEqual({ slot: slots[0], state: 'upcoming' });
    expect(at('2021-01-19T03:30:00Z')).toBeNull();
    expect(currentSlot([], new Date())).toBeNull();
  });

  it('between slots of a grid with gaps, is the next one, upcoming', () => {
    const gapped = [slots[0], slots[2]];
    expect(currentSlot(gapped, new Date('2021-01-19T02:45:00Z'))).toEqual({ slot: slots[2], state: 'upcoming' });
  });
});

describe('the slot counts per place', () => {
  const row = (venueId: string | null, n: Partial<Record<'underWay' | 'held' | 'missed' | 'waiting' | 'cancelled', number>>) => {
    const b = { underWay: 0, held: 0, missed: 0, waiting: 0, cancelled: 0, ...n };
    return { venueId, name: venueId ? `venue ${venueId}` : null, meetings: b.underWay + b.held + b.missed + b.waiting + b.cancelled, ...b };
  };

  it('keys venues by id and the online row `online`, keeps their order, and adds them up', () => {
    const { venues, totals } = slotAttendance([row('v1', { held: 2, underWay: 1 }), row('v2', { missed: 1, waiting: 3 }), row(null, { underWay: 1, cancelled: 1 })]);
    expect(venues.map((v) => v.key)).toEqual(['v1', 'v2', 'online']);
    expect(venues[2]).toMatchObject({ key: 'online', venueId: null, name: null, meetings: 2 });
    expect(totals).toEqual({ key: 'all', venueId: null, name: null, meetings: 9, underWay: 2, held: 2, missed: 1, waiting: 3, cancelled: 1 });
  });

  it('of no meetings is empty, with zero totals', () => {
    expect(slotAttendance([])).toEqual({ venues: [], totals: { key: 'all', venueId: null, name: null, meetings: 0, underWay: 0, held: 0, missed: 0, waiting: 0, cancelled: 0 } });
  });
});
