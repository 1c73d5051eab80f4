import * as fontkit from 'fontkit';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, fontsDir } from '../../../src-main/core/documents/fonts';
import { isPrintable, PDF_FONT_RANGES, toPrintable, unprintableChars } from '../../../src-shared/pdf-charset';

const cmap = (file: string) =>
  [...fontkit.create(fs.readFileSync(path.join(fontsDir(), file))).characterSet].sort((a, b) => a - b);

describe('the PDF font and the shared list of what it prints', () => {
  it('src-shared/pdf-charset.ts lists exactly the characters of the font (regenerate with resources/fonts/charset.mjs)', () => {
    const listed = PDF_FONT_RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
    for (const file of Object.values(FONT_FILES)) expect(cmap(file), file).toEqual(listed);
  });

  it('covers Latin with accents, Greek, Cyrillic and emoji; not Chinese', () => {
    for (const ch of ['é', 'Ğ', 'ş', 'Ω', 'Ж', '€', '😀', '📶', '❤', '🇮', '□'])
      expect(isPrintable(ch.codePointAt(0)!), ch).toBe(true);
    expect(unprintableChars('Net 王 Kampung 王 😀')).toEqual(['王']);
    expect(toPrintable('Net 王')).toBe('Net □');
  });

  it('ships the licences next to the fonts', () => {
    for (const f of ['OFL-Liberation.txt', 'OFL-NotoEmoji.txt'])
      expect(fs.readFileSync(path.join(fontsDir(), f), 'utf8')).toMatch(/SIL Open Font License, Version 1\.1/);
  });
});
