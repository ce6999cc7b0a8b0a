import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import type { Locale, Localized } from '@tradebridge/contracts';
import { pdfFonts } from '@tradebridge/core';
import { countryName } from '@tradebridge/reference';
import { say } from './labels';
import { badgeNames, clockTime, dayOf, offsetOf, otherNames, pick, stamp, timeRange } from './format';
import { qrPng } from './qr-png';
import type { BadgeRow, ScheduleMeeting, ScheduleOwner, TableMeeting } from './printables.repository';

type Doc = PDFKit.PDFDocument;

const INK = '#1f2a37';
const MUTED = '#5b6675';
const RULE = '#d9dee4';
const SOFT = '#eef4f4';
/** The two sides' colours, as the web app's badges use them: the first side teal, the second brick. */
const SIDE_COLOURS = ['#0f6e6e', '#9a3b26'] as const;
const MARGIN = 40;
/** A6 in points; four of them tile an A4 sheet exactly. */
export const A6 = { width: 297.64, height: 419.53 } as const;
export const A4 = { width: 595.28, height: 841.89 } as const;

export type BadgeLayout = 'a6' | 'a4';

export interface EventFacts {
  name: Localized;
  timezone: string;
  sides: [string, string];
}

interface Opened {
  doc: Doc;
  done: Promise<void>;
}

function open(stream: Writable, title: string, size: [number, number], bufferPages: boolean): Opened {
  const { regular, bold } = pdfFonts();
  const doc = new PDFDocument({ size, margin: MARGIN, bufferPages, autoFirstPage: false, info: { Title: title, Author: 'TradeBridge', Subject: title } });
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(stream);
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  return { doc, done };
}

/** The largest size from `max` down to `min` at which `text` fits `width` × `height`. */
function fit(doc: Doc, text: string, font: string, width: number, height: number, max: number, min: number): number {
  doc.font(font);
  for (let size = max; size > min; size -= 0.5) {
    if (doc.fontSize(size).heightOfString(text, { width }) <= height) return size;
  }
  return min;
}

const sideColour = (event: EventFacts, side: string) => SIDE_COLOURS[event.sides.indexOf(side) === 1 ? 1 : 0];

/** A run of pages numbered together, in one language: a whole document, or one enterprise's schedule. */
interface PageRun {
  start: number;
  count: number;
  locale: Locale;
}

