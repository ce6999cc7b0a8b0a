import type { ScheduleSlot } from './schedule';

/** The event's meeting slots: back to back from its start, each `slotMinutes` long, all inside the event. */
export function slotGrid(startsAt: Date, endsAt: Date, slotMinutes: number): ScheduleSlot[] {
  const length = slotMinutes * 60_000;
  const slots: ScheduleSlot[] = [];
  for (let start = startsAt.getTime(), index = 0; start + length <= endsAt.getTime(); start += length, index++) {
    slots.push({ index, startsAt: start, endsAt: start + length });
  }
  return slots;
}

/** Slots lying wholly inside one of the windows (a registration's availability). */
export function slotsWithin(slots: ScheduleSlot[], windows: { startsAt: number; endsAt: number }[]): number[] {
  return slots.filter((s) => windows.some((w) => w.startsAt <= s.startsAt && s.endsAt <= w.endsAt)).map((s) => s.index);
}

/** Slots overlapping a period (a meeting already booked, aligned to the grid or not). */
export function slotsOverlapping(slots: ScheduleSlot[], period: { startsAt: number; endsAt: number }): number[] {
  return slots.filter((s) => s.startsAt < period.endsAt && period.startsAt < s.endsAt).map((s) => s.index);
}
