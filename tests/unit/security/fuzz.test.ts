import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { procedures, type Channel } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/result';
import { testApp, type TestApp } from '../../helpers/app';
import { mintSession } from './helpers';

/**
 * Property-based fuzzing of EVERY channel in the contract (new ones are picked up automatically) with
 * random and hostile inputs, called as Admin so nothing stops at the permission check. For each call:
 * never a throw, never INTERNAL, and when the answer is an error nothing in the database changed.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const channels = Object.keys(procedures) as Channel[];

/**
 * Errors that legitimately leave a trace: a failed sign-in is audited and counted (by design); its audit row
 * is counted per action by a trigger (audit_action_counts).
 */
const WRITES_ON_ERROR: Partial<Record<Channel, RegExp>> = {
  'auth.login': /^(audit_log|audit_action_counts|users)$/,
};

/** Tables whose rows are bookkeeping (sessions, idempotency keys, queues, samples), not business changes. */
const BOOKKEEPING = new Set([
  'auth_sessions',
  'job_runs',
  'sync_ops',
  'traffic_samples',
  'usage_daily',
  'usage_counters',
  'automation_log',
  'sequences',
  '__drizzle_migrations',
]);

/** The field names of a channel's input object, looking through default/optional/preprocess wrappers. */
function objectKeys(schema: z.ZodType, depth = 0): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (depth > 6) return [];
  if (def.type === 'object') return Object.keys(def.shape as object);
  for (const inner of ['innerType', 'out', 'in', 'schema']) {
    if (def[inner]) {
      const k = objectKeys(def[inner] as z.ZodType, depth + 1);
      if (k.length) return k;
    }
  }
  return [];
}

function nest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const hostileString = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    '" OR ""="',
    '%',
    '_',
    '\\',
    '%_%\\',
    '\u0000',
    'a\u0000b',
    '\u202egnp.exe',
    '🙂'.repeat(50),
    'Ñandú Jl. Merdeka № 5',
    'ﷺ𝕏',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '../../../etc/passwd',
    '..\\..\\windows\\win.ini',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '   ',
    '',
    '2026-02-30',
    '9999-99-99',
    'NaN',
    '-1',
    '1e309',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constant('x'.repeat(100_000)),
  fc.constant('é'.repeat(70_000)),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    1,
    2,
    1.5,
    -2147483649,
    2 ** 31,
    2 ** 53 + 2,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.integer(),
  fc.double(),
);
/** Values that pass many schemas, so the fuzzing reaches the handlers too. */
const plausible = fc.constantFrom(
  1,
  2,
  3,
  5,
  10,
  50000,
  'admin',
  'staff',
  'active',
  'csv',
  'xlsx',
  'pdf',
  '2026-11-24',
  '2026-11',
  'Budi',
  true,
  false,
  null,
);
const protoBomb = fc.constant(
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
);
const leaf = fc.oneof(hostileString, hostileNumber, plausible, fc.constant(undefined), protoBomb);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      hostileString.filter((s) => s.length < 50),
      leaf,
      { maxKeys: 3 },
    ),
  },
  { weight: 1, arbitrary: fc.constant(nest(2_000)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Inputs of the right shape and types but hostile content (SQL metacharacters, huge strings,
 * negative and unsafe numbers, unicode...), so the fuzzing gets past validation into the handlers.
 */
function typedHostile(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 5) return leaf;
  switch (def.type) {
    case 'string':
      return fc.oneof(
        hostileString,
        plausible.filter((v) => typeof v === 'string'),
      );
    case 'number':
    case 'int':
      return fc.oneof(hostileNumber, fc.constantFrom(1, 2, 3, 0, -1, 100, 50_000));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries as object)) },
        { weight: 1, arbitrary: hostileString },
      );
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, typedHostile(v, depth + 1)])), {
        requiredKeys: [],
      });
    }
    case 'array':
      return fc.array(typedHostile(def.element, depth + 1), { maxLength: 3 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => typedHostile(o, depth + 1)));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return typedHostile(def.innerType, depth + 1);
    case 'pipe':
      return defOf(def.out).type === 'transform' ? typedHostile(def.in, depth + 1) : typedHostile(def.out, depth + 1);
    default:
      return value;
  }
}

