// The text of a PDF (read from stdin) on stdout, one line per row of each page as a reader
// sees it, as `pdftotext -layout` lays it out: unpdf (PDF.js, from npm) places each text run;
// runs on one baseline are joined left to right, with a space where they stand apart.
// A script of its own because PDF.js is an ES module that Jest's CommonJS sandbox cannot import.
import { extractTextItems } from 'unpdf';

// PDF.js copies font data with ArrayBuffer.prototype.transferToFixedLength, which Node 20 lacks:
// without it, the pages that load a font fail to list their images (and their text).
ArrayBuffer.prototype.transferToFixedLength ??= function (length = this.byteLength) {
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return copy;
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { items } = await extractTextItems(new Uint8Array(Buffer.concat(chunks)));
const lines = [];
for (const page of items) {
  const rows = new Map();
  for (const item of page) if (item.str) rows.set(Math.round(item.y), [...(rows.get(Math.round(item.y)) ?? []), item]);
  // PDF coordinates grow upwards: the top row first.
  for (const [, row] of [...rows].sort(([a], [b]) => b - a)) {
    row.sort((a, b) => a.x - b.x);
    lines.push(row.reduce((line, item, i) => line + (i > 0 && item.x - (row[i - 1].x + row[i - 1].width) > 0.5 ? ' ' : '') + item.str, ''));
  }
}
process.stdout.write(lines.join('\n') + '\n');
