// The QR codes printed in a PDF (read from stdin), as JSON on stdout: one array per page of the
// texts its images decode to, in drawing order. unpdf (PDF.js, from npm) hands over each page's
// images as pixels; jsQR reads them. An ES module for the same reason as pdf-text.mjs.
import { extractImages, getDocumentProxy } from 'unpdf';

// PDF.js copies font data with ArrayBuffer.prototype.transferToFixedLength, which Node 20 lacks:
// without it, the pages that load a font fail to list their images (and their text).
ArrayBuffer.prototype.transferToFixedLength ??= function (length = this.byteLength) {
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return copy;
};
import jsQR from 'jsqr';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const pages = [];
for (let page = 1; page <= pdf.numPages; page++) {
  const codes = [];
  for (const image of await extractImages(pdf, page)) {
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let i = 0; i < image.width * image.height; i++) {
      const at = i * image.channels;
      const [r, g, b] = image.channels >= 3 ? [image.data[at], image.data[at + 1], image.data[at + 2]] : [image.data[at], image.data[at], image.data[at]];
      rgba.set([r, g, b, 255], i * 4);
    }
    const found = jsQR(rgba, image.width, image.height);
    codes.push(found ? found.data : null);
  }
  pages.push(codes);
}
process.stdout.write(JSON.stringify(pages));
