/** `npm run bench` arguments: suites by id, and the options below (README, "Benchmarks"). */
export interface BenchArgs {
  only: string[];
  mode: 'both' | 'plain' | 'encrypted' | 'ciphers';
  rounds: number;
  /** Customer counts for the scalable suites (`--scale=5000,50000`); empty = each suite's own size. */
  scales: number[];
  json: string;
  compare?: string;
  tolerance: number;
}

const VALUE_OPTIONS = ['--rounds', '--scale', '--json', '--compare', '--tolerance'];

/** Reads `--opt=value` and `--opt value`; a value that is not exactly readable stops the run. */
export function benchArgs(argv: string[]): BenchArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      only.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (VALUE_OPTIONS.includes(name)) {
      const value = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (value === undefined || value === '') throw new Error(`${name} needs a value`);
      values.set(name, value);
    } else if (['--plain', '--encrypted', '--ciphers'].includes(name)) flags.add(name);
    else throw new Error(`unknown option ${a}`);
  }
  const int = (name: string, text: string) => {
    if (!/^[1-9]\d*$/.test(text)) throw new Error(`${name}: "${text}" is not a whole number above 0`);
    return Number(text);
  };
  const scales = (values.get('--scale') ?? '')
    .split(',')
    .filter((x) => x !== '')
    .map((x) => int('--scale', x.replace(/_/g, '')));
  const tol = values.get('--tolerance') ?? '0.1';
  if (!/^\d+(\.\d+)?$/.test(tol)) throw new Error(`--tolerance: "${tol}" is not a fraction such as 0.1`);
  return {
    only,
    mode: flags.has('--plain')
      ? 'plain'
      : flags.has('--encrypted')
        ? 'encrypted'
        : flags.has('--ciphers')
          ? 'ciphers'
          : 'both',
    rounds: values.has('--rounds') ? int('--rounds', values.get('--rounds')!) : 2,
    scales: [...new Set(scales)].sort((a, b) => a - b),
    json: values.get('--json') ?? 'bench-results.json',
    compare: values.get('--compare'),
    tolerance: Number(tol),
  };
}
