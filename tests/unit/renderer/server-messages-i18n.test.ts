import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateApiMessage } from '../../../src-renderer/components/apiError';
import i18n from '../../../src-renderer/i18n';
import idErrors from '../../../src-renderer/i18n/locales/id/errors.json';
import { z } from 'zod';
import '../../../src-shared/contract/messages';

/*
 * Every English message the server can send (src-main, src-shared) must have an Indonesian wording in
 * locales/id/errors.json, or an Indonesian user reads English. The messages are found in the source
 * with the TypeScript parser: the message argument of badInput/conflict/notFound/AppError/RouterError/
 * BackupRejected/fail, zod messages (`.min(n, '…')`, `.regex(re, '…')`, `.refine(fn, '…')`, ...) and
 * `message:` / `error:` properties. Template literals become samples with X1, X2, ... in their `${}` slots.
 * Sentences built elsewhere (describeRouterError's "Router unreachable: …", import skip reasons, the
 * "<field>: <message>" input summary) are covered by the examples at the end.
 */

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Messages a user never sees, so they need no translation. Keep this short.
 */
const INTERNAL = new Set([
  // Sync engine: a queue row with an operation kind this version does not know (a programming error);
  // it stays in the sync queue's raw error column, never in an API error.
  'unknown operation X1',
]);

/** Object properties whose text reaches a user as an API error. */
const STORED_TEXT = new Set(['message', 'error']);
/** Calls that store a line of the billing automation log (English, shown translated on Otomasi) → its text property. */
const LOG_CALLS: Record<string, string> = { logAutomation: 'detail' };

/**
 * Messages with a slot that only holds a few fixed words (an enum), translated by one key per word:
 * the scan cannot fill such a slot, so each is covered by the examples at the end instead.
 */
const ENUM_SLOTS = new Set([
  // (X5) is settings.isolirMode: "profile" or "disable".
  'X1: X2 due X3, grace X4 days (X5)',
]);

/** Call name → index of its message argument (`notFound(what)` sends "<what> not found"). */
const ERROR_CALLS: Record<string, number> = {
  badInput: 1,
  conflict: 0,
  notFound: 0,
  AppError: 1,
  RouterError: 1,
  BackupRejected: 1,
};
/** Helpers that put a field name into "<label> is required"-style messages → index of the label argument. */
const LABEL_CALLS: Record<string, number> = {
  optionalText: 1,
  requiredText: 1,
  filterText: 1,
  profileName: 0,
  poolOrProfileName: 0,
};
/** zod methods whose last argument may be the message. */
const ZOD_METHODS = new Set([
  'min',
  'max',
  'length',
  'regex',
  'int',
  'refine',
  'email',
  'positive',
  'nonnegative',
  'nonempty',
  'gte',
  'lte',
  'gt',
  'lt',
  'url',
]);

