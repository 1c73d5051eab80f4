/**
 * `npx tsx tests/bench/ciphers.ts [rounds]`: what each page cipher of SQLite3 Multiple Ciphers costs
 * against plain SQLite, on the app's own connection settings (db/open.ts), with the 32 MB page cache
 * and with SQLite's default 2 MB one. The modes take turns round after round, so a machine whose load
 * swings (other processes) hits every mode alike; CPU time (user+system of this process) is reported
 * beside wall time because it is what the cipher adds, while wall time also holds fsync waits and
 * other processes' turns. Writes its section of BENCHMARKS.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PAGE_CIPHER, selectPageCipher, type PageCipher } from '../../src-main/db/encryption/cipher';
import { openSqlite, type Sqlite } from '../../src-main/db/open';

type Mode = 'plain' | PageCipher;
const MODES: Mode[] = ['plain', 'aegis', 'chacha20', 'sqlcipher'];
const CACHES = [-32000, -2000];
const N = 20_000;
const PAYMENTS = 400;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))]!;

function open(file: string, mode: Mode, key: Buffer, cache: number): Sqlite {
  if (mode !== 'plain') selectPageCipher(mode);
  try {
    const db = openSqlite(file, { key: mode === 'plain' ? null : key });
    db.pragma(`cache_size = ${cache}`);
    return db;
  } finally {
    selectPageCipher(DEFAULT_PAGE_CIPHER);
  }
}

interface Sample {
  bulkCpu: number;
  payCpu: number;
  payP50: number;
  payP99: number;
  scanCpu: number;
  coldCpu: number;
  openMs: number;
}

function once(mode: Mode, cache: number): Sample {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-ciphers-'));
  const file = path.join(dir, 'bench.sqlite');
  const key = crypto.randomBytes(32);
  try {
    let db = open(file, mode, key, cache);
    db.exec(`CREATE TABLE c(id INTEGER PRIMARY KEY, name TEXT, phone TEXT, addr TEXT);
      CREATE TABLE inv(id INTEGER PRIMARY KEY, cid INT REFERENCES c(id), period TEXT, amount INT, status TEXT, UNIQUE(cid, period));
      CREATE TABLE pay(id INTEGER PRIMARY KEY, cid INT, amount INT, ref TEXT UNIQUE, at TEXT);
      CREATE TABLE audit(id INTEGER PRIMARY KEY, what TEXT, at TEXT, detail TEXT);
      CREATE INDEX inv_c ON inv(cid, status);`);
    const addCustomer = db.prepare('INSERT INTO c(name, phone, addr) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < N; i++) addCustomer.run(`Pelanggan ${i}`, `0812${1e7 + i}`, `Jl. Mawar No. ${i}, Bandung`);
    })();
    // An invoice run: one transaction of invoices and audit rows, committed (pages encrypted into the WAL).
    const addInvoice = db.prepare("INSERT INTO inv(cid, period, amount, status) VALUES (?, '2026-12', 150000, 'open')");
    const audit = db.prepare('INSERT INTO audit(what, at, detail) VALUES (?, ?, ?)');
    let c0 = cpuMs();
    db.transaction(() => {
      for (let i = 1; i <= N; i++) {
        addInvoice.run(i);
        audit.run('invoice', '2026-12-01', `{"cid":${i}}`);
      }
    })();
    const bulkCpu = cpuMs() - c0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const t0 = performance.now();
    db = open(file, mode, key, cache);
    const openMs = performance.now() - t0;
    // A cash payment: find the open invoice, insert the payment, mark the invoice, audit; one commit (fsync).
    const findOpen = db.prepare<[number], { id: number; amount: number }>(
      "SELECT id, amount FROM inv WHERE cid = ? AND status = 'open' ORDER BY period LIMIT 1",
    );
    const addPayment = db.prepare('INSERT INTO pay(cid, amount, ref, at) VALUES (?, ?, ?, ?)');
    const markPaid = db.prepare("UPDATE inv SET status = 'paid' WHERE id = ?");
    const audit2 = db.prepare('INSERT INTO audit(what, at, detail) VALUES (?, ?, ?)');
    const pay = db.transaction((cid: number) => {
      const inv = findOpen.get(cid);
      addPayment.run(cid, inv?.amount ?? 1000, crypto.randomUUID(), '2026-12-06');
      if (inv) markPaid.run(inv.id);
      audit2.run('payment', '2026-12-06', `{"cid":${cid}}`);
    });
    const lat: number[] = [];
    c0 = cpuMs();
    for (let k = 0; k < PAYMENTS; k++) {
      const s = performance.now();
      pay(1 + ((k * 7919) % N));
      lat.push(performance.now() - s);
    }
    const payCpu = (cpuMs() - c0) / PAYMENTS;
    // A search over the customers joined to their invoices (warm cache).
    const search = db.prepare('SELECT count(*), sum(i.amount) FROM c JOIN inv i ON i.cid = c.id WHERE c.name LIKE ?');
    c0 = cpuMs();
    for (let k = 0; k < 10; k++) search.get(`%${k}%`);
    const scanCpu = (cpuMs() - c0) / 10;
    db.close();
    // Cold: a new connection reads every page of the three tables once (each page decrypted and checked).
    db = open(file, mode, key, cache);
    c0 = cpuMs();
    db.prepare('SELECT count(*), sum(length(addr)) FROM c').get();
    db.prepare('SELECT count(*), sum(amount) FROM inv').get();
    db.prepare('SELECT sum(length(detail)) FROM audit').get();
    const coldCpu = cpuMs() - c0;
    db.close();
    return { bulkCpu, payCpu, payP50: pct(lat, 0.5), payP99: pct(lat, 0.99), scanCpu, coldCpu, openMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const rounds = Number(process.argv[2] ?? 3);
  const load = os.loadavg();
  const samples = new Map<string, Sample[]>();
  for (let r = 0; r < rounds; r++) {
    for (const mode of MODES) {
      for (const cache of CACHES) {
        const k = `${mode}|${cache}`;
        samples.set(k, [...(samples.get(k) ?? []), once(mode, cache)]);
      }
    }
    console.log(`round ${r + 1}/${rounds} done`);
  }
  const f = (n: number, d = 2) => n.toFixed(d);
  const base = (cache: number, pick: (s: Sample) => number) => median(samples.get(`plain|${cache}`)!.map(pick));
  const cell = (mode: Mode, cache: number, pick: (s: Sample) => number, d = 2) => {
    const v = median(samples.get(`${mode}|${cache}`)!.map(pick));
    return mode === 'plain' ? f(v, d) : `${f(v, d)} (${f(v / base(cache, pick), 2)}×)`;
  };
  const lines = [
    '## Page ciphers: plain vs AEGIS-256 vs ChaCha20-Poly1305 vs SQLCipher 4 (micro-benchmark)',
    '',
    `\`npx tsx tests/bench/ciphers.ts ${rounds}\` on ${new Date().toISOString().slice(0, 16)}Z: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}.`,
    `Machine load (1/5/15-min load average) at the start ${load.map((l) => f(l)).join(' / ')}, at the end ${os
      .loadavg()
      .map((l) => f(l))
      .join(
        ' / ',
      )}: other work shared the 2 cores, so compare the ratios (same run, modes taking turns), not the absolute figures.`,
    `Median of ${rounds} rounds; 20,000 customers, an invoice run of 20,000 invoices + 20,000 audit rows, ${PAYMENTS} payments (one fsync each, production pragmas of db/open.ts).`,
    '',
    '| cache | mode | invoice run CPU ms | payment CPU ms | payment wall p50 / p99 ms | search CPU ms (warm) | cold read of every page CPU ms | open + key ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const cache of CACHES)
    for (const mode of MODES)
      lines.push(
        `| ${cache === -32000 ? '32 MB (app)' : '2 MB (SQLite default)'} | ${mode} | ${cell(mode, cache, (s) => s.bulkCpu, 1)} | ${cell(mode, cache, (s) => s.payCpu, 3)} | ${f(median(samples.get(`${mode}|${cache}`)!.map((s) => s.payP50)))} / ${f(median(samples.get(`${mode}|${cache}`)!.map((s) => s.payP99)))} | ${cell(mode, cache, (s) => s.scanCpu)} | ${cell(mode, cache, (s) => s.coldCpu)} | ${f(median(samples.get(`${mode}|${cache}`)!.map((s) => s.openMs)))} |`,
      );
  const section = `${lines.join('\n')}\n`;
  console.log(section);
  const bench = path.resolve('BENCHMARKS.md');
  let text = fs.existsSync(bench) ? fs.readFileSync(bench, 'utf8') : '# Benchmarks\n';
  const title = lines[0]!;
  const start = text.indexOf(`${title}\n`);
  if (start < 0) text += `\n${section}`;
  else {
    const next = text.indexOf('\n## ', start + title.length);
    text = text.slice(0, start) + section + (next < 0 ? '' : text.slice(next + 1));
  }
  fs.writeFileSync(bench, text);
}

main();
