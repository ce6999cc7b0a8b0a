import { localTime, toLocalIso } from './local-time';
import { slotGrid, slotsOverlapping, slotsWithin } from './slot-grid';

describe('local time', () => {
  const nine = new Date('2021-01-19T02:00:00.000Z');

  it('shows one instant in Lào Cai (UTC+7) and Hangzhou (UTC+8)', () => {
    expect(toLocalIso(nine, 'Asia/Ho_Chi_Minh')).toBe('2021-01-19T09:00:00+07:00');
    expect(toLocalIso(nine, 'Asia/Shanghai')).toBe('2021-01-19T10:00:00+08:00');
    expect(toLocalIso(nine, 'UTC')).toBe('2021-01-19T02:00:00+00:00');
  });

  it('handles negative and half-hour offsets and date changes', () => {
    expect(toLocalIso(nine, 'America/New_York')).toBe('2021-01-18T21:00:00-05:00');
    expect(toLocalIso(nine, 'Asia/Kolkata')).toBe('2021-01-19T07:30:00+05:30');
  });

  it('gives a meeting its local start and end', () => {
    expect(localTime(nine, new Date('2021-01-19T02:30:00.000Z'), 'Asia/Shanghai')).toEqual({
      timezone: 'Asia/Shanghai',
      startsAt: '2021-01-19T10:00:00+08:00',
      endsAt: '2021-01-19T10:30:00+08:00',
    });
  });
});

describe('slot grid', () => {
  const start = new Date('2021-01-19T01:00:00.000Z');
  const end = new Date('2021-01-19T03:10:00.000Z');

  it('fills the event back to back with whole slots only', () => {
    const slots = slotGrid(start, end, 30);
    expect(slots).toHaveLength(4);
    expect(slots[0]).toEqual({ index: 0, startsAt: start.getTime(), endsAt: start.getTime() + 1_800_000 });
    expect(slots[3].endsAt).toBeLessThanOrEqual(end.getTime());
  });

  it('maps availability windows and booked periods to slots', () => {
    const slots = slotGrid(start, end, 30);
    const h = (iso: string) => new Date(iso).getTime();
    expect(slotsWithin(slots, [{ startsAt: h('2021-01-19T01:00:00Z'), endsAt: h('2021-01-19T02:00:00Z') }])).toEqual([0, 1]);
    expect(slotsWithin(slots, [{ startsAt: h('2021-01-19T01:15:00Z'), endsAt: h('2021-01-19T02:00:00Z') }])).toEqual([1]);
    expect(slotsOverlapping(slots, { startsAt: h('2021-01-19T01:45:00Z'), endsAt: h('2021-01-19T02:15:00Z') })).toEqual([1, 2]);
  });
});