interface Found {
  /** The message with `${}` slots replaced by X1, X2, ... */
  sample: string;
  slots: number;
  file: string;
  /** A field name (`requiredText(80, 'Full name')`), not a whole message. */
  label?: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function scan(file: string): Found[] {
  const rel = path.relative(ROOT, file);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  // `const WRONG = '…'` anywhere in the file, so `new AppError('…', WRONG)` resolves.
  const consts = new Map<string, ts.Expression>();
  const collect = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) consts.set(n.name.text, n.initializer);
    ts.forEachChild(n, collect);
  };
  collect(sf);

  /** The texts an expression can evaluate to, or [] when it is not a literal (e.g. `err.message`). */
  const texts = (e: ts.Expression, depth = 0): Array<{ sample: string; slots: number }> => {
    if (depth > 3) return [];
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ sample: e.text, slots: 0 }];
    if (ts.isParenthesizedExpression(e)) return texts(e.expression, depth + 1);
    if (ts.isConditionalExpression(e)) return [...texts(e.whenTrue, depth + 1), ...texts(e.whenFalse, depth + 1)];
    if (ts.isIdentifier(e) && consts.has(e.text)) return texts(consts.get(e.text)!, depth + 1);
    if (ts.isTemplateExpression(e)) {
      let sample = e.head.text;
      e.templateSpans.forEach((s, i) => (sample += `X${i + 1}${s.literal.text}`));
      return [{ sample, slots: e.templateSpans.length }];
    }
    return [];
  };

  const found: Found[] = [];
  const add = (e: ts.Expression | undefined, suffix = '', label = false) => {
    if (e) for (const t of texts(e)) found.push({ sample: t.sample + suffix, slots: t.slots, file: rel, label });
  };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      const args = n.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      if (name in ERROR_CALLS && ts.isIdentifier(callee))
        add(args[ERROR_CALLS[name]!], name === 'notFound' ? ' not found' : '');
      // result.ts `fail(code, message)`, passwords.ts `fail(message)`
      else if (name === 'fail' && ts.isIdentifier(callee)) add(args[args.length >= 2 ? 1 : 0]);
      else if (ZOD_METHODS.has(name) && args.length) add(args[args.length - 1]);
      else if (name in LABEL_CALLS && ts.isIdentifier(callee)) add(args[LABEL_CALLS[name]!], '', true);
    }
    // `(max: number, label = 'Text') =>`
    if (ts.isParameter(n) && ts.isIdentifier(n.name) && n.name.text === 'label') add(n.initializer, '', true);
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && STORED_TEXT.has(n.name.text)) add(n.initializer);
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text in LOG_CALLS)
      for (const arg of n.arguments)
        if (ts.isObjectLiteralExpression(arg))
          for (const p of arg.properties)
            if (ts.isPropertyAssignment(p) && p.name.getText() === LOG_CALLS[n.expression.text]) add(p.initializer);
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const { expression: target, name } = n.expression;
      // `errors.push(`invoice run ${p}: …`)`: the automation's run result lists these on screen.
      if (name.text === 'push' && /errors$/i.test(target.getText())) n.arguments.forEach((a) => add(a));
      // `.prepare('INSERT INTO automation_log(…)').run(at, action, `${p}: ${n} invoices…`, 'ok')`
      if (
        name.text === 'run' &&
        ts.isCallExpression(target) &&
        target.arguments[0] &&
        /automation_log/.test(target.arguments[0].getText())
      )
        n.arguments.forEach((a) => {
          // Sentences only: the action code ('invoice.run') and result ('ok') are labels of their own.
          for (const t of texts(a)) if (/\s/.test(t.sample)) add(a);
        });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function serverMessages(): Found[] {
  const all = [...sourceFiles(path.join(ROOT, 'src-main')), ...sourceFiles(path.join(ROOT, 'src-shared'))].flatMap(
    scan,
  );
  const seen = new Map<string, Found>();
  for (const f of all) if (!seen.has(`${f.label}${f.sample}`)) seen.set(`${f.label}${f.sample}`, f);
  return [...seen.values()];
}

/** Why a message is not translated, or null when it is. */
function untranslated(f: Found): string | null {
  // A field name only needs a key ("IP pool" stays "IP pool" in Indonesian).
  if (f.label) return f.sample in idErrors ? null : 'field name without a key';
  // "${path}: ${message}" has no words of its own; its message part is a message checked on its own.
  if (!/[A-Za-z]/.test(f.sample.replace(/X\d+/g, ''))) return null;
  // Number placeholders ({{max}}, {{min}}, {{n}}) only take digits: try the slots as numbers too.
  for (const value of [(i: number) => `X${i}`, (i: number) => `${100 + i}`]) {
    const sample = f.sample.replace(/X(\d+)/g, (_, i: string) => value(Number(i)));
    const out = translateApiMessage(sample);
    if (out === sample) continue;
    if (out.includes('{{')) return `leftover placeholder: ${out}`;
    for (let i = 1; i <= f.slots; i++) if (!out.includes(value(i))) return `value ${value(i)} lost: ${out}`;
    return null;
  }
  return 'no translation';
}

