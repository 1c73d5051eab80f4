import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { RouterConnection, type ConnectionOptions } from '../../src-main/routeros/connection';
import type { RouterTarget } from '../../src-main/routeros/client';
import { RouterSim, type SimOptions } from '../routeros-sim/simulator';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../routeros-sim/fixtures');
export const routerCert = () => fs.readFileSync(path.join(FIXTURES, 'router-cert.pem'), 'utf8');
export const routerKey = () => fs.readFileSync(path.join(FIXTURES, 'router-key.pem'), 'utf8');

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A started simulator, stopped after the test. */
export async function sim(opts: SimOptions = {}): Promise<RouterSim> {
  const s = await new RouterSim(opts).start();
  cleanups.push(() => s.stop());
  return s;
}

/** An open client connection, closed after the test. */
export async function connect(target: RouterTarget, opts?: ConnectionOptions): Promise<RouterConnection> {
  const c = await RouterConnection.open(target, opts);
  cleanups.push(() => c.close());
  return c;
}

export function onCleanup(fn: () => Promise<unknown> | unknown) {
  cleanups.push(fn);
}

/** A port on 127.0.0.1 with nothing listening. */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A raw TCP server that lets the test script the bytes a "router" sends. */
export async function rawServer(onSocket: (s: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    onSocket(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  );
  return (srv.address() as net.AddressInfo).port;
}
