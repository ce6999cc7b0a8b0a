import { newBadgeCode, newTableCode, normalizeBadgeCode, normalizeTableCode } from './codes';

describe('badge codes', () => {
  it('are 20 Crockford base32 characters in groups of four, and unique', () => {
    const codes = new Set(Array.from({ length: 2000 }, newBadgeCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('normalize what a person types: case, spaces, dashes and look-alike letters', () => {
    const code = '7K2M-Q9XW-3HTR-8BNC-V4PD';
    expect(normalizeBadgeCode('7k2m q9xw 3htr 8bnc v4pd')).toBe(code);
    expect(normalizeBadgeCode('7K2MQ9XW3HTR8BNCV4PD')).toBe(code);
    expect(normalizeBadgeCode('1OIL-Q9XW-3HTR-8BNC-V4PD')).toBe('1011-Q9XW-3HTR-8BNC-V4PD');
  });

  it('refuse anything else', () => {
    for (const bad of ['', 'ABC', '7K2M-Q9XW-3HTR-8BNC-V4P', '7K2M-Q9XW-3HTR-8BNC-V4PDX', "' OR 1=1 --", '7K2M-Q9XW-3HTR-8BNC-V4PU']) {
      expect(normalizeBadgeCode(bad)).toBeNull();
    }
  });
});

describe('table codes', () => {
  it('are T- and 16 base32 characters in groups of four, unique, and never a badge code', () => {
    const codes = new Set(Array.from({ length: 2000 }, newTableCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) {
      expect(code).toMatch(/^T-([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normalizeTableCode(code)).toBe(code);
      expect(normalizeBadgeCode(code)).toBeNull();
    }
  });

  it('normalize what a person types and refuse badges and anything else', () => {
    expect(normalizeTableCode('t 7k2m q9xw 3htr 8bnc')).toBe('T-7K2M-Q9XW-3HTR-8BNC');
    expect(normalizeTableCode('T-1OIL-Q9XW-3HTR-8BNC')).toBe('T-1011-Q9XW-3HTR-8BNC');
    for (const bad of ['', 'T-', 'T-7K2M-Q9XW-3HTR-8BN', '7K2M-Q9XW-3HTR-8BNC-V4PD', 'T-7K2M-Q9XW-3HTR-8BNU', "T' OR 1=1"]) {
      expect(normalizeTableCode(bad)).toBeNull();
    }
  });
});
