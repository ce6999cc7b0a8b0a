import { offsetLabel, offsetsText, parseOffsets } from './reminder-offsets';

describe('the event form’s reminder offsets', () => {
  it('parses what organizers type, longest first', () => {
    expect(parseOffsets('15, 1440')).toEqual([1440, 15]);
    expect(parseOffsets(' 60 ')).toEqual([60]);
    expect(parseOffsets('')).toEqual([]);
  });
  it('refuses what the API would', () => {
    for (const bad of ['0', '10081', '15, 15', '1,2,3,4,5,6', '1.5', 'soon', '-5']) expect(parseOffsets(bad)).toBeNull();
  });
  it('shows them back', () => {
    expect(offsetsText([1440, 15])).toBe('1440, 15');
    expect(offsetLabel(1440)).toBe('1 d');
    expect(offsetLabel(90)).toBe('1 h 30 min');
    expect(offsetLabel(15)).toBe('15 min');
  });
});
