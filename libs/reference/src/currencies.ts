/** ISO 4217 currency codes known to this runtime (for outcome values). */
const CURRENCIES = new Set<string>(Intl.supportedValuesOf('currency'));

export function isIsoCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}
