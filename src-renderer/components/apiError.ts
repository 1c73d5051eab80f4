import { notifications } from '@mantine/notifications';
import type { ApiError } from '../../src-shared/result';
import i18n from '../i18n';

/**
 * Server messages are English sentences. The `errors` namespace maps the exact sentence to a
 * translation (keys are the sentences themselves); unknown sentences, and English, show as sent.
 */
export function translateApiMessage(message: string): string {
  // Looked up in the current language only: no fallback to Indonesian when English is chosen.
  return translateIn(i18n.resolvedLanguage ?? i18n.language, message, 0);
}

/**
 * Placeholders whose value is itself a server message or a field name ("The router refused:
 * {{reason}}", "{{label}} is required"): their value is translated too. Other values (names,
 * numbers, amounts) are user data and stay as sent.
 */
const NESTED = new Set(['reason', 'label']);
/** "Router unreachable: not connected to the router: connection refused — …" nests twice; the cap stops any loop. */
const MAX_DEPTH = 3;

function translateIn(lng: string, message: string, depth: number): string {
  const translated: unknown = i18n.getResource(lng, 'errors', message, { keySeparator: false });
  if (typeof translated === 'string' && translated) return translated;
  return fromTemplate(lng, message, depth) ?? message;
}

/** Placeholders that only ever hold a number: "At most {{max}}" must not swallow "At most 5 backups". */
const NUMERIC = new Set(['max', 'min', 'n']);

/** `locked until {{until}}` → /^locked until (?<until>.+?)$/ (everything else matched literally). */
function templateRegex(key: string): RegExp {
  const literal = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${literal.replace(/\\\{\\\{(\w+)\\\}\\\}/g, (_, name: string) => `(?<${name}>${NUMERIC.has(name) ? '-?[\\d.,]+' : '.+?'})`)}$`,
  );
}

const templateCache = new Map<string, { re: RegExp; text: string }[]>();

/**
 * Messages that carry values ("… locked until 10:05 WIB on 2026-11-24") are keyed in errors.json by
 * their English sentence with `{{name}}` placeholders; the captured values go into the translation.
 * The most specific key wins (most literal text), so "{{path}}: {{reason}}" is only the last resort.
 */
function fromTemplate(lng: string, message: string, depth: number): string | null {
  let templates = templateCache.get(lng);
  if (!templates) {
    const bundle = (i18n.getResourceBundle(lng, 'errors') ?? {}) as Record<string, unknown>;
    const literalLength = (key: string) => key.replace(/\{\{\w+\}\}/g, '').length;
    templates = Object.entries(bundle)
      .filter((e): e is [string, string] => e[0].includes('{{') && typeof e[1] === 'string')
      .sort((a, b) => literalLength(b[0]) - literalLength(a[0]))
      .map(([key, text]) => ({ re: templateRegex(key), text }));
    templateCache.set(lng, templates);
  }
  for (const { re, text } of templates) {
    const m = re.exec(message);
    if (!m) continue;
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
      const value = m.groups?.[k] ?? '';
      return NESTED.has(k) && depth < MAX_DEPTH ? translateIn(lng, value, depth + 1) : value;
    });
  }
  return null;
}

interface FormLike {
  setFieldError(path: string, error: string): void;
  values: unknown;
}

/** Whether the form has a field at `path`. An item of a list of plain values (tags) is not a field: its list is. */
function hasField(values: unknown, path: string): boolean {
  let v: unknown = values;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !(part in (v as object))) return false;
    const next = (v as Record<string, unknown>)[part];
    if (Array.isArray(v) && (next === null || typeof next !== 'object')) return false;
    v = next;
  }
  return true;
}

/** Shows an API error as a red notification (CONFLICT/NOT_FOUND/... messages from the server). */
export function notifyApiError(error: ApiError, title?: string) {
  notifications.show({
    color: 'red',
    title: title ?? i18n.t(`common:errorTitle.${error.code}`, { defaultValue: i18n.t('common:errorTitle.default') }),
    message: translateApiMessage(error.message),
    autoClose: 8000,
  });
}

/**
 * Puts each `issues[].path` message next to the matching @mantine/form field (`features.2` goes to
 * `features` when the form has no such sub-field) and shows everything else as a notification.
 * Returns true when at least one field got a message.
 */
export function applyApiError(form: FormLike, error: ApiError, title?: string): boolean {
  const unmatched: string[] = [];
  let matched = false;
  for (const issue of error.issues ?? []) {
    const msg = translateApiMessage(issue.message);
    let path = issue.path;
    while (path && !hasField(form.values, path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (path) {
      form.setFieldError(path, msg);
      matched = true;
    } else unmatched.push(issue.path ? `${issue.path}: ${msg}` : msg);
  }
  if (!matched) notifyApiError(error, title);
  else if (unmatched.length) notifyApiError({ ...error, message: unmatched.join('\n') }, title);
  return matched;
}
