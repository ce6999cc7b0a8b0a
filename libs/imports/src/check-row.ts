import { DomainError } from '@tradebridge/core';
import { checkProfile } from '@tradebridge/enterprises';
import { findRegionByName, fold, isCountryCode, countryName } from '@tradebridge/reference';
import { CERTIFICATION_KINDS, LOCALES, type Attendance, type Certification, type CertificationKind, type Contact, type Localized, type ProductLine } from '@tradebridge/contracts';
import { IMPORT_COLUMNS, type ImportColumn } from './columns';
import type { RowProblemCode } from './row-problems';

/**
 * One spreadsheet row checked on its own, with no database: the same rules a
 * profile and a registration are held to through the API (the DTOs' shapes,
 * `checkProfile`'s reference data, the event's sides and venues), each problem
 * naming its column. Matching against stored enterprises comes after (plan.ts).
 */
export interface RowProblem {
  column: ImportColumn;
  code: RowProblemCode;
  value?: string;
  other?: string;
}

export interface ImportedParticipant {
  name: Localized;
  country: string;
  region: string;
  offers: ProductLine[];
  needs: ProductLine[];
  languages: string[];
  certifications: Certification[];
  contact: Contact;
  taxCode: string | null;
  venueId: string;
  attendance: Attendance;
}

export interface VenueChoice {
  id: string;
  name: string;
  kind: 'main' | 'satellite' | 'online';
}

export interface RowContext {
  sides: string[];
  venues: VenueChoice[];
}

export type CheckedRow = { row: number; participant: ImportedParticipant; problems?: undefined } | { row: number; participant?: undefined; problems: RowProblem[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()\-.]{6,30}$/;
const TAX_CODE = /^[0-9A-Z][0-9A-Z-]{4,18}[0-9A-Z]$/;
const LINE = /^(\d{2}|\d{4}|\d{6})(?:\s*[:：\-–]\s*|\s+|$)(.*)$/s;

const ATTENDANCE_WORDS: Record<string, Attendance> = {
  onsite: 'onsite',
  'on-site': 'onsite',
  'in person': 'onsite',
  'truc tiep': 'onsite',
  线下: 'onsite',
  现场: 'onsite',
  online: 'online',
  'truc tuyen': 'online',
  线上: 'online',
  在线: 'online',
};

// Country names in vi/zh/en (folded) → ISO code, for a "Việt Nam" or "中国" typed instead of VN, CN.
let countryNames: Map<string, string> | undefined;
function countryByName(text: string): string | undefined {
  if (!countryNames) {
    countryNames = new Map();
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (!isCountryCode(code)) continue;
        for (const locale of LOCALES) countryNames.set(fold(countryName(code, locale)).replace(/\s+/g, ''), code);
      }
  }
  return countryNames.get(fold(text).replace(/\s+/g, ''));
}