function inputFor(channel: Channel): fc.Arbitrary<unknown> {
  const schema = procedures[channel].input as z.ZodType;
  const keys = objectKeys(schema);
  const known = keys.length ? keys : ['id'];
  const loose = fc.record(Object.fromEntries(known.map((k) => [k, value])), { requiredKeys: [] });
  return fc.oneof(
    // right types, hostile content: reaches the handlers
    { weight: 3, arbitrary: typedHostile(schema) },
    // the whole input is garbage
    { weight: 1, arbitrary: value },
    // known fields with hostile values of any type
    { weight: 1, arbitrary: loose },
    // ... plus a prototype or extra key (as JSON.parse would create it: an own __proto__ property)
    {
      weight: 1,
      arbitrary: fc
        .tuple(loose, fc.constantFrom('__proto__', 'constructor', 'extra', 'id'), leaf)
        .map(([o, k, v]) =>
          JSON.parse(
            JSON.stringify({ ...o, [k === '__proto__' ? 'proto_placeholder' : k]: v }).replace(
              'proto_placeholder',
              '__proto__',
            ),
          ),
        ),
    },
  );
}

let t: TestApp;
let adminId: number;
let tables: string[];

/** A digest of every table's rows (auth_sessions without its sliding-expiry columns), per table. */
function checksums(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of tables) {
    const cols = name === 'auth_sessions' ? 'id, token_hash, user_id, created_at, revoked_at, transport' : '*';
    const rows = t.app.ctx.sqlite.prepare(`SELECT ${cols} FROM "${name}"`).raw().all();
    const h = crypto.createHash('sha256');
    for (const r of rows)
      h.update(
        JSON.stringify(r, (_k, v) =>
          Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v,
        ),
      );
    out.set(name, `${rows.length}:${h.digest('hex')}`);
  }
  return out;
}

beforeAll(async () => {
  t = await testApp();
  await t.ok('demo.load', {});
  adminId = (await t.ok('auth.me', {})).id;
  tables = (
    t.app.ctx.sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}, 60_000);
afterAll(() => t?.close());

describe('fuzzing every channel', () => {
  it.each(channels)(
    '%s survives hostile input',
    async (channel) => {
      const { sqlite } = t.app.ctx;
      const changes = () => sqlite.prepare('SELECT total_changes()').pluck().get() as number;
      let token = mintSession(t, adminId);
      const tokenLive = () =>
        sqlite
          .prepare('SELECT 1 FROM auth_sessions WHERE token_hash = ? AND revoked_at IS NULL')
          .get(crypto.createHash('sha256').update(token).digest('hex')) !== undefined;
      // Full checksums are only recomputed after something was written (successful calls), so the
      // common error path costs one counter read; a write on an error path is then pinned to a table.
      let snapshot = { at: -1, sums: new Map<string, string>() };
      await fc.assert(
        fc.asyncProperty(inputFor(channel), async (input) => {
          if (!tokenLive()) token = mintSession(t, adminId);
          if (snapshot.at !== changes()) snapshot = { at: changes(), sums: checksums() };
          const auditRows = () => sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
          const auditBefore = auditRows();
          const r = await t.app.call(channel, input, { transport: 'ipc', token });
          expect(typeof r.ok).toBe('boolean');
          if (r.ok) {
            // A change that went through left a trail (a no-op success may write nothing).
            if (procedures[channel].mutates && changes() !== snapshot.at) {
              const after = checksums();
              const changed = [...after.keys()].filter(
                (k) => after.get(k) !== snapshot.sums.get(k) && !BOOKKEEPING.has(k),
              );
              if (changed.length) {
                expect(auditRows(), `${channel} changed ${changed.join(', ')} without an audit row`).toBeGreaterThan(
                  auditBefore,
                );
              }
              snapshot = { at: changes(), sums: after };
            }
            return;
          }
          expect(ERROR_CODES).toContain(r.error.code);
          expect(r.error.code, `${channel}: ${r.error.message}`).not.toBe('INTERNAL');
          expect(typeof r.error.message).toBe('string');
          if (changes() === snapshot.at) return;
          const after = checksums();
          const allowed = WRITES_ON_ERROR[channel];
          for (const [table, sum] of snapshot.sums) {
            if (allowed?.test(table)) continue;
            expect(after.get(table), `${channel} answered ${r.error.code} but changed ${table}`).toBe(sum);
          }
          snapshot = { at: changes(), sums: after };
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261124), endOnFailure: true },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    },
    120_000,
  );
});