describe('server messages in Indonesian', () => {
  const messages = serverMessages();
  beforeAll(async () => {
    await i18n.changeLanguage('id');
  });

  it('finds the server messages (the scan itself works)', () => {
    const samples = messages.map((f) => f.sample);
    expect(samples.length).toBeGreaterThan(150);
    expect(samples).toContain('Customer not found');
    expect(samples).toContain('Wrong username or password'); // through `const WRONG`
    expect(samples).toContain('The end date is before the start date'); // zod addIssue({ message })
    expect(samples).toContain('host X1 is unreachable — check the address, cable and route'); // template
    expect(samples).toContain('X1: X2 invoices, Rp X3'); // automation_log insert
    expect(samples).toContain('arrears cleared'); // logAutomation({ detail: … })
  });

  it('every message the server sends has an Indonesian translation', () => {
    const missing = messages
      .filter((f) => !INTERNAL.has(f.sample) && !ENUM_SLOTS.has(f.sample))
      .flatMap((f) => {
        const why = untranslated(f);
        return why ? [`${f.file}: "${f.sample}" (${why})`] : [];
      });
    expect(missing, `Add these to src-renderer/i18n/locales/id/errors.json:\n${missing.join('\n')}\n`).toEqual([]);
  });

  it('every Indonesian template uses only the placeholders of its English key', () => {
    const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    const wrong = Object.entries(idErrors as Record<string, string>).filter(([en, id]) =>
      names(id).some((n) => !names(en).includes(n)),
    );
    expect(wrong).toEqual([]);
  });

  it('translates values, nested messages and field names (examples)', () => {
    const t = translateApiMessage;
    expect(
      t(
        'Budi has records (PPPoE accounts: 1, subscriptions: 2, invoices: 3, payments: 0, deposit entries: 0): set the status to inactive instead of deleting',
      ),
    ).toBe(
      'Budi punya riwayat (akun PPPoE: 1, langganan: 2, tagihan: 3, pembayaran: 0, catatan deposit: 0): ubah statusnya menjadi nonaktif, jangan dihapus',
    );
    expect(t('Paket 10M is used by 4 PPPoE account(s) and 0 subscription(s): deactivate it instead of deleting')).toBe(
      'Paket 10M dipakai oleh 4 akun PPPoE dan 0 langganan: nonaktifkan paketnya, jangan dihapus',
    );
    // A router error inside a router error inside a sentence.
    expect(
      t(
        'The router refused: connection refused — is the API service enabled on port 8728? (IP → Services → api on 192.168.88.1)',
      ),
    ).toBe(
      'Router menolak: koneksi ditolak — apakah layanan API aktif di port 8728? (IP → Services → api di 192.168.88.1)',
    );
    expect(
      t(
        'Router unreachable: not connected to the router: host 10.0.0.1 is unreachable — check the address, cable and route',
      ),
    ).toBe(
      'Router tidak terjangkau: tidak terhubung ke router: host 10.0.0.1 tidak terjangkau — periksa alamat, kabel dan rute',
    );
    expect(t('Cannot import budi: no package for profile 10M')).toBe(
      'Tidak dapat mengimpor budi: belum ada paket untuk profil 10M',
    );
    // RouterOS's own text cannot be translated: it stays inside the Indonesian sentence.
    expect(t('The router refused: failure: already have such entry')).toBe(
      'Router menolak: failure: already have such entry',
    );
    // Field names in "{{label}} …" messages, and the "<field>: <message> (and N more)" summary.
    expect(t('Notes must be at most 2000 characters')).toBe('Catatan maksimal 2000 karakter');
    expect(t('name: Name is required (and 2 more)')).toBe('name: Nama wajib diisi (dan 2 lainnya)');
    // Names are user data, never translated, even when they look like a known word.
    expect(t('Notes has expired; it cannot be isolated')).toBe('Notes sudah kedaluwarsa; tidak bisa diisolir');
    // Nesting is capped (no endless recursion on a message that contains itself).
    expect(t('Router error: Router error: Router error: Router error: Router error: x')).toBe(
      'Kesalahan router: Kesalahan router: Kesalahan router: Kesalahan router: Router error: x',
    );
  });

  it('translates the billing automation log and its errors (stored English lines)', () => {
    const t = translateApiMessage;
    expect(t('budi: INV-202611-00001 due 2026-11-10, grace 3 days (profile)')).toBe(
      'budi: INV-202611-00001 jatuh tempo 2026-11-10, masa tenggang 3 hari (profil isolir)',
    );
    expect(t('budi: INV-202611-00001 due 2026-11-10, grace 3 days (disable)')).toBe(
      'budi: INV-202611-00001 jatuh tempo 2026-11-10, masa tenggang 3 hari (akun dinonaktifkan)',
    );
    expect(t('arrears cleared')).toBe('tunggakan lunas');
    expect(t('payment PAY-20261124-0001')).toBe('pembayaran PAY-20261124-0001');
    expect(t('subscription 7: end date 2026-11-30 → 2026-12-31')).toBe(
      'langganan 7: tanggal berakhir 2026-11-30 → 2026-12-31',
    );
    expect(t('restore after invoice INV-202611-00002 voided: Router not found')).toBe(
      'pemulihan setelah tagihan INV-202611-00002 dibatalkan: Router tidak ditemukan',
    );
    expect(t('isolate customer 12: Router not found')).toBe('isolir pelanggan 12: Router tidak ditemukan');
    // The invoice run's line (the walkthrough saw "2026-12: 0 invoices, Rp 0" in the Indonesian log).
    expect(t('2026-12: 0 invoices, Rp 0')).toBe('2026-12: 0 tagihan, Rp 0');
    expect(t('2026-12: 12 invoices, Rp 1.800.000')).toBe('2026-12: 12 tagihan, Rp 1.800.000');
    expect(t('invoice run 2026-12: Router not found')).toBe('pembuatan tagihan 2026-12: Router tidak ditemukan');
  });

  it('checks without a message of their own get plain sentences, all translated', () => {
    const schema = z
      .object({
        notes: z.string().max(500),
        tags: z.array(z.string()).min(1),
        qty: z.number().int().min(0).max(99),
        mode: z.enum(['a', 'b']),
      })
      .strict();
    const bad = schema.safeParse({ notes: 'x'.repeat(501), tags: [], qty: 100, mode: 'c', extra: 1 });
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages.sort()).toEqual([
      'At most 500 characters',
      'At most 99',
      'Choose at least one',
      'Must be one of: a, b',
      'Unknown field: extra',
    ]);
    expect(messages.map(translateApiMessage).sort()).toEqual([
      'Harus salah satu dari: a, b',
      'Kolom tidak dikenal: extra',
      'Maksimal 500 karakter',
      'Maksimal 99',
      'Pilih minimal satu',
    ]);
    expect(schema.safeParse({}).error!.issues.map((i) => translateApiMessage(i.message))).toContain('Wajib diisi');
    expect(z.object({ n: z.number() }).safeParse({ n: '5' }).error!.issues[0]!.message).toBe('Must be a number');
    // A check's own message wins; a number placeholder never swallows words.
    expect(z.string().max(3, 'Code is 3 letters').safeParse('abcd').error!.issues[0]!.message).toBe(
      'Code is 3 letters',
    );
    expect(translateApiMessage('At most 5 backups at once')).toBe('At most 5 backups at once');
  });

  it('shows the message as sent in English', async () => {
    await i18n.changeLanguage('en');
    const m =
      'The router refused: connection refused — is the API service enabled on port 8728? (IP → Services → api on 10.0.0.1)';
    expect(translateApiMessage(m)).toBe(m);
    await i18n.changeLanguage('id');
  });
});
