import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so a code read aloud or typed from a badge is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomGroups(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[bytes[i] & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** 20 random base32 characters (100 bits) in groups of four: XXXX-XXXX-XXXX-XXXX-XXXX. */
export function newBadgeCode(): string {
  return randomGroups(20);
}

/**
 * A meeting table's code, printed as a QR code on the table: `T-` and 16 random base32
 * characters (80 bits), so it cannot be guessed from afar and never reads as a badge.
 */
export function newTableCode(): string {
  return `T-${randomGroups(16)}`;
}

/** A table code as typed or scanned (same leniency as badge codes), or null. */
export function normalizeTableCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (!compact.startsWith('T')) return null;
  const body = compact.slice(1).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(body)) return null;
  return `T-${body.match(/.{4}/g)!.join('-')}`;
}

/** Accepts what a person types or a scanner reads: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeBadgeCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join('-');
}
