/**
 * The template engine: `{nama}`-style placeholders (English names or Indonesian aliases), `{{` and `}}`
 * for literal braces. validateTemplate() names every unknown placeholder (with a "did you mean"),
 * renderTemplate() fills the values for one channel style and refuses when a used value is missing,
 * so a preview shows the gap instead of a customer receiving "Yth. ,".
 */
import { toGsmTwins } from '../length';
import {
  allPlaceholderNames,
  findPlaceholder,
  KIND_VALUES,
  type MessageKind,
  type PlaceholderDef,
  type TemplateValues,
} from './kinds';
import { escapeHtml, formatValue, stripWhatsAppFormatting, whatsAppToHtml, type Language } from './format';

export type TemplateIssue =
  | { code: 'empty_template' }
  | { code: 'unclosed_brace'; at: number }
  | { code: 'stray_closing_brace'; at: number }
  | { code: 'empty_placeholder'; at: number }
  | { code: 'unknown_placeholder'; at: number; placeholder: string; suggestion?: string }
  | { code: 'not_available_for_kind'; at: number; placeholder: string };

type Token = { type: 'text'; text: string } | { type: 'placeholder'; name: string; at: number; def?: PlaceholderDef };

export function parseTemplate(source: string): { tokens: Token[]; issues: TemplateIssue[] } {
  const tokens: Token[] = [];
  const issues: TemplateIssue[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '{' && source[i + 1] === '{') {
      text += '{';
      i += 2;
    } else if (ch === '}' && source[i + 1] === '}') {
      text += '}';
      i += 2;
    } else if (ch === '}') {
      issues.push({ code: 'stray_closing_brace', at: i });
      text += ch;
      i++;
    } else if (ch === '{') {
      const end = source.indexOf('}', i + 1);
      const nextOpen = source.indexOf('{', i + 1);
      if (end < 0 || (nextOpen >= 0 && nextOpen < end) || source.slice(i + 1, end).includes('\n')) {
        issues.push({ code: 'unclosed_brace', at: i });
        text += ch;
        i++;
        continue;
      }
      const name = source.slice(i + 1, end).trim();
      if (!name) issues.push({ code: 'empty_placeholder', at: i });
      else {
        if (text) tokens.push({ type: 'text', text });
        text = '';
        tokens.push({ type: 'placeholder', name, at: i, def: findPlaceholder(name) });
      }
      i = end + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) tokens.push({ type: 'text', text });
  return { tokens, issues };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function suggest(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/[\s-]+/g, '_');
  let best: { n: string; d: number } | undefined;
  for (const n of allPlaceholderNames()) {
    const d = distance(lower, n);
    if (d <= 2 && (!best || d < best.d)) best = { n, d };
  }
  return best?.n;
}

/** Every problem of a template for a kind; an empty list means it can be saved. */
export function validateTemplate(kind: MessageKind, source: string): TemplateIssue[] {
  if (!source.trim()) return [{ code: 'empty_template' }];
  const { tokens, issues } = parseTemplate(source);
  const allowed = new Set(KIND_VALUES[kind]);
  for (const t of tokens) {
    if (t.type !== 'placeholder') continue;
    if (!t.def)
      issues.push({ code: 'unknown_placeholder', at: t.at, placeholder: t.name, suggestion: suggest(t.name) });
    else if (!allowed.has(t.def.value)) issues.push({ code: 'not_available_for_kind', at: t.at, placeholder: t.name });
  }
  return issues.sort((a, b) => ('at' in a ? a.at : 0) - ('at' in b ? b.at : 0));
}

/** whatsapp: formatting kept · sms: formatting stripped, GSM-7 twins · plain: stripped · html: e-mail body. */
export type RenderStyle = 'whatsapp' | 'sms' | 'plain' | 'html';

export interface RenderOptions {
  lang: Language;
  /** The ISP's zone, for instants (`tanggal_bayar`). */
  tz: string;
  style: RenderStyle;
}

export type RenderResult = { ok: true; text: string } | { ok: false; issues: TemplateIssue[]; missing: string[] };

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

// Values travel through formatting conversion as private-use placeholders, so a `*` or `_` inside a
// customer's name or a payment link is never taken for a formatting marker (nor HTML).
const SENTINEL_BASE = 0xe000;

export function renderTemplate(
  kind: MessageKind,
  source: string,
  values: TemplateValues,
  opts: RenderOptions,
): RenderResult {
  const issues = validateTemplate(kind, source);
  if (issues.length) return { ok: false, issues, missing: [] };
  const { tokens } = parseTemplate(source);
  const missing: string[] = [];
  const filled: string[] = [];
  let skeleton = '';
  for (const t of tokens) {
    if (t.type === 'text') {
      skeleton += t.text.replace(/[\uE000-\uF8FF]/g, '');
      continue;
    }
    const def = t.def!;
    const v = values[def.value];
    if (!present(v)) {
      if (!missing.includes(t.name)) missing.push(t.name);
      continue;
    }
    skeleton += String.fromCharCode(SENTINEL_BASE + filled.length);
    filled.push(formatValue(def, v, opts.lang, opts.tz));
  }
  if (missing.length) return { ok: false, issues: [], missing };
  const fill = (s: string, map: (v: string) => string = (v) => v) =>
    s.replace(/[\uE000-\uF8FF]/g, (c) => map(filled[c.charCodeAt(0) - SENTINEL_BASE] ?? ''));
  let text: string;
  switch (opts.style) {
    case 'whatsapp':
      text = fill(skeleton);
      break;
    case 'plain':
      text = fill(stripWhatsAppFormatting(skeleton));
      break;
    case 'sms':
      text = toGsmTwins(fill(stripWhatsAppFormatting(skeleton)));
      break;
    case 'html':
      text = whatsAppToHtml(skeleton, (html) => fill(html, escapeHtml));
      break;
  }
  return {
    ok: true,
    text: text
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

export type ParamsResult = { ok: true; params: string[] } | { ok: false; issues: TemplateIssue[]; missing: string[] };

/**
 * The body parameters of an approved Cloud API template: the ISP says which placeholder fills `{{1}}`,
 * `{{2}}`…; each is formatted like in a text template.
 */
export function cloudTemplateParams(
  kind: MessageKind,
  order: readonly string[],
  values: TemplateValues,
  opts: Omit<RenderOptions, 'style'>,
): ParamsResult {
  const source = order.map((n) => `{${n}}`).join('\n');
  const issues = order.length ? validateTemplate(kind, source) : [];
  if (issues.length) return { ok: false, issues, missing: [] };
  const missing: string[] = [];
  const params = order.map((n) => {
    const def = findPlaceholder(n)!;
    const v = values[def.value];
    if (!present(v)) missing.push(n);
    // Meta refuses parameters with newlines, tabs or more than four spaces in a row.
    return present(v) ? formatValue(def, v, opts.lang, opts.tz).replace(/\s*\n\s*|\t| {4,}/g, ' ') : '';
  });
  return missing.length ? { ok: false, issues: [], missing } : { ok: true, params };
}
