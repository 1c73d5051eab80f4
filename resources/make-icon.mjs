// Draws the PPPoE Desk icon (a white "signal" mark on a blue rounded square) without any image
// library, and writes resources/icon.png (256×256) and resources/icon.ico (PNG-in-ICO, Windows Vista+).
// Run: node resources/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 256;
const here = path.dirname(fileURLToPath(import.meta.url));
const BLUE = [25, 113, 194];
const WHITE = [255, 255, 255];

// Coverage of one sample point: 0 outside, 1 inside each shape.
function roundedSquare(x, y) {
  const r = 52,
    m = 8;
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && x <= SIZE - m && y >= m && y <= SIZE - m;
}
function mark(x, y) {
  const ox = 128,
    oy = 176; // centre of the signal arcs
  const d = Math.hypot(x - ox, y - oy);
  if (d <= 16) return true; // the dot
  const angle = Math.atan2(oy - y, x - ox); // only the upper quarter-circles (45°..135°)
  if (angle < Math.PI / 4 || angle > (3 * Math.PI) / 4) return false;
  return [
    [38, 56],
    [74, 92],
    [110, 128],
  ].some(([a, b]) => d >= a && d <= b);
}

const SS = 4; // 4×4 supersampling for smooth edges
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // PNG filter: none
  for (let x = 0; x < SIZE; x++) {
    let bg = 0,
      fg = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS,
          py = y + (sy + 0.5) / SS;
        if (roundedSquare(px, py)) {
          bg++;
          if (mark(px, py)) fg++;
        }
      }
    }
    const alpha = bg / (SS * SS);
    const t = bg ? fg / bg : 0;
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BLUE[c] * (1 - t) + WHITE[c] * t);
    raw[o + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

// ICO with one 256×256 PNG entry (width/height 0 mean 256).
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(1, 4);
const entry = Buffer.alloc(16);
entry[0] = 0;
entry[1] = 0;
entry.writeUInt16LE(1, 4); // colour planes
entry.writeUInt16LE(32, 6); // bits per pixel
entry.writeUInt32LE(png.length, 8);
entry.writeUInt32LE(6 + 16, 12);

fs.writeFileSync(path.join(here, 'icon.png'), png);
fs.writeFileSync(path.join(here, 'icon.ico'), Buffer.concat([header, entry, png]));
console.log(`icon.png ${png.length} bytes, icon.ico ${png.length + 22} bytes`);
