import type * as fontkit from 'fontkit';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyRequire } from '../../lazy-require';

/** Loaded with the first PDF (lazy-require.ts). */
const fontkitModule = lazyRequire<typeof fontkit>('fontkit');

/**
 * The font every PDF embeds (resources/fonts/PPPoEDeskSans-*.ttf: Liberation Sans + Noto Emoji, see
 * build-fonts.py): the built-in Helvetica only has Windows-1252 and printed "?" for an emoji or a
 * Ğ in a name. Liberation Sans has Helvetica's metrics, so every layout stays as it was.
 */
export const FONT_FILES = {
  Helvetica: 'PPPoEDeskSans-Regular.ttf',
  'Helvetica-Bold': 'PPPoEDeskSans-Bold.ttf',
  'Helvetica-Oblique': 'PPPoEDeskSans-Italic.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

/**
 * Where the .ttf files are: next to the bundle (`out/fonts`, copied by scripts/build-main.mjs; in the
 * packaged app inside app.asar, which Electron's fs reads) or in resources/fonts when running from
 * source (tests, tsx).
 */
export function fontsDir(): string {
  // ES modules (HTTP host, tests) have import.meta.url; the CommonJS bundle (Electron main) has __dirname.
  const url = (import.meta as { url?: string }).url;
  const here = typeof url === 'string' && url ? path.dirname(fileURLToPath(url)) : __dirname;
  const candidates = [path.join(here, '..', 'fonts'), path.resolve(here, '../../../resources/fonts')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, FONT_FILES.Helvetica)));
  if (!found) throw new Error(`PDF fonts not found in ${candidates.join(' or ')}`);
  return found;
}

const loaded = new Map<FontName, fontkit.Font & { _glyphs?: Record<number, unknown> }>();

/**
 * Parsed once per process and shared by every document: parsing the font and its layout tables per
 * receipt cost ~250 ms, a shared one ~10 ms (pdfkit subsets it into each PDF anyway). Call once per
 * new document: fontkit caches each glyph with the characters of the first text that needed it, and
 * a glyph first met as a part of another (the G inside Ğ, while subsetting) is cached with none;
 * pdfkit copies those characters into the PDF's text layer, so a later document's "G" would copy as
 * nothing. Documents are drawn synchronously, so a fresh glyph cache per document is enough.
 */
export function pdfFont(name: FontName): fontkit.Font {
  let font = loaded.get(name);
  if (!font) {
    font = fontkitModule().create(fs.readFileSync(path.join(fontsDir(), FONT_FILES[name])));
    loaded.set(name, font);
  }
  font._glyphs = {};
  return font;
}
