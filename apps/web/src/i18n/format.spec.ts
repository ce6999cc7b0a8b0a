import { formatRange } from './format';

describe('formatRange', () => {
  const start = '2021-01-19T02:00:00Z';
  const end = '2021-01-19T02:30:00Z';

  it('puts the UTC offset after the whole range in every language', () => {
    expect(formatRange(start, end, 'Asia/Ho_Chi_Minh', 'en')).toMatch(/ · 09:00–09:30 GMT\+7$/);
    expect(formatRange(start, end, 'Asia/Ho_Chi_Minh', 'vi')).toMatch(/ · 09:00–09:30 GMT\+7$/);
    expect(formatRange(start, end, 'Asia/Shanghai', 'zh')).toMatch(/ · 10:00–10:30 GMT\+8$/);
  });

  it('shows the day in the zone, not in UTC', () => {
    expect(formatRange('2021-01-19T17:00:00Z', '2021-01-19T17:30:00Z', 'Asia/Shanghai', 'zh')).toMatch(/^2021年1月20日 · 01:00–01:30 GMT\+8$/);
    expect(formatRange('2021-01-19T17:00:00Z', '2021-01-19T17:30:00Z', 'Asia/Ho_Chi_Minh', 'en')).toMatch(/^20 Jan 2021 · 00:00–00:30 GMT\+7$/);
  });
});
