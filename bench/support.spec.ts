import { alternatingTurns, meanOfTurns } from './support';

describe('benchmark turns', () => {
  it('alternates the two servers A, B, B, A per round, so a change in machine load lands on both sides', () => {
    expect(alternatingTurns('gateway', 'bare', 1)).toEqual(['gateway', 'bare', 'bare', 'gateway']);
    expect(alternatingTurns('api', 'bare', 2)).toEqual(['api', 'bare', 'bare', 'api', 'api', 'bare', 'bare', 'api']);
    expect(alternatingTurns('gateway', 'bare', 3, true)).toEqual(['gateway', 'bare']);
    // Every round gives each side the same number of turns and the same mean position.
    const order = alternatingTurns('a', 'b', 3);
    const positions = (side: string) => order.flatMap((s, i) => (s === side ? [i] : []));
    expect(positions('a').length).toBe(positions('b').length);
    expect(positions('a').reduce((x, y) => x + y, 0)).toBe(positions('b').reduce((x, y) => x + y, 0));
  });

  it('combines the turns of one side: numbers averaged, maxima kept, the rest from the first turn', () => {
    const combined = meanOfTurns([
      { perSec: 10, latency: { p99: 4, max: 9 }, note: 'first', errors: ['x'] },
      { perSec: 20, latency: { p99: 6, max: 7 }, note: 'second', errors: [] },
    ]);
    expect(combined).toEqual({ perSec: 15, latency: { p99: 5, max: 9 }, note: 'first', errors: ['x'] });
  });
});
