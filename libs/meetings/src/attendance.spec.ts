import { statusFromAttendance } from './attendance';

describe('statusFromAttendance', () => {
  it.each([
    [null, null, 'scheduled'],
    ['attended', null, 'scheduled'],
    [null, 'attended', 'scheduled'],
    ['attended', 'attended', 'held'],
    ['absent', null, 'no_show'],
    [null, 'absent', 'no_show'],
    ['attended', 'absent', 'no_show'],
    ['absent', 'attended', 'no_show'],
    ['absent', 'absent', 'no_show'],
  ] as const)('%s + %s → %s', (from, to, status) => expect(statusFromAttendance(from, to)).toBe(status));
});