/** "Page 2 of 5 · Printed 19 Jan 2021, 08:00 (GMT+7)" at the foot of every buffered page, numbered per run. */
function footers(doc: Doc, runs: PageRun[], timeZone: string, now: Date): void {
  for (const run of runs) {
    const printed = say('printed', run.locale, { time: stamp(now, run.locale, timeZone) });
    for (let i = 0; i < run.count; i++) {
      doc.switchToPage(run.start + i);
      const bottom = doc.page.height - MARGIN + 12;
      // Writing below the bottom margin must not start a page of its own.
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, bottom: 0 };
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${say('page', run.locale, { n: i + 1, total: run.count })}  ·  ${printed}`, MARGIN, bottom, { width: doc.page.width - 2 * MARGIN, align: 'right', lineBreak: false });
      doc.page.margins = margins;
    }
  }
}

/** The whole document as one run. */
const whole = (doc: Doc, locale: Locale): PageRun[] => [{ start: doc.bufferedPageRange().start, count: doc.bufferedPageRange().count, locale }];

// ---- badges ----

/**
 * Badges: one A6 page each, or four to an A4 sheet with cut lines. Each shows the event,
 * the side, the enterprise's name (in its own country's language, the reader's and the
 * others below: see `badgeNames`), the QR code of its badge code (what the check-in desk
 * and the scan flow read), the venue and room.
 */
export async function writeBadges(stream: Writable, event: EventFacts, badges: BadgeRow[], layout: BadgeLayout, locale: Locale): Promise<void> {
  const { doc, done } = open(stream, `${say('badges', locale)}: ${pick(event.name, locale)}`, layout === 'a6' ? [A6.width, A6.height] : [A4.width, A4.height], false);
  // addPage's options replace the document's: the size goes with each page.
  if (badges.length === 0) {
    doc.addPage();
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(INK)
      .text(say('nothing', locale), MARGIN, MARGIN, { width: doc.page.width - 2 * MARGIN });
  }
  const size: [number, number] = layout === 'a6' ? [A6.width, A6.height] : [A4.width, A4.height];
  const cell = layout === 'a6' ? A6 : { width: A4.width / 2, height: A4.height / 2 };
  for (let i = 0; i < badges.length; i++) {
    const slot = layout === 'a6' ? 0 : i % 4;
    if (slot === 0) {
      doc.addPage({ size, margin: 0 });
      if (layout === 'a4') cutLines(doc);
    }
    const x = (slot % 2) * cell.width;
    const y = Math.floor(slot / 2) * cell.height;
    drawBadge(doc, x, y, cell.width, cell.height, event, badges[i], locale);
  }
  doc.end();
  await done;
}

function cutLines(doc: Doc): void {
  doc.save().lineWidth(0.5).strokeColor('#9aa4ae').dash(4, { space: 4 });
  doc
    .moveTo(A4.width / 2, 0)
    .lineTo(A4.width / 2, A4.height)
    .stroke();
  doc
    .moveTo(0, A4.height / 2)
    .lineTo(A4.width, A4.height / 2)
    .stroke();
  doc.undash().restore();
}

/** The event's name in the band: on one line, shrunk down to this size at most, before it wraps. */
const BAND_FLOOR = 8.5;

/**
 * The band's text: one line at the largest size from 11 pt down to the floor that fits it;
 * else two lines (or more) as even as the width allows, so no word is left alone on a line.
 */
function bandText(doc: Doc, text: string, width: number, height: number): { size: number; width: number } {
  doc.font('bold');
  for (let size = 11; size >= BAND_FLOOR; size -= 0.5) {
    if (doc.fontSize(size).widthOfString(text) <= width) return { size, width };
  }
  const size = fit(doc, text, 'bold', width, height, 11, 7);
  doc.fontSize(size);
  // The narrowest width that keeps as few lines as the full width: the lines come out even.
  const lines = doc.heightOfString(text, { width });
  let [low, high] = [width / 2, width];
  while (high - low > 1) {
    const mid = (low + high) / 2;
    if (doc.heightOfString(text, { width: mid }) <= lines) high = mid;
    else low = mid;
  }
  return { size, width: Math.ceil(high) };
}

function drawBadge(doc: Doc, x: number, y: number, w: number, h: number, event: EventFacts, badge: BadgeRow, locale: Locale): void {
  const pad = 20;
  const inner = w - 2 * pad;
  const colour = sideColour(event, badge.side);
  // The band: the event's name on the side's colour, centred in its height.
  const band = 54;
  doc.rect(x, y, w, band).fill(colour);
  const eventName = pick(event.name, locale);
  const banner = bandText(doc, eventName, inner, band - 18);
  const bannerHeight = Math.min(band - 14, doc.font('bold').fontSize(banner.size).heightOfString(eventName, { width: banner.width }));
  doc.fillColor('#ffffff').text(eventName, x + pad, y + (band - bannerHeight) / 2, { width: banner.width, height: band - 14, ellipsis: true });
  // The names' block: the side, then up to 64 pt of the leading name and 26 of the others.
  const namesTop = y + band + 14;
  const namesBottom = namesTop + 20 + 64 + 4 + 26;
  let cursor = namesTop;
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(colour)
    .text(countryName(badge.side, locale).toUpperCase(), x + pad, cursor, { width: inner, lineBreak: false });
  cursor += 20;
  const { lead, below } = badgeNames(badge.name, badge.side, locale);
  const nameSize = fit(doc, lead, 'bold', inner, 64, 20, 10);
  doc
    .font('bold')
    .fontSize(nameSize)
    .fillColor(INK)
    .text(lead, x + pad, cursor, { width: inner, height: 64, ellipsis: true });
  cursor += Math.min(64, doc.heightOfString(lead, { width: inner })) + 4;
  if (below.length) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(below.join('\n'), x + pad, cursor, { width: inner, height: 26, ellipsis: true });
  }
  // From the bottom up: where, then the code, then the QR above them, as large as the space
  // the names' block leaves (the same on every badge), so a phone reads it from further away.
  const place = [`${badge.venueName} · ${badge.venueCity}`, badge.room ? pick(badge.room, locale) : badge.attendance === 'online' ? say('onlineAttendance', locale) : '']
    .filter(Boolean)
    .join('\n');
  const placeHeight = doc.font('regular').fontSize(9).heightOfString(place, { width: inner });
  const placeTop = y + h - pad - placeHeight;
  doc.fillColor(INK).text(place, x + pad, placeTop, { width: inner, align: 'center' });
  const codeTop = placeTop - 22;
  doc
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(badge.badgeCode, x + pad, codeTop, { width: inner, align: 'center', lineBreak: false });
  const qrSize = Math.min(inner, codeTop - 4 - namesBottom);
  const image = qrPng(badge.badgeCode);
  doc.image(image, x + (w - qrSize) / 2, codeTop - 4 - qrSize, { width: qrSize, height: qrSize });
}

// ---- tables of rows, shared by the schedule, the plan and the check-in list ----

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
  /** The first line's size (default 9.5): smaller for codes that must not wrap. */
  size?: number;
}
/** A cell: its lines, the first in ink, the rest muted. A `box` cell draws a tick box. */
type Cell = string[] | { box: true };
type Row = { cells: Cell[] } | { group: string };

function cellHeight(doc: Doc, cell: Cell, column: Column, width: number): number {
  if (!Array.isArray(cell)) return 12;
  let height = 0;
  cell.forEach((line, i) => {
    if (line)
      height +=
        doc
          .font('regular')
          .fontSize(i === 0 ? (column.size ?? 9.5) : 8)
          .heightOfString(line, { width }) + (i > 0 ? 1 : 0);
  });
  return height;
}

/** Rows under a header that repeats on each new page; a group row starts a band. */
function drawRows(doc: Doc, columns: Column[], rows: Row[], top: number, newPage: () => number): void {
  const left = MARGIN;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const bottom = doc.page.height - MARGIN - 16;
  const pad = 4;
  let y = top;
  const header = () => {
    doc.rect(left, y, width, 18).fill(SOFT);
    let x = left;
    for (const c of columns) {
      doc
        .font('bold')
        .fontSize(8.5)
        .fillColor(MUTED)
        .text(c.header, x + pad, y + 4.5, { width: c.width - 2 * pad, align: c.align ?? 'left', lineBreak: false });
      x += c.width;
    }
    y += 20;
  };
  header();
  for (const row of rows) {
    const height = 'group' in row ? 20 : Math.max(...row.cells.map((cell, i) => cellHeight(doc, cell, columns[i], columns[i].width - 2 * pad))) + 2 * pad;
    if (y + height > bottom) {
      y = newPage();
      header();
    }
    if ('group' in row) {
      doc
        .font('bold')
        .fontSize(10)
        .fillColor(INK)
        .text(row.group, left + pad, y + 5, { width: width - 2 * pad, lineBreak: false });
      y += height;
      doc
        .moveTo(left, y)
        .lineTo(left + width, y)
        .lineWidth(0.8)
        .strokeColor(INK)
        .stroke();
      continue;
    }
    let x = left;
    row.cells.forEach((cell, i) => {
      const c = columns[i];
      if (!Array.isArray(cell)) {
        doc
          .rect(x + (c.width - 12) / 2, y + pad, 12, 12)
          .lineWidth(0.8)
          .strokeColor(INK)
          .stroke();
      } else {
        let lineY = y + pad;
        cell.forEach((line, j) => {
          if (!line) return;
          doc
            .font('regular')
            .fontSize(j === 0 ? (c.size ?? 9.5) : 8)
            .fillColor(j === 0 ? INK : MUTED);
          doc.text(line, x + pad, lineY, { width: c.width - 2 * pad, align: c.align ?? 'left' });
          lineY += doc.heightOfString(line, { width: c.width - 2 * pad }) + (j > 0 ? 1 : 0);
        });
      }
      x += c.width;
    });
    y += height;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }
}

function heading(doc: Doc, kicker: string, title: string, lines: string[], accent: string): number {
  const width = doc.page.width - 2 * MARGIN;
  doc.rect(0, 0, doc.page.width, 6).fill(accent);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(accent)
    .text(kicker, MARGIN, MARGIN - 8, { width });
  doc.font('bold').fontSize(17).fillColor(INK).text(title, { width });
  for (const line of lines) doc.font('regular').fontSize(9.5).fillColor(MUTED).text(line, { width });
  return doc.y + 10;
}

const usable = () => A4.width - 2 * MARGIN;

// ---- personal schedules ----

/** How one schedule is printed: its owner, and the language and clock of its reader. */
export interface ScheduleSheet {
  owner: ScheduleOwner;
  locale: Locale;
  timezone: string;
  meetings: ScheduleMeeting[];
}

/**
 * Each enterprise's meetings on pages of its own, in its language and time zone (with
 * the venue's clock beside it where that differs), by day, with the table numbers.
 */
export async function writeSchedules(stream: Writable, event: EventFacts, sheets: ScheduleSheet[], locale: Locale, now: Date): Promise<void> {
  const { doc, done } = open(stream, `${say('schedule', locale)}: ${pick(event.name, locale)}`, [A4.width, A4.height], true);
  if (sheets.length === 0) {
    doc.addPage();
    doc.font('regular').fontSize(11).fillColor(INK).text(say('nothing', locale), MARGIN, MARGIN, { width: usable() });
  }
  const runs: PageRun[] = [];
  for (const sheet of sheets) {
    const first = doc.bufferedPageRange().count;
    const l = sheet.locale;
    const { owner } = sheet;
    const top = () => {
      doc.addPage();
      return heading(
        doc,
        pick(event.name, l),
        `${say('schedule', l)}: ${pick(owner.name, l)}`,
        [
          `${countryName(owner.side, l)}  ·  ${owner.venueName}, ${owner.venueCity}  ·  ${say('badgeCode', l)} ${owner.badgeCode}`,
          `${say('timesIn', l, { zone: `${sheet.timezone} (${offsetOf(sheet.meetings[0]?.startsAt ?? now.toISOString(), sheet.timezone)})` })}  ·  ${say('meetingsCount', l, { n: sheet.meetings.length })}`,
        ],
        sideColour(event, owner.side),
      );
    };
    const y = top();
    if (sheet.meetings.length === 0) {
      doc.font('regular').fontSize(11).fillColor(INK).text(say('noMeetings', l), MARGIN, y, { width: usable() });
      runs.push({ start: first, count: doc.bufferedPageRange().count - first, locale: l });
      continue;
    }
    const rows: Row[] = [];
    let day = '';
    for (const m of sheet.meetings) {
      const thisDay = dayOf(m.startsAt, l, sheet.timezone);
      if (thisDay !== day) rows.push({ group: (day = thisDay) });
      const venueZone = m.venueTimezone ?? event.timezone;
      const time = [timeRange(m.startsAt, m.endsAt, l, sheet.timezone)];
      if (m.mode === 'onsite' && offsetOf(m.startsAt, venueZone) !== offsetOf(m.startsAt, sheet.timezone)) {
        time.push(`${say('venueTime', l)}: ${timeRange(m.startsAt, m.endsAt, l, venueZone)}`);
      }
      if (m.status === 'held' || m.status === 'no_show') time.push(say(m.status, l));
      const place = m.mode === 'online' ? [say('online', l), m.link ?? ''] : [say('table', l, { n: m.tableNo ?? '' }), m.venueName ?? ''];
      rows.push({ cells: [time, [pick(m.partnerName, l), countryName(m.partnerSide, l)], place] });
    }
    drawRows(
      doc,
      [
        { header: say('time', l), width: 130 },
        { header: say('partner', l), width: usable() - 130 - 165 },
        { header: say('place', l), width: 165 },
      ],
      rows,
      y,
      top,
    );
    runs.push({ start: first, count: doc.bufferedPageRange().count - first, locale: l });
  }
  footers(doc, sheets.length ? runs : whole(doc, locale), event.timezone, now);
  doc.end();
  await done;
}

// ---- a venue's table plan and signs ----

export interface VenueFacts {
  name: string;
  city: string;
  timezone: string;
  tables: { tableNo: number; code: string }[];
}

/**
 * The table plan of a venue (who sits at which table, slot by slot), then one sign per
 * table: its number in the three languages, the QR code a party scans to check in, and
 * its meetings by slot. Times are the venue's.
 */
export async function writeTablePlan(stream: Writable, event: EventFacts, venue: VenueFacts, meetings: TableMeeting[], locale: Locale, now: Date): Promise<void> {
  const { doc, done } = open(stream, `${say('tablePlan', locale)}: ${venue.name}`, [A4.width, A4.height], true);
  const zone = venue.timezone;
  const party = (name: Localized, side: string) => [pick(name, locale), countryName(side, locale)];
  const planTop = () => {
    doc.addPage();
    return heading(
      doc,
      pick(event.name, locale),
      `${say('tablePlan', locale)}: ${venue.name}`,
      [
        `${venue.city}  ·  ${say('tables', locale, { n: venue.tables.length })}  ·  ${say('meetingsCount', locale, { n: meetings.length })}  ·  ${say('timesIn', locale, { zone: `${zone} (${offsetOf(meetings[0]?.startsAt ?? now.toISOString(), zone)})` })}`,
      ],
      SIDE_COLOURS[0],
    );
  };
  const y = planTop();
  if (meetings.length === 0) {
    doc.font('regular').fontSize(11).fillColor(INK).text(say('noTableMeetings', locale), MARGIN, y, { width: usable() });
  } else {
    const bySlot = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.tableNo - b.tableNo);
    const rows: Row[] = [];
    let slot = '';
    for (const m of bySlot) {
      const thisSlot = `${dayOf(m.startsAt, locale, zone)}  ${timeRange(m.startsAt, m.endsAt, locale, zone)}`;
      if (thisSlot !== slot) rows.push({ group: (slot = thisSlot) });
      rows.push({ cells: [[say('table', locale, { n: m.tableNo })], party(m.fromName, m.fromSide), party(m.toName, m.toSide)] });
    }
    const rest = (usable() - 70) / 2;
    drawRows(
      doc,
      [
        { header: say('table', locale, { n: '' }).trim(), width: 70 },
        { header: say('enterprise', locale), width: rest },
        { header: say('enterprise', locale), width: rest },
      ],
      rows,
      y,
      planTop,
    );
  }
  // One sign per table.
  const atTable = new Map<number, TableMeeting[]>();
  for (const m of meetings) atTable.set(m.tableNo, [...(atTable.get(m.tableNo) ?? []), m]);
  for (const table of venue.tables) {
    doc.addPage();
    const width = usable();
    doc.rect(0, 0, A4.width, 10).fill(SIDE_COLOURS[0]);
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(MUTED)
      .text(`${pick(event.name, locale)}  ·  ${venue.name}`, MARGIN, MARGIN, { width, align: 'center' });
    doc
      .font('bold')
      .fontSize(64)
      .fillColor(INK)
      .text(say('table', locale, { n: table.tableNo }), MARGIN, MARGIN + 22, { width, align: 'center' });
    const others = (['vi', 'zh', 'en'] as const).filter((l) => l !== locale).map((l) => say('table', l, { n: table.tableNo }));
    doc.font('regular').fontSize(16).fillColor(MUTED).text(others.join('  ·  '), { width, align: 'center' });
    const qrSize = 170;
    const qrTop = doc.y + 14;
    doc.image(qrPng(table.code), (A4.width - qrSize) / 2, qrTop, { width: qrSize, height: qrSize });
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(INK)
      .text(table.code, MARGIN, qrTop + qrSize + 4, { width, align: 'center' });
    doc.font('regular').fontSize(9.5).fillColor(MUTED).text(say('scanTable', locale), { width, align: 'center' });
    const list = atTable.get(table.tableNo) ?? [];
    const rows: Row[] = [];
    let day = '';
    for (const m of list) {
      const thisDay = dayOf(m.startsAt, locale, zone);
      if (thisDay !== day) rows.push({ group: (day = thisDay) });
      rows.push({ cells: [[timeRange(m.startsAt, m.endsAt, locale, zone)], party(m.fromName, m.fromSide), party(m.toName, m.toSide)] });
    }
    const signTop = doc.y + 14;
    if (rows.length === 0) {
      doc.font('regular').fontSize(11).fillColor(INK).text(say('noMeetings', locale), MARGIN, signTop, { width, align: 'center' });
      continue;
    }
    const rest = (width - 90) / 2;
    drawRows(
      doc,
      [
        { header: say('time', locale), width: 90 },
        { header: say('enterprise', locale), width: rest },
        { header: say('enterprise', locale), width: rest },
      ],
      rows,
      signTop,
      () => {
        doc.addPage();
        doc
          .font('bold')
          .fontSize(14)
          .fillColor(INK)
          .text(`${say('table', locale, { n: table.tableNo })}  ·  ${venue.name}`, MARGIN, MARGIN, { width });
        return doc.y + 8;
      },
    );
  }
  footers(doc, whole(doc, locale), zone, now);
  doc.end();
  await done;
}

// ---- a venue's check-in list ----

/** The on-site participants of a venue by name, with a tick box for those not yet checked in. */
export async function writeCheckInList(
  stream: Writable,
  event: EventFacts,
  venue: Pick<VenueFacts, 'name' | 'city' | 'timezone'>,
  rows: BadgeRow[],
  locale: Locale,
  now: Date,
): Promise<void> {
  const { doc, done } = open(stream, `${say('checkInList', locale)}: ${venue.name}`, [A4.width, A4.height], true);
  const checked = rows.filter((r) => r.checkedInAt).length;
  const top = () => {
    doc.addPage();
    return heading(
      doc,
      pick(event.name, locale),
      `${say('checkInList', locale)}: ${venue.name}`,
      [`${venue.city}  ·  ${say('total', locale, { n: rows.length, m: checked })}`],
      SIDE_COLOURS[0],
    );
  };
  const y = top();
  if (rows.length === 0) {
    doc.font('regular').fontSize(11).fillColor(INK).text(say('nothing', locale), MARGIN, y, { width: usable() });
  } else {
    const fixed = 26 + 62 + 90 + 124 + 52;
    drawRows(
      doc,
      [
        { header: '#', width: 26, align: 'right' },
        { header: say('enterprise', locale), width: usable() - fixed },
        { header: say('side', locale), width: 62 },
        { header: say('room', locale), width: 90 },
        { header: say('badgeCode', locale), width: 124, size: 7 },
        { header: say('checkedIn', locale), width: 52, align: 'center' },
      ],
      rows.map((r, i) => ({
        cells: [
          [String(i + 1)],
          [pick(r.name, locale), otherNames(r.name, locale).join(' · ')],
          [countryName(r.side, locale)],
          [r.room ? pick(r.room, locale) : ''],
          [r.badgeCode],
          r.checkedInAt ? [clockTime(r.checkedInAt, locale, venue.timezone)] : { box: true },
        ],
      })),
      y,
      top,
    );
  }
  footers(doc, whole(doc, locale), venue.timezone, now);
  doc.end();
  await done;
}
