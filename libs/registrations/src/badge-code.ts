import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so a code read aloud or typed from a badge is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 20 random base32 characters (100 bits) in groups of four: XXXX-XXXX-XXXX-XXXX-XXXX. */
export function newBadgeCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (let i = 0; i < 20; i++) code += ALPHABET[bytes[i] & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** Accepts what a person types or a scanner reads: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeBadgeCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join('-');
}
