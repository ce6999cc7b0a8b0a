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
