import { readFileSync } from 'node:fs';

/**
 * Noto Sans SC (shipped through npm) covers both Vietnamese diacritics and
 * Simplified Chinese, so one font serves every locale of every PDF (the report,
 * badges, schedules, table plans). Read once per process; PDFKit embeds only the
 * glyphs a document uses.
 */
const FONT_DIR = '@expo-google-fonts/noto-sans-sc';
let fonts: { regular: Buffer; bold: Buffer } | undefined;

export function pdfFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve(`${FONT_DIR}/400Regular/NotoSansSC_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_DIR}/700Bold/NotoSansSC_700Bold.ttf`)),
  };
  return fonts;
}
