import QRCode from 'qrcode';
import { crc32, deflateSync } from 'node:zlib';

/** The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4; 2 reads well on paper). */
const QUIET = 2;

/**
 * A QR code as a greyscale PNG, `scale` pixels per module: the symbol from the
 * `qrcode` library, the PNG written here with Node's zlib. qrcode's own PNG output
 * goes through pngjs, which is fast in a plain process but takes seconds per code
 * inside Jest's module sandbox; this is one deflate call either way.
 */
export function qrPng(text: string, scale = 8): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const side = (size + 2 * QUIET) * scale;
  const row = side + 1; // a filter byte (0: none) before each row
  const raw = Buffer.alloc(row * side, 255);
  for (let y = 0; y < side; y++) {
    raw[y * row] = 0;
    const my = Math.floor(y / scale) - QUIET;
    if (my < 0 || my >= size) continue;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - QUIET;
      if (mx >= 0 && mx < size && modules.get(my, mx)) raw[y * row + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
