import { amountInput, decimalOfNumber, isAmount } from './amount';

describe('outcome amounts: JSON numbers and decimal strings', () => {
  it('turns exact JSON numbers into their decimal string', () => {
    expect(decimalOfNumber(250000)).toBe('250000');
    expect(decimalOfNumber(1500000.5)).toBe('1500000.5');
    expect(decimalOfNumber(0)).toBe('0');
    expect(decimalOfNumber(-0)).toBe('0');
    expect(decimalOfNumber(999999999999999)).toBe('999999999999999'); // 15 digits
    expect(decimalOfNumber(9999999999999.99)).toBe('9999999999999.99');
  });

  it('refuses numbers a double may not carry exactly, and non-finite ones', () => {
    expect(decimalOfNumber(Number('12345678901234567'))).toBeNull(); // arrives as ...568
    expect(decimalOfNumber(1234567890123456)).toBeNull(); // 16 significant digits
    expect(decimalOfNumber(1e21)).toBeNull();
    expect(decimalOfNumber(1e-7)).toBeNull();
    expect(decimalOfNumber(Number.NaN)).toBeNull();
    expect(decimalOfNumber(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('accepts what fits numeric(18,2) and nothing else', () => {
    for (const ok of ['0', '250000', '1500000.50', '1500000.5', '9999999999999999.99', amountInput(250000)]) expect(isAmount(ok)).toBe(true);
    for (const bad of ['', 'abc', '-5', '1e5', '12,5', '1.500.000', '0.123', '12345678901234567', ' 1', '1.', '.5', 250000, amountInput(0.1 + 0.2), amountInput(-5), null, true]) {
      expect(isAmount(bad)).toBe(false);
    }
  });
});
