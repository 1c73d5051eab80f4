import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

/*
 * The portal's PWA icons: every PNG the manifest names exists with the size it states (Chrome refuses
 * to offer "install" without a 192 and a 512 icon), and each is the SVG's drawing: the SVG's blue where
 * the SVG has its background, white at the dot of the signal mark.
 */
const dir = path.resolve(import.meta.dirname, '../../../src-renderer/portal/public');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.webmanifest'), 'utf8')) as {
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
};

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are) into RGBA pixels. */
function decode(file: string): { width: number; height: number; px: Buffer } {
  const buf = fs.readFileSync(file);
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[12]]).toEqual([8, 0]); // 8-bit, not interlaced
      channels = data[9] === 6 ? 4 : 3;
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  if (channels === 4) return { width, height, px: out };
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i++) out.copy(rgba, i * 4, i * 3, i * 3 + 3);
  return { width, height, px: rgba };
}
const at = (img: { width: number; px: Buffer }, x: number, y: number) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [...img.px.subarray(i, i + 4)];
};

describe('portal PWA icons', () => {
  const pngs = manifest.icons.filter((i) => i.type === 'image/png');

  it('the manifest names a 192 and a 512 PNG and a maskable one', () => {
    expect(pngs.map((i) => `${i.sizes}/${i.purpose ?? 'any'}`).sort()).toEqual([
      '192x192/any',
      '512x512/any',
      '512x512/maskable',
    ]);
  });

  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    it(`${icon.src} is ${icon.sizes}, drawn from icon.svg`, async () => {
      const img = decode(path.join(dir, icon.src));
      const [w, h] = icon.sizes.split('x').map(Number) as [number, number];
      expect([img.width, img.height]).toEqual([w, h]);
      // The SVG (256 units): background #1971c2 at (40, 40), the white dot centred at (128, 176).
      const scale = icon.purpose === 'maskable' ? (w * 0.8) / 256 : w / 256;
      const off = icon.purpose === 'maskable' ? w * 0.1 : 0;
      const [r, g, b, a] = at(img, off + 40 * scale, off + 40 * scale);
      expect(Math.abs(r! - 0x19) + Math.abs(g! - 0x71) + Math.abs(b! - 0xc2)).toBeLessThan(12);
      expect(a).toBe(255);
      expect(at(img, off + 128 * scale, off + 176 * scale).slice(0, 3)).toEqual([255, 255, 255]);
      // "any" icons keep the SVG's transparent corners; a maskable one is full bleed.
      expect(at(img, 1, 1)[3]).toBe(icon.purpose === 'maskable' ? 255 : 0);
    });
  }
});
