/**
 * Standalone RouterOS simulator for manual testing and Playwright:
 *   npx tsx tests/routeros-sim/cli.ts --port 18728 --control-port 18729 --secrets 20 --online 5
 * Prints one line `ROUTEROS_SIM port=<p> control=<c>` once listening. The optional control port is a
 * tiny JSON HTTP API on 127.0.0.1 (see README.md) to inject faults or stop/start the "router".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { RouterSim, type SimFault } from './simulator';

const { values: a } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'control-port': { type: 'string' },
    user: { type: 'string', default: 'admin' },
    password: { type: 'string', default: 'rahasia' },
    version: { type: 'string', default: '7.19.4' },
    identity: { type: 'string', default: 'MikroTik' },
    'legacy-login': { type: 'boolean', default: false },
    secrets: { type: 'string', default: '0' },
    online: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
  },
});

const sim = new RouterSim({
  port: Number(a.port),
  users: { [a.user!]: a.password! },
  version: a.version,
  identity: a.identity,
  legacyLogin: a['legacy-login'],
});
sim.seedSecrets(Number(a.secrets));
for (let i = 1; i <= Number(a.online); i++) sim.connectUser(`user${String(i).padStart(4, '0')}`);
sim.faults.latencyMs = Number(a.latency);
await sim.start();

let controlPort: number | undefined;
if (a['control-port'] !== undefined) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of a test-only control API; each route names its body's shape
  const routes: Record<string, (body: any) => unknown> = {
    'GET /state': () => ({
      port: sim.port,
      listening: sim.listening,
      faults: sim.faults,
      stats: sim.stats,
      secrets: sim.secrets(),
      profiles: sim.profiles(),
      active: sim.activeSessions(),
    }),
    'POST /faults': (b) => Object.assign(sim.faults, b),
    'POST /inject': (b: { command: string; fault: SimFault; times?: number }) => (
      sim.inject(
        b.command,
        b.fault.kind === 'garbage'
          ? { kind: 'garbage', bytes: Buffer.from((b.fault as { hex?: string }).hex ?? 'f8', 'hex') }
          : b.fault,
        b.times,
      ),
      { ok: true }
    ),
    'POST /clear': () => (sim.clearFaults(), { ok: true }),
    'POST /stop': async () => (await sim.stop(), { ok: true }),
    'POST /start': async () => (sim.listening || (await sim.start()), { ok: true }),
    'POST /restart': async () => (await sim.restart(), { ok: true }),
    'POST /drop': () => (sim.dropConnections(), { ok: true }),
    'POST /reset': () => (sim.resetConfiguration(), { ok: true }),
    'POST /secret': (b: Record<string, string>) => ({ id: sim.addSecret(b) }),
    'POST /profile': (b: Record<string, string>) => ({ id: sim.addProfile(b) }),
    'POST /connect': (b: { name: string; address?: string; callerId?: string; rxBps?: number; txBps?: number }) =>
      sim.connectUser(b.name, b),
    'POST /disconnect': (b: { name: string }) => ({ ok: sim.disconnectUser(b.name) }),
    'POST /traffic': (b: { name: string; rxBps: number; txBps: number }) => (
      sim.setTraffic(b.name, b.rxBps, b.txBps),
      { ok: true }
    ),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const route = routes[`${req.method} ${req.url}`];
      try {
        if (!route) throw new Error('unknown route');
        const out = await route(body ? JSON.parse(body) : {});
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out ?? { ok: true }));
      } catch (e) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(e) }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(Number(a['control-port']), '127.0.0.1', () => r()));
  controlPort = (server.address() as AddressInfo).port;
}

console.log(`ROUTEROS_SIM port=${sim.port}${controlPort ? ` control=${controlPort}` : ''} user=${a.user}`);
const shutdown = () => void sim.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
