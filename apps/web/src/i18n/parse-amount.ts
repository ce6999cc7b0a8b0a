import type { Locale } from '@tradebridge/contracts';
import { INTL_LOCALE } from './format';

/**
 * Money amounts as people write them, read into the API's decimal string.
 *
 * - Vietnamese groups thousands with dots and writes the decimal comma:
 *   `1.500.000.000`, `1.500.000,50`; Chinese and English the other way round:
 *   `1,500,000.50`. Spaces (also no-break and thin spaces) group too: `1 500 000,50`.
 * - With both a dot and a comma, the last one is the decimal separator.
 * - One kind of separator several times: it groups (`1.500.000` = 1500000).
 * - One separator once: followed by other than 3 digits it is the decimal point
 *   (`1,5` = 1.5, `1500000.5`); followed by exactly 3 digits the locale decides:
 *   in vi `1.500` = 1500 and `1,500` = 1.5; in zh and en `1,500` = 1500 and `1.500` = 1.5.
 * - A word for a power of ten may follow: 万 (10⁴) and 亿 (10⁸), also 萬 and 億;
 *   nghìn / ngàn (10³), triệu (10⁶), tỷ / tỉ (10⁹): `150万`, `1,5 tỷ`.
 * - Full-width digits and punctuation (Chinese input methods) count as ASCII.
 * - The result has no grouping, no leading zeros and no trailing zeros after the
 *   point (`1500000.5`); at most 2 decimals and 16 digits before the point
 *   (the API's numeric(18,2)); never negative.
 */
export type AmountProblem = 'empty' | 'invalid' | 'negative' | 'tooPrecise' | 'tooLarge';
export type ParsedAmount = { ok: true; value: string } | { ok: false; problem: AmountProblem };

const MAX_INTEGER_DIGITS = 16;
const MAX_DECIMALS = 2;

const POWERS: Record<string, number> = { 万: 4, 萬: 4, 亿: 8, 億: 8, nghìn: 3, ngàn: 3, triệu: 6, tỷ: 9, tỉ: 9 };

/** The locale's own separators: vi `.` groups and `,` is decimal; zh and en the reverse. */
const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  zh: { group: ',', decimal: '.' },
  en: { group: ',', decimal: '.' },
};

export function parseAmount(text: string, locale: Locale): ParsedAmount {
  let s = toAscii(text.normalize('NFC')).trim().toLowerCase();
  if (!s) return { ok: false, problem: 'empty' };
  if (/^[-−]/.test(s)) return { ok: false, problem: 'negative' };

  let power = 0;
  const word = /([\p{L}]+)$/u.exec(s);
  if (word) {
    if (!(word[1] in POWERS)) return { ok: false, problem: 'invalid' };
    power = POWERS[word[1]];
    s = s.slice(0, -word[1].length).trim();
  }

  s = s.replace(/[\s\u00a0\u202f\u2009]+/g, ' ');
  if (!/^\d[\d., ]*$/.test(s) || /[., ]$/.test(s) || /[., ]{2}/.test(s)) return { ok: false, problem: 'invalid' };

  const split = splitDecimal(s, locale);
  if (!split) return { ok: false, problem: 'invalid' };
  let { integer, fraction } = split;

  // Shift the point for 万, triệu…: exact, on the digits.
  if (power) {
    const padded = fraction.padEnd(power, '0');
    integer += padded.slice(0, power);
    fraction = padded.slice(power);
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  if (fraction.length > MAX_DECIMALS) return { ok: false, problem: 'tooPrecise' };
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: fraction ? `${integer}.${fraction}` : integer };
}

/** Integer and fraction digits, or null when the grouping is not in threes. */
function splitDecimal(s: string, locale: Locale): { integer: string; fraction: string } | null {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimal: string | null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    if (parts.length > 2) decimal = null;
    else {
      const [before, after] = parts;
      // `1.500`: grouping or a decimal point? Three digits after a short, non-zero head could be either: the locale says.
      const couldGroup = after.length === 3 && /^[1-9]\d{0,2}( \d{3})*$/.test(before);
      decimal = couldGroup && SEPARATORS[locale].group === mark ? null : mark;
    }
  } else {
    decimal = null;
  }

  let integerPart = s;
  let fraction = '';
  if (decimal) {
    const at = s.lastIndexOf(decimal);
    integerPart = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return null;
  }
  // Whatever separates the integer part groups it: the same mark throughout, in threes.
  const marks = new Set(integerPart.replace(/\d/g, ''));
  if (marks.size > 1) return null;
  if (marks.size === 1) {
    const [mark] = marks;
    if (mark === decimal) return null;
    const groups = integerPart.split(mark);
    if (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
  }
  return { integer: integerPart.replace(/\D/g, ''), fraction };
}

function toAscii(text: string): string {
  return text
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[，､、]/g, ',')
    .replace(/[．。]/g, '.')
    .replace(/[－]/g, '-')
    .replace(/\u3000/g, ' ');
}

/**
 * A canonical decimal string (`1500000.5`, `250000.00`) written back the
 * locale's way, digit for digit (no float on the way): `1.500.000,50` in vi,
 * `1,500,000.50` in zh and en. Two decimals when there are any.
 */
export function formatAmount(value: string, locale: Locale): string {
  const [integer, fraction = ''] = value.split('.');
  const { group, decimal } = intlSeparators(locale);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const cents = fraction.replace(/0+$/, '');
  return cents ? `${grouped}${decimal}${cents.padEnd(2, '0')}` : grouped;
}

function intlSeparators(locale: Locale): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(INTL_LOCALE[locale]).formatToParts(1234567.5);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? SEPARATORS[locale].group,
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? SEPARATORS[locale].decimal,
  };
}
