import type { Response } from 'superagent';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../factories/app';
import { seedReportMeetings } from '../factories/report-meetings';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * The report's meeting figures (issue 14, item 4): meetings by mode and by
 * place, the no-show rate of each side and the share of connections made that
 * met, over the meetings of `seedReportMeetings` (booked and recorded through
 * the API): held on site at two venues and online, a no-show of the CN side, a
 * cancelled one, a no-show staff set with nobody recorded absent, a held staff
 * set over a recorded absence, one still to come and a connection with no
 * meeting.
 */
describe('results report: meetings', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
    await seedReportMeetings(t, world, organizer, setup);
  });
  afterAll(() => t.close());

  const report = async (locale: string) => (await t.http.get(`/api/events/${setup.eventId}/report?locale=${locale}`).set(organizer.auth).expect(200)).body;

  it('counts meetings by mode and where they take place (online ones in a row of their own), per side, and the connections that met', async () => {
    const json = await report('en');
    expect(json.totals).toMatchObject({
      connectionsMade: 9,
      meetingsScheduled: 7, // booked and not cancelled
      meetingsHeld: 4,
      meetingsNoShow: 2,
      connectionsWithHeldMeeting: 4,
      heldMeetingShare: 0.4444,
    });
    expect(json.meetingsByMode).toEqual([
      { key: 'onsite', scheduled: 3, held: 2, noShow: 0, cancelled: 1 },
      { key: 'online', scheduled: 4, held: 2, noShow: 2, cancelled: 0 },
    ]);
    // The event's venues in order (the online venue holds no table, so no meeting), then the online meetings.
    expect(json.meetingsByVenue).toEqual([
      { key: setup.venues.laoCai, name: 'Điểm cầu chính Lào Cai', scheduled: 1, held: 1, noShow: 0, cancelled: 1 },
      { key: setup.venues.hangzhou, name: '杭州分会场', scheduled: 2, held: 1, noShow: 0, cancelled: 0 },
      { key: 'online', name: 'Online', scheduled: 4, held: 2, noShow: 2, cancelled: 0 },
    ]);
    // Due: the 6 over and not cancelled. VN missed only the one staff set with nobody recorded absent;
    // CN that one and its own; the held staff set over VN's recorded absence blames nobody.
    expect(json.noShowBySide).toEqual([
      { side: 'VN', due: 6, absent: 1, rate: 0.1667 },
      { side: 'CN', due: 6, absent: 2, rate: 0.3333 },
    ]);
  });

  it('leaves a booked meeting out of the no-show rate until it is over, or decided', async () => {
    t.clock.set('2021-01-19T02:10:00Z');
    try {
      // Only the 02:00 meetings are over, yet the 02:30 no-show and both staff decisions (03:00, 03:30) are decided: due.
      // The 09:00 one, still scheduled, waits.
      expect((await report('en')).noShowBySide.map((s: { due: number }) => s.due)).toEqual([6, 6]);
      // Once it is over with nobody recorded it is due, and missed by nobody (yet).
      t.clock.set('2021-01-19T09:30:00Z');
      expect((await report('en')).noShowBySide).toEqual([
        { side: 'VN', due: 7, absent: 1, rate: 0.1429 },
        { side: 'CN', due: 7, absent: 2, rate: 0.2857 },
      ]);
    } finally {
      t.clock.set('2021-01-19T05:00:00Z');
    }
  });

  it('names the places and modes in each language', async () => {
    expect((await report('vi')).meetingsByVenue.at(-1).name).toBe('Trực tuyến');
    expect((await report('zh')).meetingsByVenue.at(-1).name).toBe('线上');
  });

  it('exports the meeting tables in CSV', async () => {
    const json = await report('en');
    const res = await t.http.get(`/api/events/${setup.eventId}/report?format=csv&locale=en`).set(organizer.auth).buffer(true).parse(utf8);
    expect(res.status).toBe(200);
    const lines = (res.body as string).slice(1).split('\r\n');
    const section = (title: string) => {
      const start = lines.indexOf(title);
      expect(start).toBeGreaterThan(0);
      const end = lines.indexOf('', start);
      return lines.slice(start + 1, end);
    };
    const value = (labelText: string) => lines.find((l) => l.startsWith(`${labelText},`))?.split(',')[1];
    expect(value('Connections that met')).toBe('4');
    expect(value('Share of connections that met')).toBe('0.4444');
    expect(section('Meetings by mode')).toEqual(['Mode,Scheduled,Held,No-show,Cancelled', 'On site,3,2,0,1', 'Online,4,2,2,0']);
    expect(section('Meetings by venue')).toEqual([
      'Venue,Scheduled,Held,No-show,Cancelled',
      ...json.meetingsByVenue.map((m: { name: string; scheduled: number; held: number; noShow: number; cancelled: number }) =>
        [m.name, m.scheduled, m.held, m.noShow, m.cancelled].join(','),
      ),
    ]);
    expect(section('No-show rate by side')).toEqual(['Side,Meetings due,Missed by this side,No-show rate', 'VN,6,1,0.1667', 'CN,6,2,0.3333']);
  });

  it('exports the meeting sheets in XLSX, equal to the JSON report', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const json = await report('zh');
    const res = await t.http.get(`/api/events/${setup.eventId}/report?format=xlsx&locale=zh`).set(organizer.auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      expect(sheet).toBeDefined();
      const out: unknown[][] = [];
      sheet!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(rows('按方式统计洽谈')).toEqual([
      ['洽谈方式', '已安排', '已举行', '缺席', '已取消'],
      ['现场', 3, 2, 0, 1],
      ['线上', 4, 2, 2, 0],
    ]);
    expect(rows('按会场统计洽谈')).toEqual([
      ['会场', '已安排', '已举行', '缺席', '已取消'],
      ...json.meetingsByVenue.map((m: { name: string; scheduled: number; held: number; noShow: number; cancelled: number }) => [m.name, m.scheduled, m.held, m.noShow, m.cancelled]),
    ]);
    expect(rows('各方缺席率')).toEqual([
      ['方', '应到洽谈', '本方缺席', '缺席率'],
      ['VN', 6, 1, 0.1667],
      ['CN', 6, 2, 0.3333],
    ]);
    const summary = new Map(rows('汇总').map(([k, v]) => [k, v]));
    expect([summary.get('已举行洽谈的对接'), summary.get('对接举行洽谈比例')]).toEqual([4, 0.4444]);
  });

  it('renders the meeting tables in the PDF, Chinese and Vietnamese glyphs included', async () => {
    for (const [locale, expected] of [
      ['zh', { title: '各方缺席率', venues: '按会场统计洽谈', online: '线上', cn: /^\s*CN\s+6\s+2\s+33\.3%\s*$/m, share: /^\s*对接举行洽谈比例\s+44\.4%\s*$/m }],
      [
        'vi',
        {
          title: 'Tỷ lệ vắng mặt theo phía',
          venues: 'Cuộc gặp theo điểm cầu',
          online: 'Trực tuyến',
          cn: /^\s*CN\s+6\s+2\s+33,3\s*%\s*$/m,
          share: /^\s*Tỷ lệ kết nối đã gặp mặt\s+44,4\s*%\s*$/m,
        },
      ],
      ['en', { title: 'No-show rate by side', venues: 'Meetings by venue', online: 'Online', cn: /^\s*CN\s+6\s+2\s+33\.3%\s*$/m, share: /^\s*Share of connections that met\s+44\.4%\s*$/m }],
    ] as const) {
      const res = await t.http.get(`/api/events/${setup.eventId}/report?format=pdf&locale=${locale}`).set(organizer.auth).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = pdfText(res.body as Buffer);
      expect(text).toContain(expected.title);
      expect(text).toContain(expected.venues);
      expect(text).toContain('杭州分会场');
      expect(text).toContain('Điểm cầu chính Lào Cai');
      expect(text).toMatch(new RegExp(`^\\s*${expected.online}\\s+4\\s+2\\s+2\\s+0\\s*$`, 'm'));
      expect(text).toMatch(expected.cn);
      expect(text).toMatch(expected.share);
    }
  });
});

/** supertest parser that keeps a text body as one UTF-8 string. */
function utf8(res: Response, done: (error: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

/** supertest parser that keeps a binary body as one Buffer. */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a PDF, row by row as `pdftotext -layout` gave it (test/factories/pdf-text.mjs). */
function pdfText(pdf: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, '..', 'factories', 'pdf-text.mjs')], { input: pdf, encoding: 'utf8' });
}
