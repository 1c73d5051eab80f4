import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_RECEIVER_EXAMPLE } from '../../../src-main/host/http/api-v1/webhooks-doc';
import { FakeClock, tempDir, testApp, type TestApp } from '../../helpers/app';

const ROOT = path.resolve(__dirname, '../../..');

let t: TestApp;
let child: ChildProcess | null = null;
beforeEach(async () => {
  // The example checks the timestamp against the real clock.
  t = await testApp({ clock: new FakeClock(Date.now()) });
});
afterEach(() => {
  child?.kill();
  t.close();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Resolves once something accepts connections on the port (the example prints nothing when it listens). */
async function listening(port: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (child?.exitCode !== null) throw new Error('the example receiver exited');
  }
}

describe('the receiver example in the docs', () => {
  it('is the one on the API docs page, and it verifies a real delivery and refuses a wrong secret', async () => {
    const md = fs.readFileSync(path.join(ROOT, 'docs/webhooks.md'), 'utf8');
    expect(/```js\n([\s\S]*?)\n```/.exec(md)?.[1]).toBe(WEBHOOK_RECEIVER_EXAMPLE);
    expect(WEBHOOK_RECEIVER_EXAMPLE.split('\n').length).toBeLessThanOrEqual(14);

    const made = await t.ok('webhooks.create', { url: 'http://127.0.0.1:1/', events: ['payment.created'] });
    const port = await freePort();
    const file = path.join(tempDir('webhook-example-'), 'receiver.cjs');
    fs.writeFileSync(file, WEBHOOK_RECEIVER_EXAMPLE);
    child = spawn(process.execPath, [file], {
      env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: made.secret },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const printed = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => out.includes(text) && (child!.stdout!.off('data', check), resolve());
        child!.stdout!.on('data', check);
        check();
      });
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await listening(port);
    await t.ok('webhooks.update', { id: made.endpoint.id, url: `http://127.0.0.1:${port}/hook` });

    const sent = await t.ok('webhooks.test', { id: made.endpoint.id });
    expect(sent).toMatchObject({ status: 'delivered', lastStatus: 200 });
    // The example logs the event id and type once it has verified the delivery.
    await printed(`${sent.eventId} webhook.test`);

    // Another secret on the app's side: the example answers 400 and the delivery waits for a retry.
    await t.ok('webhooks.rotateSecret', { id: made.endpoint.id });
    const refused = await t.ok('webhooks.test', { id: made.endpoint.id });
    expect(refused).toMatchObject({ status: 'pending', lastStatus: 400 });
  });
});
