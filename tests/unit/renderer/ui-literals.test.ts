import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import i18n from '../../../src-renderer/i18n';
import { auditCodes } from './helpers/auditCodes';

/*
 * Every word a user reads comes from the translation catalogue (src-renderer/i18n/locales). This scans
 * the renderer's source with the TypeScript parser:
 *  - JSX text and the attributes people read (label, title, placeholder, aria-label, description…) and
 *    the same properties in object literals (notifications, table columns) must not hold literal words;
 *  - every literal `t('key')` must exist in Indonesian and English;
 *  - every audit action and object code the server writes has an Indonesian and English label.
 * Server messages are checked by server-messages-i18n.test.ts.
 */

const ROOT = path.resolve(__dirname, '../../..');
const RENDERER = path.join(ROOT, 'src-renderer');

/** Attributes and object properties whose text a user reads (or hears, for aria-label). */
const READ_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'description',
  'message',
  'header',
  'alt',
  'error',
  'confirmLabel',
  'cancelLabel',
  'subtitle',
  'emptyText',
]);

/**
 * Words that are the same in every language: product and protocol names, units, keys on the keyboard.
 * Keep this short; anything a translator could translate belongs in the catalogue.
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'PPPoE',
  'Desk',
  'RouterOS',
  'MikroTik',
  'kbps',
  'Mbps',
  'Gbps',
  'Rp',
  'Enter',
  'Esc',
  'Ctrl',
  'Alt',
  'ms',
  'mm',
  'ID',
  'EN',
  'API',
  'TLS',
  'IP',
  'PDF',
  'Excel',
]);

/** Exact texts that stay as they are: a language's own name is written in that language. */
const ENDONYMS = new Set(['Bahasa Indonesia', 'English']);

/** An example of a format, not prose: an e-mail, a path, a MAC or IP address, a file or pool name. */
const isFormatExample = (text: string) => /^[A-Za-z]:\\/.test(text) || /^\S*[@:\\/._-]\S*$/.test(text);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The words of a literal that would need translating (letters only, 2+ long, not in the list above). */
function words(text: string): string[] {
  if (ENDONYMS.has(text.trim()) || isFormatExample(text.trim())) return [];
  const cleaned = text
    .replace(/https?:\/\/\S+/g, '') // example URLs
    .replace(/\{\{\w+\}\}/g, '');
  return (cleaned.match(/\p{L}{2,}/gu) ?? []).filter((w) => !SAME_IN_EVERY_LANGUAGE.has(w));
}

interface Hit {
  where: string;
  text: string;
}

function scanLiterals(file: string): Hit[] {
  const rel = path.relative(ROOT, file);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
  const hits: Hit[] = [];
  const at = (n: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const literalText = (e: ts.Node | undefined): string | null => {
    if (!e) return null;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isJsxExpression(e)) return literalText(e.expression);
    if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ');
    return null;
  };
  const check = (n: ts.Node, text: string | null) => {
    if (text !== null && words(text).length) hits.push({ where: at(n), text: text.trim() });
  };
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n)) check(n, n.text);
    if (ts.isJsxAttribute(n) && READ_PROPS.has(n.name.getText())) check(n, literalText(n.initializer));
    if (ts.isPropertyAssignment(n) && READ_PROPS.has(n.name.getText().replace(/['"]/g, '')))
      check(n, literalText(n.initializer));
    // {'Some words'} between JSX tags
    if (ts.isJsxExpression(n) && n.parent && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent)))
      check(n, literalText(n.expression));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return hits;
}

/** `t('key')`, `t('ns:key')`, `i18n.t(...)` with a literal key, and the file's `useTranslation('ns')`. */
function scanKeys(file: string): { key: string; where: string }[] {
  const rel = path.relative(ROOT, file);
  const src = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
  const ns = /useTranslation\('(\w+)'\)/.exec(src)?.[1] ?? 'common';
  const out: { key: string; where: string }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      const arg = n.arguments[0];
      if (name === 't' && arg && ts.isStringLiteral(arg)) {
        const key = arg.text.includes(':') ? arg.text : `${ns}:${arg.text}`;
        out.push({ key, where: `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}` });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** A key exists when it, or its plural forms, resolve to a string in that language (no fallback). */
function hasKey(lng: 'id' | 'en', nsKey: string): boolean {
  const [ns, key] = nsKey.split(/:(.*)/s) as [string, string];
  // Like the app: a key missing from its namespace is looked up in `common` (fallbackNS).
  return [ns, 'common'].some((n) =>
    [key, `${key}_one`, `${key}_other`].some((k) => typeof i18n.getResource(lng, n, k) === 'string'),
  );
}

describe('every user-visible string comes from the catalogue', () => {
  const sources = files(RENDERER);

  it('scans the renderer (the scan itself works)', () => {
    expect(sources.length).toBeGreaterThan(80);
    const sample = ts.createSourceFile('x.tsx', '', ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
    expect(sample).toBeTruthy();
    expect(words('Simpan perubahan')).toEqual(['Simpan', 'perubahan']);
    expect(words('RouterOS {{version}} · 12 ms')).toEqual([]);
    expect(words('↓ kbps')).toEqual([]);
    expect(words('nama@contoh.id')).toEqual([]);
    expect(words('D:\\Backup PPPoE Desk')).toEqual([]);
    expect(words('clear')).toEqual(['clear']);
  });

  it('no literal words in JSX text, readable attributes or notification/column texts', () => {
    const hits = sources.flatMap(scanLiterals).map((h) => `${h.where}: "${h.text}"`);
    expect(hits, `Move these into src-renderer/i18n/locales/{id,en}:\n${hits.join('\n')}\n`).toEqual([]);
  });

  it('every literal t() key exists in Indonesian and in English', () => {
    const missing = sources
      .flatMap(scanKeys)
      .flatMap(({ key, where }) =>
        (['id', 'en'] as const).filter((l) => !hasKey(l, key)).map((l) => `${where}: ${key} (${l})`),
      );
    expect(missing).toEqual([]);
  });

  it('every audit action and object the server writes has a label (the audit trail shows no codes)', () => {
    const { actions, entities } = auditCodes(path.join(ROOT, 'src-main'));
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions]).toContain('customer.update');
    const missing = [
      ...[...actions].flatMap((a) =>
        (['id', 'en'] as const).filter((l) => !hasKey(l, `audit:actions.${a}`)).map((l) => `action ${a} (${l})`),
      ),
      ...[...entities].flatMap((e) =>
        (['id', 'en'] as const).filter((l) => !hasKey(l, `audit:entities.${e}`)).map((l) => `object ${e} (${l})`),
      ),
    ];
    expect(missing, `Add labels to src-renderer/i18n/locales/{id,en}/audit.json:\n${missing.join('\n')}\n`).toEqual([]);
  });
});
