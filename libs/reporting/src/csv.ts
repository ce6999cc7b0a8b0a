import type { Locale } from '@tradebridge/contracts';
import type { ReportJson } from './report.service';
import { hasLabel, label, LabelKey } from './labels';

/** One row of the connections-made list. */
export interface MadeConnectionRow {
  madeAt: string;
  fromName: string;
  fromSide: string;
  fromVenue: string;
  toName: string;
  toSide: string;
  toVenue: string;
  room: string;
  channel: string;
}

/** What a spreadsheet program runs as a formula when a cell starts with it (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
 * A text field starting like a formula (`=`, `+`, `-`, `@`, tab, CR: enterprise
 * names are self-service, and staff open this file in Excel) gets a leading `'`
 * and is quoted, as OWASP advises, so it shows as text and never runs. Every
 * text field is treated so, not only the names: room, venue and event names are
 * typed in too, and none of the product's own text (labels, ISO times, sides,
 * amounts — non-negative decimal strings, by the outcomes_value_check constraint)
 * starts with those characters. Numbers are the product's own figures, written as they are.
 */
export function csvLine(fields: (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(field: string | number): string {
  if (typeof field === 'number') return String(field);
  const text = FORMULA_START.test(field) ? `'${field}` : field;
  return text !== field || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const TOTALS: LabelKey[] = [
  'registered',
  'approved',
  'checkedIn',
  'connectionsRequested',
  'connectionsMade',
  'connectionsDeclined',
  'connectionsExpired',
  'acceptanceRate',
  'meetingsScheduled',
  'meetingsHeld',
  'meetingsNoShow',
  'outcomes',
  'connectionsWithHeldMeeting',
  'heldMeetingShare',
];

/**
 * The summary tables of a report as CSV sections (title line, header, rows,
 * blank line). A UTF-8 BOM first, so spreadsheet programs read Vietnamese and
 * Chinese right.
 */
export function csvSummary(report: ReportJson, locale: Locale): string {
  const l = (key: LabelKey) => label(key, locale);
  const channel = (key: string) => (hasLabel(key) ? label(key, locale) : key);
  let out = `\uFEFF${csvLine([`${l('report')}: ${report.event.name}`])}\r\n`;
  out += csvLine([l('summary')]) + csvLine([l('figure'), l('value')]);
  for (const key of TOTALS) out += csvLine([l(key), report.totals[key as keyof ReportJson['totals']]]);
  out += '\r\n' + csvLine([l('bySide')]) + csvLine([l('side'), l('registered'), l('approved'), l('checkedIn'), l('requested'), l('made')]);
  for (const s of report.bySide) out += csvLine([s.key, s.registered, s.approved, s.checkedIn, s.requested, s.made]);
  out += '\r\n' + csvLine([l('byRoom')]) + csvLine([l('room'), l('approved'), l('requested'), l('made')]);
  for (const r of report.byRoom) out += csvLine([r.name, r.approved, r.requested, r.made]);
  out += '\r\n' + csvLine([l('byVenue')]) + csvLine([l('venue'), l('registered'), l('approved'), l('checkedIn')]);
  for (const v of report.byVenue) out += csvLine([v.name, v.registered, v.approved, v.checkedIn]);
  out += '\r\n' + csvLine([l('byVenuePair')]) + csvLine([l('venue'), l('venue'), l('made')]);
  for (const p of report.byVenuePair) out += csvLine([p.names[0], p.names[1], p.made]);
  out += '\r\n' + csvLine([l('bySector')]) + csvLine([l('sector'), l('name'), l('made')]);
  for (const s of report.bySector) out += csvLine([s.section, s.name, s.made]);
  out += '\r\n' + csvLine([l('topHsPairs')]) + csvLine([l('hsChapter'), l('name'), l('seller'), l('buyer'), l('made')]);
  for (const p of report.topHsPairs) out += csvLine([p.chapter, p.name, p.sellerSide, p.buyerSide, p.made]);
  out += '\r\n' + csvLine([l('byChannel')]) + csvLine([l('channel'), l('requested'), l('made')]);
  for (const c of report.byChannel) out += csvLine([channel(c.key), c.requested, c.made]);
  const meetingHeader = [l('scheduled'), l('held'), l('noShow'), l('cancelled')];
  out += '\r\n' + csvLine([l('meetingsByMode')]) + csvLine([l('mode'), ...meetingHeader]);
  for (const m of report.meetingsByMode) out += csvLine([channel(m.key), m.scheduled, m.held, m.noShow, m.cancelled]);
  out += '\r\n' + csvLine([l('meetingsByVenue')]) + csvLine([l('venue'), ...meetingHeader]);
  for (const m of report.meetingsByVenue) out += csvLine([m.name, m.scheduled, m.held, m.noShow, m.cancelled]);
  out += '\r\n' + csvLine([l('noShowBySide')]) + csvLine([l('side'), l('due'), l('absent'), l('noShowRate')]);
  for (const s of report.noShowBySide) out += csvLine([s.side, s.due, s.absent, s.rate]);
  out += '\r\n' + csvLine([l('valueByCurrency')]) + csvLine([l('currency'), l('amount')]);
  for (const v of report.valueByCurrency) out += csvLine([v.currency, v.amount]);
  return out;
}

export function csvConnectionsHeader(locale: Locale): string {
  const l = (key: LabelKey) => label(key, locale);
  return `\r\n${csvLine([l('connectionsList')])}${csvLine([l('madeAt'), l('from'), l('side'), l('venue'), l('to'), l('side'), l('venue'), l('room'), l('channel')])}`;
}

export function csvConnectionRows(rows: MadeConnectionRow[], locale: Locale): string {
  const channel = (key: string) => (hasLabel(key) ? label(key, locale) : key);
  return rows.map((r) => csvLine([r.madeAt, r.fromName, r.fromSide, r.fromVenue, r.toName, r.toSide, r.toVenue, r.room, channel(r.channel)])).join('');
}
