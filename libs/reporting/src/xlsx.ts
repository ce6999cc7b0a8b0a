import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Locale } from '@tradebridge/contracts';
import type { MadeConnectionRow } from './csv';
import { spreadsheetAmount } from './decimal';
import { hasLabel, label, LabelKey } from './labels';
import type { ReportJson } from './report.service';

export interface OutcomeRow {
  kind: string;
  amount: string | null;
  currency: string | null;
  note: string | null;
  recordedAt: string;
  from: string;
  to: string;
}

/**
 * Writes the report as an XLSX workbook to a stream: sheets summary, by room,
 * by venue, by sector, meetings by mode and by venue, no-shows by side,
 * connections made (streamed in pages) and outcomes.
 * Figures are numbers, not text, so they add up in the spreadsheet; an amount
 * too long for a double stays exact text (`spreadsheetAmount`). Names are plain
 * string cells: a spreadsheet never runs a string cell as a formula, whatever it
 * starts with (unlike CSV, where a cell's type is guessed from its text).
 */
export async function writeXlsx(stream: Writable, report: ReportJson, locale: Locale, pages: () => AsyncIterable<MadeConnectionRow[]>, outcomes: OutcomeRow[]): Promise<void> {
  const l = (key: LabelKey) => label(key, locale);
  const named = (key: string) => (hasLabel(key) ? label(key, locale) : key);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  workbook.creator = 'TradeBridge';
  workbook.title = `${l('report')}: ${report.event.name}`;

  const sheet = (name: LabelKey, headers: string[], widths: number[]) => {
    const ws = workbook.addWorksheet(l(name).slice(0, 31));
    ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16 }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };

  const summary = sheet('summary', [l('figure'), l('value')], [36, 16]);
  for (const key of Object.keys(report.totals) as (keyof ReportJson['totals'])[]) {
    if (hasLabel(key)) summary.addRow([l(key), report.totals[key]]).commit();
  }
  for (const v of report.valueByCurrency) {
    const row = summary.addRow([`${l('amount')} (${v.currency})`]);
    amountCell(row.getCell(2), v.amount);
    row.commit();
  }
  summary.commit();

  const rooms = sheet('byRoom', [l('room'), l('approved'), l('requested'), l('made')], [36, 14, 14, 14]);
  for (const r of report.byRoom) rooms.addRow([r.name, r.approved, r.requested, r.made]).commit();
  rooms.commit();

  const venues = sheet('byVenue', [l('venue'), l('registered'), l('approved'), l('checkedIn')], [36, 14, 14, 14]);
  for (const v of report.byVenue) venues.addRow([v.name, v.registered, v.approved, v.checkedIn]).commit();
  venues.commit();

  const sectors = sheet('bySector', [l('sector'), l('name'), l('made')], [10, 60, 14]);
  for (const s of report.bySector) sectors.addRow([s.section, s.name, s.made]).commit();
  sectors.commit();

  const meetingColumns = [l('scheduled'), l('held'), l('noShow'), l('cancelled')];
  const modes = sheet('meetingsByMode', [l('mode'), ...meetingColumns], [24, 14, 14, 14, 14]);
  for (const m of report.meetingsByMode) modes.addRow([named(m.key), m.scheduled, m.held, m.noShow, m.cancelled]).commit();
  modes.commit();

  const places = sheet('meetingsByVenue', [l('venue'), ...meetingColumns], [36, 14, 14, 14, 14]);
  for (const m of report.meetingsByVenue) places.addRow([m.name, m.scheduled, m.held, m.noShow, m.cancelled]).commit();
  places.commit();

  const noShows = sheet('noShowBySide', [l('side'), l('due'), l('absent'), l('noShowRate')], [10, 18, 22, 16]);
  for (const s of report.noShowBySide) {
    const row = noShows.addRow([s.side, s.due, s.absent, s.rate]);
    row.getCell(4).numFmt = '0.0%';
    row.commit();
  }
  noShows.commit();

  const list = sheet('connectionsList', [l('madeAt'), l('from'), l('side'), l('venue'), l('to'), l('side'), l('venue'), l('room'), l('channel')], [24, 36, 8, 24, 36, 8, 24, 24, 18]);
  for await (const page of pages()) {
    for (const r of page) list.addRow([r.madeAt, r.fromName, r.fromSide, r.fromVenue, r.toName, r.toSide, r.toVenue, r.room, named(r.channel)]).commit();
  }
  list.commit();

  const results = sheet('outcomesSheet', [l('recordedAt'), l('from'), l('to'), l('kind'), l('amount'), l('currency'), l('note')], [22, 36, 36, 24, 16, 10, 40]);
  for (const o of outcomes) {
    const row = results.addRow([o.recordedAt, o.from, o.to, named(o.kind), null, o.currency, o.note]);
    if (o.amount !== null) amountCell(row.getCell(5), o.amount);
    row.commit();
  }
  results.commit();

  await workbook.commit();
}

/** An amount's cell: a number with the amount's decimals, or its exact text right-aligned like a figure. */
function amountCell(cell: ExcelJS.Cell, amount: string): void {
  const { value, numFmt } = spreadsheetAmount(amount);
  cell.value = value;
  cell.numFmt = numFmt;
  if (typeof value === 'string') cell.alignment = { horizontal: 'right' };
}
