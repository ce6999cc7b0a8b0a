// The QR codes a reader can scan off each page of a PDF (read from stdin), as JSON on stdout: one
// array per page of the texts they decode to, in reading order. Unlike pdf-qr.mjs, which decodes
// the embedded images, this renders each page to pixels (unpdf's renderPageAsImage, on
// @napi-rs/canvas from npm) and decodes those with jsQR, so a code that is covered, clipped or off
// the page does not read. An ES module for the same reason as pdf-text.mjs.
//
// Usage: node pdf-render-qr.mjs [COLUMNSxROWS] < file.pdf. jsQR finds one code per image: the page
// is cut into that grid of cells (a 4-per-A4 sheet of badges is 2x2; the default is the whole
// page), read row by row, and each cell gives the one code it shows, if any.
// PDF_RENDER_DIR=/some/dir also writes each rendered page there as page-N.png, to look at.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocumentProxy, renderPageAsImage } from 'unpdf';

// PDF.js copies font data with ArrayBuffer.prototype.transferToFixedLength, which Node 20 lacks:
// without it, the pages that load a font are not drawn at all, code and text alike.
ArrayBuffer.prototype.transferToFixedLength ??= function (length = this.byteLength) {
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return copy;
};
import jsQR from 'jsqr';

/**
 * 108 dpi: a badge's code (132 pt, 29 modules with its quiet zone) gets about 7 pixels a module, a
 * table sign's (170 pt) about 9. At 72 dpi (4.5) jsQR read every code of three 40-badge A4 runs; at
 * 54 dpi it missed some. A code printed too small to scan still reads here down to about 30 pt, so
 * a minimum size needs an assertion of its own.
 */
const SCALE = 1.5;

const [columns, rows] = (process.argv[2] ?? '1x1').split('x').map(Number);
if (!(columns >= 1 && rows >= 1)) throw new Error(`Expected a grid such as 2x2, got ${process.argv[2]}`);

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const pages = [];
for (let page = 1; page <= pdf.numPages; page++) {
  const png = Buffer.from(await renderPageAsImage(pdf, page, { canvasImport: () => import('@napi-rs/canvas'), scale: SCALE }));
  if (process.env.PDF_RENDER_DIR) writeFileSync(join(process.env.PDF_RENDER_DIR, `page-${page}.png`), png);
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  // On white, as paper is: jsQR reads colour only, and a transparent pixel would be black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  const codes = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const left = Math.round((column * image.width) / columns);
      const top = Math.round((row * image.height) / rows);
      const width = Math.round(((column + 1) * image.width) / columns) - left;
      const height = Math.round(((row + 1) * image.height) / rows) - top;
      const code = jsQR(context.getImageData(left, top, width, height).data, width, height, { inversionAttempts: 'dontInvert' });
      // jsQR can take three finder-like blots in text for a symbol and read nothing from it.
      if (code && code.data !== '') codes.push(code.data);
    }
  }
  pages.push(codes);
}
process.stdout.write(JSON.stringify(pages));
