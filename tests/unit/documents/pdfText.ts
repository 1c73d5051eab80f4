import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Text and page facts of a PDF via poppler's pdftotext/pdfinfo (Debian poppler-utils). */
export function inspectPdf(pdf: Buffer): { text: string; pages: number; width: number; height: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-test-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const pages = /Pages:\s+(\d+)/.exec(info);
    return { text, pages: Number(pages?.[1]), width: Number(size?.[1]), height: Number(size?.[2]) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdffonts' lines, one per font of the PDF (name, type, encoding, emb, sub, uni, object). */
export function pdfFonts(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-test-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
