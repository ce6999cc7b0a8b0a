import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import type { Locale } from '@tradebridge/contracts';
import { pdfFonts } from '@tradebridge/core';
import { formatDecimal } from './decimal';
import { hasLabel, label, LabelKey } from './labels';
import type { ReportJson } from './report.service';

const INK = '#1f2a37';
const MUTED = '#5b6675';
const ACCENT = '#0f6e6e';
const ACCENT_SOFT = '#d7ecea';
const RULE = '#d9dee4';
const MARGIN = 48;

type Doc = PDFKit.PDFDocument;

/**
 * The report as a PDF: the event's name, the headline figures, charts of the
 * connections made by room and by venue and over time, then the tables.
 */
export async function writePdf(stream: Writable, report: ReportJson, locale: Locale): Promise<void> {
  const l = (key: LabelKey) => label(key, locale);
  const named = (key: string) => (hasLabel(key) ? label(key, locale) : key);
  const number = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : locale);
  const percent = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : locale, { style: 'percent', maximumFractionDigits: 1 });
  const { regular, bold } = pdfFonts();

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${l('report')}: ${report.event.name}`, Author: 'TradeBridge', Subject: l('report') },
  });
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(stream);
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width - 2 * MARGIN;

  // Title block.
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  doc.font('regular').fontSize(10).fillColor(ACCENT).text(l('report').toUpperCase(), MARGIN, MARGIN, { characterSpacing: 1 });
  doc.font('bold').fontSize(20).fillColor(INK).text(report.event.name, { width });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`${dateRange(report, locale)}  ·  ${report.event.sides.join(' – ')}`, { width });
  doc.moveDown(1.2);

  // Headline figures: two rows of three cards.
  const t = report.totals;
  const cards: [string, string][] = [
    [l('connectionsMade'), number.format(t.connectionsMade)],
    [l('approved'), number.format(t.approved)],
    [l('checkedIn'), number.format(t.checkedIn)],
    [l('acceptanceRate'), percent.format(t.acceptanceRate)],
    [l('meetingsHeld'), number.format(t.meetingsHeld)],
    [l('outcomes'), number.format(t.outcomes)],
  ];
  const cardWidth = (width - 2 * 12) / 3;
  const cardHeight = 62;
  const top = doc.y;
  cards.forEach(([caption, value], i) => {
    const x = MARGIN + (i % 3) * (cardWidth + 12);
    const y = top + Math.floor(i / 3) * (cardHeight + 10);
    doc.roundedRect(x, y, cardWidth, cardHeight, 6).fill(i === 0 ? ACCENT : ACCENT_SOFT);
    doc
      .font('bold')
      .fontSize(20)
      .fillColor(i === 0 ? '#ffffff' : INK)
      .text(value, x + 12, y + 9, { width: cardWidth - 24, lineBreak: false });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(i === 0 ? '#e6f4f3' : MUTED)
      .text(caption, x + 12, y + 38, { width: cardWidth - 24, lineBreak: false, ellipsis: true });
  });
  doc.y = top + 2 * cardHeight + 10 + 18;
  doc.x = MARGIN;

  // Charts.
  heading(doc, l('chartByRoom'));
  barChart(
    doc,
    report.byRoom.map((r) => ({ label: r.name, value: r.made })),
    number,
  );
  heading(doc, l('chartByVenue'));
  barChart(doc, madeByVenue(report), number);
  heading(doc, l('chartTimeline'));
  timelineChart(doc, report, locale, number);

  // Tables.
  table(
    doc,
    l('summary'),
    [l('figure'), l('value')],
    [
      ...(['registered', 'approved', 'checkedIn', 'connectionsRequested', 'connectionsMade', 'connectionsDeclined', 'connectionsExpired'] as const).map((k) => [l(k), number.format(t[k])]),
      [l('acceptanceRate'), percent.format(t.acceptanceRate)],
      ...(['meetingsScheduled', 'meetingsHeld', 'meetingsNoShow', 'outcomes', 'connectionsWithHeldMeeting'] as const).map((k) => [l(k), number.format(t[k])]),
      [l('heldMeetingShare'), percent.format(t.heldMeetingShare)],
    ],
    [0.7, 0.3],
  );
  table(
    doc,
    l('bySide'),
    [l('side'), l('registered'), l('approved'), l('checkedIn'), l('requested'), l('made')],
    report.bySide.map((s) => [s.key, ...[s.registered, s.approved, s.checkedIn, s.requested, s.made].map((n) => number.format(n))]),
    [0.25, 0.15, 0.15, 0.15, 0.15, 0.15],
  );
  table(
    doc,
    l('byRoom'),
    [l('room'), l('approved'), l('requested'), l('made')],
    report.byRoom.map((r) => [r.name, ...[r.approved, r.requested, r.made].map((n) => number.format(n))]),
    [0.46, 0.18, 0.18, 0.18],
  );
  table(
    doc,
    l('byVenue'),
    [l('venue'), l('registered'), l('approved'), l('checkedIn')],
    report.byVenue.map((v) => [v.name, ...[v.registered, v.approved, v.checkedIn].map((n) => number.format(n))]),
    [0.46, 0.18, 0.18, 0.18],
  );
  table(
    doc,
    l('byVenuePair'),
    [l('venue'), l('venue'), l('made')],
    report.byVenuePair.map((p) => [p.names[0], p.names[1], number.format(p.made)]),
    [0.4, 0.4, 0.2],
    2,
  );
  table(
    doc,
    l('bySector'),
    [l('sector'), l('name'), l('made')],
    report.bySector.map((s) => [s.section, s.name, number.format(s.made)]),
    [0.1, 0.75, 0.15],
    2,
  );
  table(
    doc,
    l('topHsPairs'),
    [l('hsChapter'), l('name'), l('seller'), l('buyer'), l('made')],
    report.topHsPairs.map((p) => [p.chapter, p.name, p.sellerSide, p.buyerSide, number.format(p.made)]),
    [0.1, 0.55, 0.1, 0.1, 0.15],
    4,
  );
  table(
    doc,
    l('byChannel'),
    [l('channel'), l('requested'), l('made')],
    report.byChannel.map((c) => [named(c.key), number.format(c.requested), number.format(c.made)]),
    [0.5, 0.25, 0.25],
  );
  const meetingColumns = [l('scheduled'), l('held'), l('noShow'), l('cancelled')];
  const meetingCells = (m: { scheduled: number; held: number; noShow: number; cancelled: number }) => [m.scheduled, m.held, m.noShow, m.cancelled].map((n) => number.format(n));
  table(
    doc,
    l('meetingsByMode'),
    [l('mode'), ...meetingColumns],
    report.meetingsByMode.map((m) => [named(m.key), ...meetingCells(m)]),
    [0.36, 0.16, 0.16, 0.16, 0.16],
  );
  table(
    doc,
    l('meetingsByVenue'),
    [l('venue'), ...meetingColumns],
    report.meetingsByVenue.map((m) => [m.name, ...meetingCells(m)]),
    [0.36, 0.16, 0.16, 0.16, 0.16],
  );
  table(
    doc,
    l('noShowBySide'),
    [l('side'), l('due'), l('absent'), l('noShowRate')],
    report.noShowBySide.map((s) => [s.side, number.format(s.due), number.format(s.absent), percent.format(s.rate)]),
    [0.25, 0.25, 0.25, 0.25],
  );
  table(
    doc,
    l('outcomesSheet'),
    [l('kind'), l('value')],
    report.outcomesByKind.map((o) => [named(o.kind), number.format(o.count)]),
    [0.7, 0.3],
  );
  table(
    doc,
    l('valueByCurrency'),
    [l('currency'), l('amount')],
    report.valueByCurrency.map((v) => [v.currency, formatDecimal(v.amount, locale)]),
    [0.5, 0.5],
  );

  // Page numbers and the generator, on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift the margin, or PDFKit would open a new page for the footer.
    doc.page.margins.bottom = 0;
    const footerY = doc.page.height - MARGIN + 16;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(`TradeBridge · ${report.event.name}`, MARGIN, footerY, { width: width - 60, lineBreak: false, ellipsis: true });
    doc.text(`${i + 1} / ${range.count}`, MARGIN + width - 60, footerY, { width: 60, align: 'right', lineBreak: false });
  }
  doc.end();
  await done;
}

/** Connections made touching each venue (a connection inside one venue counts once). */
export function madeByVenue(report: ReportJson): { label: string; value: number }[] {
  const made = new Map<string, number>(report.byVenue.map((v) => [v.name, 0]));
  for (const pair of report.byVenuePair) {
    made.set(pair.names[0], (made.get(pair.names[0]) ?? 0) + pair.made);
    if (pair.venueA !== pair.venueB) made.set(pair.names[1], (made.get(pair.names[1]) ?? 0) + pair.made);
  }
  return [...made].map(([name, value]) => ({ label: name, value })).sort((a, b) => b.value - a.value);
}

function dateRange(report: ReportJson, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : locale, { timeZone: report.event.timezone, dateStyle: 'long' });
  const from = format.format(new Date(report.event.startsAt));
  const to = format.format(new Date(report.event.endsAt));
  return from === to ? from : `${from} – ${to}`;
}

/**
 * The timeline with every hour of the event present (zero when nothing was
 * made), so the columns read as time; a timeline wider than three days keeps
 * only its non-empty hours.
 */
export function hourly(report: ReportJson): { at: string; made: number }[] {
  const HOUR = 3_600_000;
  const made = new Map(report.timeline.map((p) => [Date.parse(p.at), p.made]));
  const times = [...made.keys(), Date.parse(report.event.startsAt), Date.parse(report.event.endsAt) - 1];
  const first = Math.floor(Math.min(...times) / HOUR) * HOUR;
  const last = Math.floor(Math.max(...times) / HOUR) * HOUR;
  if ((last - first) / HOUR > 72) return report.timeline;
  const hours: { at: string; made: number }[] = [];
  for (let t = first; t <= last; t += HOUR) hours.push({ at: new Date(t).toISOString(), made: made.get(t) ?? 0 });
  return hours;
}

/** Room for `height` more points on this page, else a new page. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) {
    doc.addPage();
    doc.y = MARGIN;
  }
  doc.x = MARGIN;
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.font('bold').fontSize(12).fillColor(INK).text(text, MARGIN, doc.y);
  doc.moveDown(0.4);
}

/** Horizontal bars, largest first as given, with the value at each bar's end. */
function barChart(doc: Doc, items: { label: string; value: number }[], number: Intl.NumberFormat): void {
  const width = doc.page.width - 2 * MARGIN;
  const labelWidth = width * 0.32;
  const barSpace = width - labelWidth - 60;
  const max = Math.max(1, ...items.map((i) => i.value));
  for (const item of items) {
    ensureSpace(doc, 20);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(item.label, MARGIN, y + 2, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    doc.rect(MARGIN + labelWidth, y + 2, barSpace, 12).fill('#eef1f4');
    if (item.value > 0) doc.rect(MARGIN + labelWidth, y + 2, Math.max(2, (item.value / max) * barSpace), 12).fill(ACCENT);
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(number.format(item.value), MARGIN + labelWidth + barSpace + 6, y + 2, { width: 54, lineBreak: false });
    doc.y = y + 18;
  }
  doc.moveDown(0.8);
}

/** Connections made per hour as columns, hours in the event's time zone. */
function timelineChart(doc: Doc, report: ReportJson, locale: Locale, number: Intl.NumberFormat): void {
  const width = doc.page.width - 2 * MARGIN;
  const height = 120;
  ensureSpace(doc, height + 40);
  const top = doc.y;
  const points = hourly(report);
  const max = Math.max(1, ...points.map((p) => p.made));
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(number.format(max), MARGIN, top - 2, { lineBreak: false });
  if (points.length) {
    const step = width / points.length;
    const hour = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : locale, { timeZone: report.event.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const labelEvery = Math.max(1, Math.ceil(points.length / 8));
    points.forEach((p, i) => {
      const h = (p.made / max) * (height - 14);
      const bar = Math.min(step * 0.7, 28);
      doc.rect(MARGIN + i * step + (step - bar) / 2, top + height - h, bar, h).fill(ACCENT);
      if (i % labelEvery === 0) {
        doc
          .font('regular')
          .fontSize(7)
          .fillColor(MUTED)
          .text(hour.format(new Date(p.at)), MARGIN + i * step - 10, top + height + 4, { width: step + 20, align: 'center', lineBreak: false });
      }
    });
  } else {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text('—', MARGIN, top + height / 2, { width, align: 'center' });
  }
  doc.y = top + height + 24;
  doc.x = MARGIN;
}

/**
 * A titled table; `widths` are fractions of the text width, the first `textColumns`
 * columns are text (left-aligned), the rest figures (right-aligned). Repeats its
 * header on a new page.
 */
function table(doc: Doc, title: string, headers: string[], rows: string[][], widths: number[], textColumns = 1): void {
  const width = doc.page.width - 2 * MARGIN;
  const columns = widths.map((w) => w * width);
  const align = (i: number) => (i < textColumns ? 'left' : 'right');
  const rowHeight = 17;
  const drawHeader = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, width, rowHeight).fill(ACCENT_SOFT);
    let x = MARGIN;
    headers.forEach((h, i) => {
      doc
        .font('bold')
        .fontSize(8.5)
        .fillColor(INK)
        .text(h, x + 5, y + 4, { width: columns[i] - 10, height: rowHeight - 4, ellipsis: true, align: align(i) });
      x += columns[i];
    });
    doc.y = y + rowHeight;
  };
  ensureSpace(doc, 30 + 2 * rowHeight);
  doc.font('bold').fontSize(11).fillColor(INK).text(title, MARGIN, doc.y);
  doc.moveDown(0.3);
  drawHeader();
  if (!rows.length) rows = [['—', ...headers.slice(1).map(() => '')]];
  rows.forEach((row, r) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN) {
      doc.addPage();
      doc.y = MARGIN;
      drawHeader();
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN, y, width, rowHeight).fill('#f6f8f9');
    let x = MARGIN;
    row.forEach((cell, i) => {
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(INK)
        .text(cell, x + 5, y + 4, { width: columns[i] - 10, height: rowHeight - 4, ellipsis: true, align: align(i) });
      x += columns[i];
    });
    doc.y = y + rowHeight;
  });
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width, doc.y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.moveDown(1.2);
  doc.x = MARGIN;
}
