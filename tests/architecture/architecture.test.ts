import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The rules of docs/architecture.md, checked on the source itself: SQL lives only in the data-access
 * layer, database rows are typed there (no casts elsewhere), files stay small, and the layer/cycle
 * rule really fails on a violation (shown on a fixture, not on src).
 */
const root = path.resolve(__dirname, '../..');
const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

function sourceFiles(dir: string, exts = ['.ts', '.tsx']): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && exts.some((x) => e.name.endsWith(x))) out.push(path.join(e.parentPath, e.name));
  }
  return out.sort();
}

/** Where SQL may be written: the data-access modules and the database plumbing (open, migrate). */
const DATA_LAYER = /^src-main\/(data|db)\//;

const SQL =
  /\b(SELECT\s[\s\S]*\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|PRAGMA|VACUUM|ATTACH\s+DATABASE|WITH\s+\w+\s+AS\s*\()\b/i;

/** Calls that run SQL on a better-sqlite3 connection (`exec` is also RegExp's: its SQL text is caught above). */
const SQL_CALLS = new Set(['prepare', 'pragma']);

/** Row-reading statement methods whose result is a database row. */
const ROW_CALLS = new Set(['get', 'all', 'iterate', 'pluck', 'raw']);

function scan(file: string, visit: (node: ts.Node, sf: ts.SourceFile) => void) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const walk = (n: ts.Node) => {
    visit(n, sf);
    ts.forEachChild(n, walk);
  };
  walk(sf);
}

const at = (sf: ts.SourceFile, n: ts.Node) =>
  `${rel(sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;

const mainFiles = sourceFiles('src-main').filter((f) => !DATA_LAYER.test(rel(f)));

describe('SQL lives in the data-access layer', () => {
  it('no SQL text outside src-main/data and src-main/db', () => {
    const hits: string[] = [];
    for (const file of mainFiles) {
      scan(file, (n, sf) => {
        if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) {
          const text = n.getText(sf);
          if (SQL.test(text)) hits.push(`${at(sf, n)} ${text.slice(0, 60).replace(/\s+/g, ' ')}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });

  it('no prepare/pragma calls outside src-main/data and src-main/db', () => {
    const hits: string[] = [];
    for (const file of mainFiles) {
      scan(file, (n, sf) => {
        if (
          ts.isCallExpression(n) &&
          ts.isPropertyAccessExpression(n.expression) &&
          SQL_CALLS.has(n.expression.name.text)
        ) {
          hits.push(at(sf, n));
        }
      });
    }
    expect(hits).toEqual([]);
  });
});

describe('database rows are typed in one place', () => {
  it('no `as` cast of a statement result outside the data layer, and no `as unknown as` anywhere in src', () => {
    const hits: string[] = [];
    const all = [...sourceFiles('src-main'), ...sourceFiles('src-renderer'), ...sourceFiles('src-shared')];
    for (const file of all) {
      const inData = DATA_LAYER.test(rel(file));
      scan(file, (n, sf) => {
        if (!ts.isAsExpression(n)) return;
        if (ts.isAsExpression(n.expression) && n.expression.type.kind === ts.SyntaxKind.UnknownKeyword) {
          hits.push(`${at(sf, n)} as unknown as`);
          return;
        }
        const e = n.expression;
        if (
          !inData &&
          ts.isCallExpression(e) &&
          ts.isPropertyAccessExpression(e.expression) &&
          ROW_CALLS.has(e.expression.name.text)
        ) {
          hits.push(`${at(sf, n)} ${n.getText(sf).slice(0, 60)}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });
});

describe('files stay readable', () => {
  it('no source file over 400 lines in src-main, src-renderer, src-shared', () => {
    const long = ['src-main', 'src-renderer', 'src-shared']
      .flatMap((d) => sourceFiles(d))
      .map((f) => ({ f: rel(f), n: fs.readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.n > 400)
      .map((x) => `${x.f} (${x.n})`);
    expect(long).toEqual([]);
  });
});

describe('the layer and cycle rule fails on a violation', () => {
  it('reports a circle (type-only included) and two layer breaks in the fixture', () => {
    const cwd = path.join(root, 'tests/lint/fixtures/layers');
    const bin = path.join(root, 'node_modules/.bin/depcruise');
    // The text reporter (what `npm run lint` prints) exits non-zero on errors; json then names the rules.
    const run = (output: string) =>
      spawnSync(bin, ['src-main', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', output], {
        cwd,
        encoding: 'utf8',
      });
    expect(run('err').status).not.toBe(0);
    const out = run('json').stdout;
    const rules = (JSON.parse(out) as { summary: { violations: { rule: { name: string } }[] } }).summary.violations
      .map((v) => v.rule.name)
      .sort();
    expect(rules).toEqual(['core-below-api', 'db-is-the-bottom', 'no-circular']);
  });
});

describe('lint', () => {
  it('refuses an eslint-disable comment that does not say why', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: root });
    const lint = async (code: string) =>
      (await eslint.lintText(code, { filePath: path.join(root, 'src-main/lint-probe.ts') }))[0]!.messages.map(
        (m) => m.ruleId,
      );
    const bare = '// eslint-disable-next-line no-console\nconsole.log(1);\n';
    const reasoned = '// eslint-disable-next-line no-debugger -- a probe for the lint test\ndebugger;\n';
    expect(await lint(bare)).toContain('@eslint-community/eslint-comments/require-description');
    expect(await lint(reasoned)).toEqual([]);
  });
});
