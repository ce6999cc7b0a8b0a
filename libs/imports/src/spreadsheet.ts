import ExcelJS from 'exceljs';
import { LOCALES, type Locale } from '@tradebridge/contracts';
import { fold } from '@tradebridge/reference';
import { COLUMN_TEXT, IMPORT_COLUMNS, columnHeader, type ImportColumn } from './columns';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRows {
  /** Which column each header names (unknown headers are ignored). */
  columns: ImportColumn[];
  /** Data rows with their spreadsheet row number (the header is row 1). */
  rows: { row: number; cells: Partial<Record<ImportColumn, string>> }[];
}

// A header is recognised in any of the three languages, or as the column's key.
const HEADERS = new Map<string, ImportColumn>();
for (const column of IMPORT_COLUMNS) {
  HEADERS.set(column, column);
  for (const locale of LOCALES) HEADERS.set(fold(COLUMN_TEXT[column][locale].header), column);
}

function toRows(table: string[][]): SheetRows {
  const [header = [], ...body] = table;
  const byIndex = header.map((h) => HEADERS.get(fold(h.replace(/\s+/g, ' '))));
  const rows: SheetRows['rows'] = [];
  body.forEach((values, i) => {
    if (values.every((v) => !v?.trim())) return;
    const cells: Partial<Record<ImportColumn, string>> = {};
    byIndex.forEach((column, j) => {
      if (column && values[j] !== undefined) cells[column] = values[j];
    });
    rows.push({ row: i + 2, cells });
  });
  return { columns: byIndex.filter((c): c is ImportColumn => Boolean(c)), rows };
}

export async function readSheet(format: SheetFormat, body: Buffer): Promise<SheetRows> {
  return toRows(format === 'csv' ? parseCsv(body.toString('utf8')) : await xlsxTable(body));
}

async function xlsxTable(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const table: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(row.getCell(c).text ?? '');
    table[rowNumber - 1] = values;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines in quotes), comma, semicolon or tab separated, BOM ignored. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const table: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      table.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    table.push(row);
  }
  return table;
}

/** The template: the header row in the organizer's language, a note on each header, and a guide sheet. */
export async function templateXlsx(locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TradeBridge';
  const sheet = workbook.addWorksheet(SHEET_NAMES[locale].participants);
  sheet.columns = IMPORT_COLUMNS.map((column) => ({
    header: columnHeader(column, locale),
    key: column,
    width: column.startsWith('name') || column === 'offers' || column === 'needs' ? 32 : 20,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((column, i) => {
    sheet.getRow(1).getCell(i + 1).note = COLUMN_TEXT[column][locale].help;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const guide = workbook.addWorksheet(SHEET_NAMES[locale].guide);
  guide.columns = [
    { header: SHEET_NAMES[locale].column, width: 28 },
    { header: SHEET_NAMES[locale].key, width: 18 },
    { header: SHEET_NAMES[locale].explanation, width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of IMPORT_COLUMNS) guide.addRow([columnHeader(column, locale), column, COLUMN_TEXT[column][locale].help]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function templateCsv(locale: Locale): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${IMPORT_COLUMNS.map((c) => quote(columnHeader(c, locale))).join(',')}\r\n`;
}

const SHEET_NAMES: Record<Locale, { participants: string; guide: string; column: string; key: string; explanation: string }> = {
  vi: { participants: 'Doanh nghiệp', guide: 'Hướng dẫn', column: 'Cột', key: 'Khóa', explanation: 'Giải thích' },
  zh: { participants: '企业', guide: '填写说明', column: '列', key: '键', explanation: '说明' },
  en: { participants: 'Participants', guide: 'Guide', column: 'Column', key: 'Key', explanation: 'Explanation' },
};
