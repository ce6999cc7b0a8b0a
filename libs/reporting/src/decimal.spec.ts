import { formatDecimal, spreadsheetAmount } from './decimal';

describe('decimal amounts', () => {
  it('groups and separates a decimal string the locale’s way, keeping every digit and the scale it has', () => {
    expect(formatDecimal('1000000.50', 'vi')).toBe('1.000.000,50');
    expect(formatDecimal('1000000.50', 'en')).toBe('1,000,000.50');
    expect(formatDecimal('1000000.50', 'zh')).toBe('1,000,000.50');
    expect(formatDecimal('9999999999999999.99', 'vi')).toBe('9.999.999.999.999.999,99');
    expect(formatDecimal('9999999999999999.99', 'en')).toBe('9,999,999,999,999,999.99');
    // Sums beyond the column's 16 integer digits stay exact too.
    expect(formatDecimal('123456789012345678901.00', 'en')).toBe('123,456,789,012,345,678,901.00');
    expect(formatDecimal('0.05', 'vi')).toBe('0,05');
    expect(formatDecimal('999', 'vi')).toBe('999');
    expect(formatDecimal('1000', 'vi')).toBe('1.000');
    expect(formatDecimal('-1234.5', 'en')).toBe('-1,234.5');
  });

  it('refuses what is not a decimal string rather than printing a wrong figure', () => {
    for (const bad of ['', '1e21', '1,000', 'NaN', ' 1', '1.']) expect(() => formatDecimal(bad, 'en')).toThrow(/decimal/);
  });

  it('gives a spreadsheet a number only when a double holds it exactly (15 significant digits), else the exact text', () => {
    expect(spreadsheetAmount('1000000.50')).toEqual({ value: 1000000.5, numFmt: '#,##0.00' });
    expect(spreadsheetAmount('120000')).toEqual({ value: 120000, numFmt: '#,##0' });
    expect(spreadsheetAmount('999999999999999.00')).toEqual({ value: 999999999999999, numFmt: '#,##0.00' });
    expect(spreadsheetAmount('10000000000000000.00')).toEqual({ value: 1e16, numFmt: '#,##0.00' });
    expect(spreadsheetAmount('9999999999999999.99')).toEqual({ value: '9999999999999999.99', numFmt: '@' });
    expect(spreadsheetAmount('1234567890123456.5')).toEqual({ value: '1234567890123456.5', numFmt: '@' });
  });
});
