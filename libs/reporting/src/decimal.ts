import type { Locale } from '@tradebridge/contracts';

/**
 * Amounts as the report's files show them. They arrive as decimal strings from
 * PostgreSQL `numeric` (outcomes.amount is numeric(18,2); sums may be longer)
 * and never pass through a JavaScript number for display: a double holds about
 * 15 significant digits, so 9999999999999999.99 would print as 10000000000000000.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(value: string): { sign: string; integer: string; fraction: string } {
  const match = DECIMAL.exec(value);
  if (!match) throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
  return { sign: match[1], integer: match[2], fraction: match[3] ?? '' };
}

const separators = new Map<Locale, { group: string; decimal: string }>();

/** The locale's grouping and decimal signs, as Intl formats the report's counts (vi: `.` and `,`). */
function separatorsOf(locale: Locale): { group: string; decimal: string } {
  let found = separators.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : locale).formatToParts(11111.1);
    found = { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    separators.set(locale, found);
  }
  return found;
}

/**
 * A decimal string with the locale's separators, every digit kept and the
 * scale it has (money: two decimals): vi `1.000.000,50`, zh and en `1,000,000.50`.
 */
export function formatDecimal(value: string, locale: Locale): string {
  const { sign, integer, fraction } = parse(value);
  const { group, decimal } = separatorsOf(locale);
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign}${grouped}${fraction ? `${decimal}${fraction}` : ''}`;
}

/** Excel keeps 15 significant digits (a double's exact decimal precision). */
const SPREADSHEET_DIGITS = 15;

/**
 * An amount for a spreadsheet cell: a number (so it adds up), shown with the
 * scale it has, when it has at most 15 significant digits — then the double is
 * exactly the figure as Excel shows it; else the exact text (`@` format), since
 * no number cell can hold it. Such an amount (ten thousand trillion and more)
 * is then left out of a SUM over the column rather than silently changed.
 */
export function spreadsheetAmount(value: string): { value: number | string; numFmt: string } {
  const { integer, fraction } = parse(value);
  const significant = `${integer}${fraction}`.replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > SPREADSHEET_DIGITS) return { value, numFmt: '@' };
  return { value: Number(value), numFmt: fraction ? `#,##0.${'0'.repeat(fraction.length)}` : '#,##0' };
}
