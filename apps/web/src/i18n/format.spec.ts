import { formatAmount } from './format';

describe('formatAmount', () => {
  it('shows every digit of an amount too large for a JavaScript number, with the language separators', () => {
    expect(formatAmount('9999999999999999.99', 'vi')).toBe('9.999.999.999.999.999,99');
    expect(formatAmount('9999999999999999.99', 'zh')).toBe('9,999,999,999,999,999.99');
    expect(formatAmount('9999999999999999.99', 'en')).toBe('9,999,999,999,999,999.99');
  });

  it('keeps the decimals the amount has, trailing zeros included', () => {
    expect(formatAmount('1000000.50', 'vi')).toBe('1.000.000,50');
    expect(formatAmount('1000000.50', 'en')).toBe('1,000,000.50');
    expect(formatAmount('250000', 'vi')).toBe('250.000');
  });

  it('leaves anything that is not a decimal string as it is', () => {
    expect(formatAmount('n/a', 'vi')).toBe('n/a');
  });
});
