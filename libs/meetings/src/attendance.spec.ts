import { AttendanceEvidence, decideAttendance, evidenceSays, minutesTogether, Side, statusFromAttendance } from './attendance';

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

describe('attendance from the evidence', () => {
  const rules = { heldMinutes: 5, noShowMinutes: 10 };
  const start = new Date('2026-03-02T02:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const nothing = { value: null, source: null } as const;
  const evidence = (over: Partial<AttendanceEvidence> = {}): AttendanceEvidence => ({
    mode: 'online',
    startsAt: start,
    endsAt: at(30),
    now: at(0),
    calls: [],
    scans: [],
    recorded: [nothing, nothing],
    ...over,
  });
  const call = (side: Side, from: number, until: number) => ({ side, from: at(from), until: at(until) });

  describe('online', () => {
    it('is held once both parties have been in the call together for the threshold, however they came and went', () => {
      // Side 0 from −2 to 3 and again from 4; side 1 from 1: together 1–3 and 4–7 = 5 minutes at minute 7.
      const calls = [call(0, -2, 3), call(0, 4, 40), call(1, 1, 40)];
      expect(evidenceSays(evidence({ calls, now: at(6.9) }), rules)).toEqual([null, null]);
      expect(evidenceSays(evidence({ calls, now: at(7) }), rules)).toEqual(['attended', 'attended']);
      expect(decideAttendance(evidence({ calls, now: at(7) }), rules)).toMatchObject({ status: 'held', sources: ['system', 'system'], changed: true });
    });

    it('counts time together, not each party’s own time', () => {
      // Each is in the call for 10 minutes, never at once.
      const calls = [call(0, 0, 10), call(1, 10, 20)];
      expect(minutesTogether(calls, at(30))).toBe(0);
      expect(evidenceSays(evidence({ calls, now: at(30) }), rules)).toEqual([null, null]);
    });

    it('an open session counts only until now', () => {
      expect(minutesTogether([call(0, 0, 60), call(1, 0, 60)], at(3))).toBe(3);
    });

    it('marks the party that has not joined absent at the no-show threshold, and a late join takes it back', () => {
      const calls = [call(1, 0, 40)];
      expect(evidenceSays(evidence({ calls, now: at(9.9) }), rules)).toEqual([null, null]);
      const missed = decideAttendance(evidence({ calls, now: at(10) }), rules);
      expect(missed).toMatchObject({ attendance: ['absent', null], status: 'no_show', sources: ['system', null], changed: true });
      // Side 0 joins at 12: the automatic absent is taken back; 5 minutes together make it held.
      const recorded = [{ value: 'absent', source: 'system' }, nothing] as AttendanceEvidence['recorded'];
      const late = [...calls, call(0, 12, 40)];
      expect(decideAttendance(evidence({ calls: late, now: at(13), recorded }), rules)).toMatchObject({ attendance: [null, null], status: 'scheduled', changed: true });
      expect(decideAttendance(evidence({ calls: late, now: at(17), recorded }), rules)).toMatchObject({ attendance: ['attended', 'attended'], status: 'held' });
    });

    it('marks both absent when neither joined', () => {
      expect(evidenceSays(evidence({ now: at(10) }), rules)).toEqual(['absent', 'absent']);
    });

    it('ignores calls outside the meeting and its early opening', () => {
      const calls = [call(0, -120, -60), call(1, 31, 50)];
      expect(evidenceSays(evidence({ calls, now: at(60) }), rules)).toEqual(['absent', 'absent']);
    });

    it('never overwrites what a party or staff recorded, and a party’s own "attended" makes the no-comer absent', () => {
      const recorded = [{ value: 'attended', source: 'party' }, nothing] as AttendanceEvidence['recorded'];
      expect(decideAttendance(evidence({ now: at(10), recorded }), rules)).toMatchObject({ attendance: ['attended', 'absent'], sources: ['party', 'system'], status: 'no_show' });
      const staff = [nothing, { value: 'attended', source: 'staff' }] as AttendanceEvidence['recorded'];
      expect(decideAttendance(evidence({ now: at(10), recorded: staff }), rules)).toMatchObject({ attendance: ['absent', 'attended'], sources: ['system', 'staff'] });
      // Nothing new: nothing to write.
      const settled = [
        { value: 'absent', source: 'system' },
        { value: 'attended', source: 'staff' },
      ] as AttendanceEvidence['recorded'];
      expect(decideAttendance(evidence({ now: at(20), recorded: settled }), rules).changed).toBe(false);
    });
  });

  describe('on site', () => {
    const onsite = (over: Partial<AttendanceEvidence>) => evidence({ mode: 'onsite', ...over });
    const scan = (side: Side, kind: 'badge' | 'table', minutes: number) => ({ side, kind, at: at(minutes) });

    it('a badge scan at the slot makes it held at once', () => {
      expect(decideAttendance(onsite({ scans: [scan(1, 'badge', 2)], now: at(2) }), rules)).toMatchObject({ attendance: ['attended', 'attended'], status: 'held' });
    });

    it('table scans count per side: both scanned → held; one scanned → the other absent after the threshold', () => {
      expect(evidenceSays(onsite({ scans: [scan(0, 'table', -3)], now: at(1) }), rules)).toEqual(['attended', null]);
      expect(evidenceSays(onsite({ scans: [scan(0, 'table', -3), scan(1, 'table', 4)], now: at(4) }), rules)).toEqual(['attended', 'attended']);
      expect(decideAttendance(onsite({ scans: [scan(0, 'table', -3)], now: at(10) }), rules)).toMatchObject({ attendance: ['attended', 'absent'], status: 'no_show' });
    });

    it('with no sign from either party it cannot tell, and says nothing', () => {
      expect(decideAttendance(onsite({ now: at(25) }), rules)).toMatchObject({ attendance: [null, null], status: 'scheduled', changed: false });
    });

    it('a scan of an earlier slot or after the end is not this meeting', () => {
      expect(evidenceSays(onsite({ scans: [scan(0, 'badge', -40), scan(1, 'badge', 31)], now: at(40) }), rules)).toEqual([null, null]);
    });
  });
});
