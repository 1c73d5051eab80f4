/**
 * What a PDF (receipt, invoice, report) can print of a text. The embedded font (resources/fonts)
 * covers Latin, Greek, Cyrillic and emoji; anything else (e.g. Chinese, Arabic script) prints as
 * SUBSTITUTE, a visible box, instead of a "?" or a missing letter, and Settings warns beforehand.
 */
export const SUBSTITUTE = '□';

/** Joiners and selectors that shape emoji sequences; drawn as nothing, never a box. */
const SHAPING = new Set([0x200d, 0xfe0e, 0xfe0f]);

export function printableIn(ranges: ReadonlyArray<readonly [number, number]>) {
  const isPrintable = (cp: number): boolean => {
    if (cp === 0x0a || SHAPING.has(cp)) return true;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = ranges[mid]!;
      if (cp < a) hi = mid - 1;
      else if (cp > b) lo = mid + 1;
      else return true;
    }
    return false;
  };

  /** The distinct characters of `text` the PDF font cannot draw (after NFC, as they would print). */
  const unprintableChars = (text: string): string[] => [
    ...new Set([...text.normalize('NFC')].filter((ch) => !isPrintable(ch.codePointAt(0)!))),
  ];

  /** `text` as it prints: NFC, every character the font lacks replaced by SUBSTITUTE. */
  const toPrintable = (text: string): string => {
    let out = '';
    for (const ch of text.normalize('NFC')) out += isPrintable(ch.codePointAt(0)!) ? ch : SUBSTITUTE;
    return out;
  };

  return { isPrintable, unprintableChars, toPrintable };
}
