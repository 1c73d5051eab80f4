import idErrors from '../../../../src-renderer/i18n/locales/id/errors.json';

/**
 * Server messages are English sentences; the staff screens translate them with the `errors` catalogue.
 * The API answers in the caller's language (Accept-Language, Indonesian by default, as the app) from the
 * same catalogue: exact sentences first, then its `{{placeholder}}` templates (the most literal wins).
 */
const EXACT = new Map<string, string>(Object.entries(idErrors as Record<string, string>));
const NUMERIC = new Set(['max', 'min', 'n']);
const NESTED = new Set(['reason', 'label']);

const TEMPLATES = [...EXACT.entries()]
  .filter(([key]) => key.includes('{{'))
  .sort((a, b) => b[0].replace(/\{\{\w+\}\}/g, '').length - a[0].replace(/\{\{\w+\}\}/g, '').length)
  .map(([key, text]) => {
    const literal = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const body = literal.replace(
      /\\\{\\\{(\w+)\\\}\\\}/g,
      (_, n: string) => `(?<${n}>${NUMERIC.has(n) ? '-?[\\d.,]+' : '.+?'})`,
    );
    return { re: new RegExp(`^${body}$`), text };
  });

function toIndonesian(message: string, depth = 0): string {
  const exact = EXACT.get(message);
  if (exact) return exact;
  for (const { re, text } of TEMPLATES) {
    const m = re.exec(message);
    if (!m) continue;
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
      const v = m.groups?.[k] ?? '';
      return NESTED.has(k) && depth < 3 ? toIndonesian(v, depth + 1) : v;
    });
  }
  return message;
}

export type Lang = 'id' | 'en';

/** `en` when the caller prefers English over Indonesian, else `id`. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'id';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag === 'id' || r.tag === 'en')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag === 'en' ? 'en' : 'id';
}

export const translate = (message: string, lang: Lang) => (lang === 'en' ? message : toIndonesian(message));
