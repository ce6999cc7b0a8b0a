/**
 * Money amounts of outcomes: `numeric(18,2)`, so at most 16 digits before the
 * point and 2 after, never negative. Clients send a decimal string
 * (`"1500000.50"`) or a JSON number (`250000`); both end up as the same string.
 */
export const AMOUNT_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

/**
 * A double carries 15 significant decimal digits exactly: a JSON number with
 * at most that many is the number its sender wrote. Past that, what JSON.parse
 * made of it may not be (12345678901234567 arrives as 12345678901234568), so it
 * is refused and such amounts must come as strings.
 */
export const MAX_EXACT_DIGITS = 15;

/**
 * The decimal string of a JSON number, or null when it cannot be one exactly
 * (not finite, written in exponent form by JavaScript, or more than 15 significant digits).
 * Range and scale are left to `AMOUNT_PATTERN`, so every refusal reads the same.
 */
export function decimalOfNumber(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(Object.is(value, -0) ? 0 : value);
  if (/e/i.test(text)) return null;
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (digits.length > MAX_EXACT_DIGITS) return null;
  return text;
}

/** What the DTO sees: a JSON number becomes its decimal string when it is exact; anything else is left to be refused. */
export function amountInput(value: unknown): unknown {
  if (typeof value !== 'number') return value;
  return decimalOfNumber(value) ?? value;
}

/** Whether a (transformed) amount is acceptable. */
export function isAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}
