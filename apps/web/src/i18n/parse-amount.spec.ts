import type { Locale } from '@tradebridge/contracts';
import { formatAmount, parseAmount } from './parse-amount';

const value = (text: string, locale: Locale) => {
  const parsed = parseAmount(text, locale);
  return parsed.ok ? parsed.value : `!${parsed.problem}`;
};

describe('parseAmount: amounts as Vietnamese, Chinese and English speakers write them', () => {
  it('reads the Vietnamese way: dots group, the comma is decimal', () => {
    expect(value('1.500.000.000', 'vi')).toBe('1500000000');
    expect(value('1.500.000,50', 'vi')).toBe('1500000.5');
    expect(value('250.000', 'vi')).toBe('250000');
    expect(value('1.500', 'vi')).toBe('1500');
    expect(value('1,5', 'vi')).toBe('1.5');
    expect(value('1,500', 'vi')).toBe('1.5');
  });

  it('reads the Chinese and English way: commas group, the dot is decimal', () => {
    for (const locale of ['zh', 'en'] as const) {
      expect(value('1,500,000.50', locale)).toBe('1500000.5');
      expect(value('1,500,000', locale)).toBe('1500000');
      expect(value('1,500', locale)).toBe('1500');
      expect(value('1.500', locale)).toBe('1.5');
      expect(value('1,5', locale)).toBe('1.5');
    }
  });

  it('reads what is unambiguous the same in every locale', () => {
    for (const locale of ['vi', 'zh', 'en'] as const) {
      expect(value('1500000.5', locale)).toBe('1500000.5');
      expect(value('1500000,50', locale)).toBe('1500000.5');
      expect(value('1 500 000,50', locale)).toBe('1500000.5');
      expect(value('1 500 000.50', locale)).toBe('1500000.5');
      expect(value('1\u00a0500\u202f000', locale)).toBe('1500000');
      expect(value('1.500.000.000', locale)).toBe('1500000000');
      expect(value('1,500,000,000', locale)).toBe('1500000000');
      expect(value('1.500.000,50', locale)).toBe('1500000.5');
      expect(value('1,500,000.50', locale)).toBe('1500000.5');
      expect(value('0,5', locale)).toBe('0.5');
      expect(value('0.500', locale)).toBe('0.5');
      expect(value('007', locale)).toBe('7');
      expect(value('  250000  ', locale)).toBe('250000');
      expect(value('9999999999999999.99', locale)).toBe('9999999999999999.99');
    }
  });

  it('reads full-width digits and words for powers of ten', () => {
    expect(value('１，５００，０００．５０', 'zh')).toBe('1500000.5');
    expect(value('150万', 'zh')).toBe('1500000');
    expect(value('2.5亿', 'zh')).toBe('250000000');
    expect(value('1,5 tỷ', 'vi')).toBe('1500000000');
    expect(value('200 triệu', 'vi')).toBe('200000000');
    expect(value('12,345 nghìn', 'vi')).toBe('12345');
  });

  it('refuses what it cannot read exactly, saying why', () => {
    expect(value('', 'vi')).toBe('!empty');
    expect(value('   ', 'en')).toBe('!empty');
    expect(value('-5', 'en')).toBe('!negative');
    expect(value('−1.500', 'vi')).toBe('!negative');
    expect(value('1,234', 'vi')).toBe('!tooPrecise');
    expect(value('1.234', 'en')).toBe('!tooPrecise');
    expect(value('0,001', 'vi')).toBe('!tooPrecise');
    expect(value('12345678901234567', 'en')).toBe('!tooLarge');
    for (const bad of ['abc', '1.5.0', '1,50,000', '1..5', '1.', ',5', '1.500,000.5', '1.5,3', '1e5', '$100', '100 USD', '5 dozen', '1 500.000']) {
      expect({ bad, value: value(bad, 'vi') }).toEqual({ bad, value: '!invalid' });
    }
    // Spaces group and the dot groups in vi: both at once is no reading; in en the dot is the point.
    expect(value('1 500.000', 'en')).toBe('1500');
  });

  it('writes a canonical amount back the locale’s way, digit for digit', () => {
    expect(formatAmount('1500000000', 'vi')).toBe('1.500.000.000');
    expect(formatAmount('1500000.5', 'vi')).toBe('1.500.000,50');
    expect(formatAmount('1500000.5', 'zh')).toBe('1,500,000.50');
    expect(formatAmount('250000.00', 'en')).toBe('250,000');
    expect(formatAmount('9999999999999999.99', 'en')).toBe('9,999,999,999,999,999.99');
    expect(formatAmount('12', 'vi')).toBe('12');
    // What it writes, it reads back.
    for (const locale of ['vi', 'zh', 'en'] as const) {
      for (const v of ['1500000000', '1500000.5', '0.05', '999']) expect(value(formatAmount(v, locale), locale)).toBe(v);
    }
  });
});
