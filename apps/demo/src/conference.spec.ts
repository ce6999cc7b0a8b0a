import { isLiveAt, liveWindow, ROOMS, VENUES } from './conference';

describe('the reference conference', () => {
  it('is live whenever the demo starts, with hours to go', () => {
    for (const now of [new Date('2021-01-19T01:00:00Z'), new Date('2026-11-22T23:59:59Z'), new Date('2026-03-01T00:00:00Z')]) {
      const window = liveWindow(now);
      expect(isLiveAt(window, now)).toBe(true);
      expect(Date.parse(window.endsAt) - now.getTime()).toBeGreaterThan(7 * 3_600_000);
      expect(isLiveAt(window, new Date(Date.parse(window.endsAt) - 30 * 60_000))).toBe(false);
    }
  });

  it('has one main venue in Lào Cai, one abroad in Hangzhou and one online', () => {
    const venues = Object.values(VENUES);
    expect(venues.filter((v) => v.kind === 'main').map((v) => v.city)).toEqual(['Lào Cai']);
    expect(venues.filter((v) => v.country === 'CN')).toEqual([expect.objectContaining({ city: 'Hangzhou', timezone: 'Asia/Shanghai' })]);
    expect(venues.filter((v) => v.kind === 'online')).toEqual([expect.objectContaining({ tables: 0 })]);
  });

  it('splits the HS sections between two rooms: farm and food goods (I–IV), and the rest', () => {
    expect(ROOMS.agriculture.sectorCodes).toEqual(['I', 'II', 'III', 'IV']);
    expect(ROOMS.industry.sectorCodes.some((code) => ROOMS.agriculture.sectorCodes.includes(code))).toBe(false);
  });
});
