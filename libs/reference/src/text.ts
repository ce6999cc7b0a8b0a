/** Case- and diacritic-insensitive form for searching names in vi/zh/en ("Lào Cai" ~ "lao cai"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

/**
 * A text as lower-case words (NFC) separated by single spaces: punctuation of
 * any script (",", "、", "（", "/") separates words like a space does.
 * `words("Chè, đã hoặc chưa")` → "chè đã hoặc chưa"; `words(fold(text))` is the
 * same without diacritics.
 */
export function words(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}
