import fc from 'fast-check';
import type { MeetingAttendance, MeetingStatus } from '@tradebridge/contracts';
import type { ConnectionCell } from './aggregate';
import { MeetingCell, meetingDue, meetingFigures, NoShowCell, noShowCells, partyAbsent, share } from './meetings';

function cell(overrides: Partial<MeetingCell>): MeetingCell {
  return { mode: 'onsite', venueId: 'laoCai', status: 'held', fromAttendance: 'attended', toAttendance: 'attended', ended: true, meetings: 1, ...overrides };
}

/** The no-shows of `cells`, each asked by the CN side's party (the requester's record first). */
function noShowsOf(cells: MeetingCell[], fromSide = 'CN', toSide = 'VN'): NoShowCell[] {
  return cells.filter((c) => c.status === 'no_show').map((c) => ({ fromSide, toSide, fromAttendance: c.fromAttendance, toAttendance: c.toAttendance, meetings: c.meetings }));
}

describe('report meeting figures', () => {
  it('blames a no-show on the party recorded absent, or on every party not recorded as attended when staff set it with nobody absent', () => {
    expect(partyAbsent('no_show', 'absent', 'attended')).toBe(true);
    expect(partyAbsent('no_show', 'attended', 'absent')).toBe(false);
    expect(partyAbsent('no_show', null, 'absent')).toBe(false);
    expect(partyAbsent('no_show', 'absent', 'absent')).toBe(true);
    // Staff's no-show, nobody recorded absent: whoever did not record attending.
    expect(partyAbsent('no_show', null, null)).toBe(true);
    expect(partyAbsent('no_show', null, 'attended')).toBe(true);
    expect(partyAbsent('no_show', 'attended', null)).toBe(false);
    // A status staff set to held (or any other) blames nobody.
    for (const status of ['held', 'scheduled', 'cancelled'] as const) expect(partyAbsent(status, 'absent', null)).toBe(false);
  });

  it('blames somebody for every no-show, unless both parties recorded attending', () => {
    const attendance = fc.constantFrom<MeetingAttendance | null>('attended', 'absent', null);
    fc.assert(
      fc.property(attendance, attendance, (a, b) => {
        expect(partyAbsent('no_show', a, b) || partyAbsent('no_show', b, a)).toBe(!(a === 'attended' && b === 'attended'));
      }),
    );
    // Both recorded attended, yet set no_show by staff: no record says who left; nobody is blamed.
    expect(partyAbsent('no_show', 'attended', 'attended')).toBe(false);
  });

  it('counts a meeting as due once over or decided, never when cancelled', () => {
    const cases: [MeetingStatus, boolean, boolean][] = [
      ['scheduled', false, false],
      ['scheduled', true, true],
      ['held', false, true],
      ['no_show', false, true],
      ['cancelled', true, false],
    ];
    for (const [status, ended, due] of cases) expect({ status, ended, due: meetingDue(status, ended) }).toEqual({ status, ended, due });
  });

  it('rounds shares to 4 decimals, 0 of nothing', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 0)).toBe(0);
  });

  it('finds the no-shows among the connection cells, with both sides and records', () => {
    const connection = (noShow: ConnectionCell['noShow'], requested: number): ConnectionCell => ({
      fromSide: 'CN',
      toSide: 'VN',
      channel: 'online',
      roomId: null,
      madeHour: null,
      requested,
      made: requested,
      declined: 0,
      expired: 0,
      noShow,
    });
    expect(noShowCells([connection(null, 7), connection(['absent', 'attended'], 2), connection([null, null], 1)])).toEqual([
      { fromSide: 'CN', toSide: 'VN', fromAttendance: 'absent', toAttendance: 'attended', meetings: 2 },
      { fromSide: 'CN', toSide: 'VN', fromAttendance: null, toAttendance: null, meetings: 1 },
    ]);
  });

  it('adds meetings up by mode, by place (online in its own row), per side, and the connections that met', () => {
    const cells = [
      cell({ meetings: 2 }),
      cell({ venueId: 'hangzhou' }),
      cell({ mode: 'online', venueId: null }),
      cell({ status: 'no_show', fromAttendance: 'absent', toAttendance: null }), // CN missed it
      cell({ status: 'no_show', venueId: 'hangzhou', fromAttendance: null, toAttendance: null }), // staff: both
      cell({ status: 'cancelled', fromAttendance: null, toAttendance: null }),
      cell({ status: 'scheduled', ended: false, fromAttendance: null, toAttendance: null }), // still to come
      cell({ mode: 'online', venueId: null, status: 'held', fromAttendance: 'absent', toAttendance: null }), // staff set it held: nobody missed it
    ];
    const figures = meetingFigures(cells, noShowsOf(cells), ['VN', 'CN'], ['hangzhou', 'laoCai', 'kunming']);
    expect(figures.totals).toEqual({ scheduled: 8, held: 5, noShow: 2, cancelled: 1, connectionsWithHeldMeeting: 5 });
    expect(figures.byMode).toEqual([
      { key: 'onsite', scheduled: 6, held: 3, noShow: 2, cancelled: 1 },
      { key: 'online', scheduled: 2, held: 2, noShow: 0, cancelled: 0 },
    ]);
    // The venues' order, only those with meetings, then online.
    expect(figures.byVenue).toEqual([
      { key: 'hangzhou', scheduled: 2, held: 1, noShow: 1, cancelled: 0 },
      { key: 'laoCai', scheduled: 4, held: 2, noShow: 1, cancelled: 1 },
      { key: 'online', scheduled: 2, held: 2, noShow: 0, cancelled: 0 },
    ]);
    // Due: 7 (8 booked and not cancelled, less the one to come), on each side.
    expect(figures.bySide).toEqual([
      { side: 'VN', due: 7, absent: 1, rate: 0.1429 },
      { side: 'CN', due: 7, absent: 2, rate: 0.2857 },
    ]);
  });

  it('lists both sides and modes with nothing booked, and no place', () => {
    expect(meetingFigures([], [], ['VN', 'CN'], ['laoCai'])).toEqual({
      totals: { scheduled: 0, held: 0, noShow: 0, cancelled: 0, connectionsWithHeldMeeting: 0 },
      byMode: [
        { key: 'onsite', scheduled: 0, held: 0, noShow: 0, cancelled: 0 },
        { key: 'online', scheduled: 0, held: 0, noShow: 0, cancelled: 0 },
      ],
      byVenue: [],
      bySide: [
        { side: 'VN', due: 0, absent: 0, rate: 0 },
        { side: 'CN', due: 0, absent: 0, rate: 0 },
      ],
    });
  });

  it('keeps the totals equal to the sums of the rows, whatever the cells', () => {
    const arbitraryCell = fc.record({
      mode: fc.constantFrom('onsite' as const, 'online' as const),
      venueId: fc.constantFrom('a', 'b', 'c'),
      status: fc.constantFrom<MeetingStatus>('scheduled', 'held', 'no_show', 'cancelled'),
      fromAttendance: fc.constantFrom<MeetingAttendance | null>('attended', 'absent', null),
      toAttendance: fc.constantFrom<MeetingAttendance | null>('attended', 'absent', null),
      ended: fc.boolean(),
      meetings: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryCell, { maxLength: 30 }), (raw) => {
        const cells: MeetingCell[] = raw.map((c) => ({ ...c, venueId: c.mode === 'online' ? null : c.venueId }));
        const f = meetingFigures(cells, noShowsOf(cells), ['VN', 'CN'], ['a', 'b']);
        for (const rows of [f.byMode, f.byVenue]) {
          for (const k of ['scheduled', 'held', 'noShow', 'cancelled'] as const) expect(rows.reduce((n, r) => n + r[k], 0)).toBe(f.totals[k]);
        }
        const due = cells.filter((c) => meetingDue(c.status, c.ended)).reduce((n, c) => n + c.meetings, 0);
        // Each due meeting has one party on each side.
        for (const s of f.bySide) expect(s.due).toBe(due);
        for (const s of f.bySide) expect(s.absent).toBeLessThanOrEqual(f.totals.noShow);
        expect(f.totals.connectionsWithHeldMeeting).toBe(f.totals.held);
      }),
    );
  });
});
