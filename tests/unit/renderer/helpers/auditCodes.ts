import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every audit action and entity code src-main can write, found with the TypeScript parser:
 * `action: '…'` / `entity: '…'` in object literals (both branches of a `?:`), and literals passed to
 * a same-file function's parameter named `action`/`entity` (`setStatus(…, 'pppoe.enable')`).
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function literals(e: ts.Expression | undefined): string[] {
  if (!e) return [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return literals(e.expression);
  if (ts.isConditionalExpression(e)) return [...literals(e.whenTrue), ...literals(e.whenFalse)];
  return [];
}

export function auditCodes(srcMain: string): { actions: Set<string>; entities: Set<string> } {
  const found = { action: new Set<string>(), entity: new Set<string>() };
  for (const file of sourceFiles(srcMain)) {
    if (file.includes(`${path.sep}db${path.sep}schema`)) continue;
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const params = new Map<string, { index: number; kind: 'action' | 'entity' }[]>();
    const collect = (n: ts.Node) => {
      if ((ts.isFunctionDeclaration(n) || ts.isVariableDeclaration(n)) && n.name && ts.isIdentifier(n.name)) {
        const fn = ts.isFunctionDeclaration(n) ? n : n.initializer;
        if (fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)))
          fn.parameters.forEach((p, index) => {
            if (ts.isIdentifier(p.name) && (p.name.text === 'action' || p.name.text === 'entity'))
              params.set(n.name!.getText(), [
                ...(params.get(n.name!.getText()) ?? []),
                { index, kind: p.name.text as 'action' | 'entity' },
              ]);
          });
      }
      ts.forEachChild(n, collect);
    };
    collect(sf);
    const visit = (n: ts.Node) => {
      if (
        ts.isPropertyAssignment(n) &&
        ts.isIdentifier(n.name) &&
        (n.name.text === 'action' || n.name.text === 'entity')
      )
        for (const s of literals(n.initializer)) found[n.name.text].add(s);
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression))
        for (const { index, kind } of params.get(n.expression.text) ?? [])
          for (const s of literals(n.arguments[index])) found[kind].add(s);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  // Audit actions are `<entity>.<verb>`; other `action:` values (automation log, UI) are not audit codes.
  const actions = new Set([...found.action].filter((a) => /^[a-z_]+\.[a-z_]+$/.test(a)));
  return { actions, entities: found.entity };
}