function list(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function checkRow(row: number, cells: Partial<Record<ImportColumn, string>>, context: RowContext): CheckedRow {
  const problems: RowProblem[] = [];
  const cell = (c: ImportColumn) => (cells[c] ?? '').trim();
  const problem = (column: ImportColumn, code: RowProblemCode, value?: string, other?: string) =>
    problems.push({ column, code, ...(value !== undefined && { value }), ...(other !== undefined && { other }) });

  const name: Localized = {};
  for (const locale of LOCALES) {
    const text = cell(`name_${locale}`);
    if (text.length > 300) problem(`name_${locale}`, 'TOO_LONG', undefined, '300');
    else if (text) name[locale] = text;
  }
  if (!Object.keys(name).length && !problems.length) problem('name_vi', 'REQUIRED');

  let country = cell('country').toUpperCase();
  if (!country) problem('country', 'REQUIRED');
  else if (!isCountryCode(country)) {
    const named = countryByName(cell('country'));
    if (named) country = named;
    else problem('country', 'UNKNOWN_COUNTRY', cell('country'));
  }
  const countryOk = country && !problems.some((p) => p.column === 'country');
  if (countryOk && !context.sides.includes(country)) problem('country', 'NOT_A_SIDE', country, context.sides.join(' – '));

  let region = cell('region');
  if (!region) problem('region', 'REQUIRED');
  else if (countryOk && !/^[A-Z]{2}-[A-Z0-9]{1,3}$/i.test(region)) {
    const found = findRegionByName(country, region);
    if (found) region = found.code;
    else problem('region', 'UNKNOWN_REGION', cell('region'), country);
  }

  const lines = (column: 'offers' | 'needs'): ProductLine[] => {
    const out: ProductLine[] = [];
    for (const entry of list(cell(column), /[;\n]/)) {
      const m = LINE.exec(entry);
      if (!m) problem(column, 'INVALID_PRODUCT_LINE', entry);
      else if (m[2].trim().length > 500) problem(column, 'TOO_LONG', undefined, '500');
      else out.push({ hsCode: m[1], description: m[2].trim() });
    }
    if (out.length > 50) problem(column, 'TOO_LONG', undefined, '50');
    return out;
  };
  const offers = lines('offers');
  const needs = lines('needs');

  const languages = list(cell('languages').toLowerCase(), /[,;\s]+/);
  for (const l of languages) if (!/^[a-z]{2}$/.test(l)) problem('languages', 'INVALID_LANGUAGE', l);

  const certifications: Certification[] = [];
  for (const entry of list(cell('certifications'), /[;\n]/)) {
    const [kindText, ...rest] = entry.split(/[:：]/);
    const kind = kindText
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_') as CertificationKind;
    const code = rest.join(':').trim();
    if (!(CERTIFICATION_KINDS as readonly string[]).includes(kind) || code.length > 100) {
      problem('certifications', 'INVALID_CERTIFICATION', entry);
      continue;
    }
    if (kind === 'ocop') certifications.push({ kind, ...(/^\d+$/.test(code) ? { stars: Number(code) } : {}) });
    else certifications.push({ kind, ...(code ? { code } : {}) });
  }

  const person = cell('contact_person');
  if (!person) problem('contact_person', 'REQUIRED');
  else if (person.length > 120) problem('contact_person', 'TOO_LONG', undefined, '120');
  const email = cell('contact_email').toLowerCase();
  if (!email) problem('contact_email', 'REQUIRED');
  else if (!EMAIL.test(email) || email.length > 254) problem('contact_email', 'INVALID_EMAIL', cell('contact_email'));
  const phone = cell('contact_phone');
  if (!phone) problem('contact_phone', 'REQUIRED');
  else if (!PHONE.test(phone)) problem('contact_phone', 'INVALID_PHONE', phone);

  const taxCode = cell('tax_code').toUpperCase().replace(/\s+/g, '');
  if (taxCode && !TAX_CODE.test(taxCode)) problem('tax_code', 'INVALID_TAX_CODE', cell('tax_code'));

  const venueText = cell('venue');
  const venue = venueText ? context.venues.find((v) => v.id === venueText || fold(v.name) === fold(venueText)) : undefined;
  if (!venueText) problem('venue', 'REQUIRED');
  else if (!venue) problem('venue', 'UNKNOWN_VENUE', venueText);
  const attendanceText = cell('attendance');
  let attendance: Attendance | undefined = attendanceText ? ATTENDANCE_WORDS[fold(attendanceText)] : venue?.kind === 'online' ? 'online' : 'onsite';
  if (!attendance) problem('attendance', 'INVALID_ATTENDANCE', attendanceText);
  else if (venue?.kind === 'online' && attendance === 'onsite') problem('attendance', 'ONLINE_VENUE');
  attendance ??= 'onsite';

  // The profile's reference-data rules, exactly as POST /api/enterprises applies them.
  if (countryOk && !problems.some((p) => p.column === 'region' || p.column === 'offers' || p.column === 'needs' || p.column === 'certifications')) {
    try {
      region = checkProfile({ country, region, offers, needs, certifications }).region ?? region;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const field of error.details?.fields ?? []) {
        const column = fieldColumn(field.field);
        const value = column === 'region' ? cell('region') : /"([^"]*)"/.exec(field.message)?.[1];
        if (column === 'region') problem('region', 'UNKNOWN_REGION', value, country);
        else if (column === 'certifications') problem('certifications', 'INVALID_CERTIFICATION', value ?? cell('certifications'));
        else problem(column, 'UNKNOWN_HS_CODE', value);
      }
    }
  }

  if (problems.length) return { row, problems: sortProblems(problems) };
  return {
    row,
    participant: {
      name,
      country,
      region: region.toUpperCase(),
      offers,
      needs,
      languages: languages.length ? [...new Set(languages)].sort() : Object.keys(name).sort(),
      certifications,
      contact: { person, email, phone },
      taxCode: taxCode || null,
      venueId: venue!.id,
      attendance,
    },
  };
}

function fieldColumn(field: string): ImportColumn {
  if (field.startsWith('offers')) return 'offers';
  if (field.startsWith('needs')) return 'needs';
  if (field.startsWith('certifications')) return 'certifications';
  return 'region';
}

function sortProblems(problems: RowProblem[]): RowProblem[] {
  return problems.sort((a, b) => IMPORT_COLUMNS.indexOf(a.column) - IMPORT_COLUMNS.indexOf(b.column));
}
