import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { qrPng } from './qr-png';

/** The PNG decodes (with pngjs, the reference reader) to a QR symbol that reads back as its text. */
describe('qrPng', () => {
  it.each(['2GS8-VWHJ-SNH7-0K5E-G90C', 'T-0001', 'Bàn 12 · 12号桌'])('encodes %s as a PNG whose QR code reads back', (text) => {
    const png = PNG.sync.read(qrPng(text, 4));
    expect(png.width).toBe(png.height);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(text);
  });

  it('scales each module to `scale` pixels, with a quiet zone of two modules', () => {
    const small = PNG.sync.read(qrPng('X', 2));
    const large = PNG.sync.read(qrPng('X', 6));
    expect(large.width / small.width).toBe(3);
    // Version 1 (21 modules) plus the quiet zone on both sides.
    expect(small.width).toBe((21 + 4) * 2);
    // The quiet zone is white, the finder pattern's corner black.
    expect(small.data[0]).toBe(255);
    expect(small.data[(4 * small.width + 4) * 4]).toBe(0);
  });
});
