/**
 * The portal-load suite's 200 customers, run in a child process (forked by portal-load.bench.ts): customers'
 * browsers are other machines, so building requests and reading answers must not take CPU from the app's
 * thread, which is what the suite measures. Each customer has its own keep-alive connection from its own
 * loopback address (the per-address sign-in limit). Driven by messages from the parent (BrowsersCommand).
 */
import http from 'node:http';

export const BROWSE = ['portal.home', 'portal.invoices', 'portal.usage', 'portal.payments'] as const;

export type BrowsersCommand =
  | { type: 'login'; port: number; logins: string[]; password: string }
  /** Every customer loops over BROWSE; `think`: reading each page 1–3 s, else none (saturation). */
  | { type: 'browse'; think: boolean }
  /** From now on, request times are kept. */
  | { type: 'measure' }
  /** Every loop ends after its current request; then the kept times are sent. */
  | { type: 'stop' };

export type BrowsersReport =
  | { type: 'ready' }
  | { type: 'loggedIn'; ms: number[]; errors: number }
  | { type: 'browsed'; ms: number[]; errors: number };

/** A customer reads each page 1 to 3 s (spread evenly, the same every run): ~100 requests/s from 200. */
export const readingMs = (s: number, k: number) => 1000 + ((((s * 7919 + k * 104_729) % 2001) + 2001) % 2001);

class Browser {
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cookie = '';
  constructor(
    private port: number,
    private from: string,
  ) {}
  post(channel: string, body: unknown): Promise<{ status: number; setCookie?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: `/api/${channel}`,
          agent: this.agent,
          localAddress: this.from,
          headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie']?.[0] }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }
  close() {
    this.agent.destroy();
  }
}

const elapsedMs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** The customers, driven by commands; `send` gets the reports. */
export function customerBrowsers(send: (m: BrowsersReport) => void) {
  let browsers: Browser[] = [];
  let browsing = false;
  let measuring = false;
  let times: number[] = [];
  let errors = 0;
  let loops: Promise<void>[] = [];

  async function login(c: Extract<BrowsersCommand, { type: 'login' }>) {
    browsers = c.logins.map((_, s) => new Browser(c.port, `127.0.${1 + (s >> 8)}.${1 + (s & 255)}`));
    const ms: number[] = [];
    let failed = 0;
    await Promise.all(
      browsers.map(async (b, s) => {
        const t0 = process.hrtime.bigint();
        const r = await b.post('portal.login', { login: c.logins[s], password: c.password }).catch(() => null);
        ms.push(elapsedMs(t0));
        if (r?.status !== 200 || !r.setCookie) failed++;
        else b.cookie = r.setCookie.split(';')[0]!;
      }),
    );
    send({ type: 'loggedIn', ms, errors: failed });
  }

  function browse(think: boolean) {
    const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
    browsing = true;
    measuring = false;
    times = [];
    errors = 0;
    loops = browsers.map(async (b, s) => {
      // Customers do not all arrive at the same instant: each starts after its first "reading" pause.
      if (think) await pause(readingMs(s, -1));
      for (let k = 0; browsing; k++) {
        const t0 = process.hrtime.bigint();
        const r = await b.post(BROWSE[k % BROWSE.length]!, {}).catch(() => null);
        if (measuring) times.push(elapsedMs(t0));
        if (r?.status !== 200) errors++;
        if (think && browsing) await pause(readingMs(s, k));
      }
    });
  }

  return {
    command(c: BrowsersCommand) {
      if (c.type === 'login') void login(c);
      else if (c.type === 'browse') browse(c.think);
      else if (c.type === 'measure') measuring = true;
      else if (c.type === 'stop') {
        browsing = false;
        void Promise.all(loops).then(() => send({ type: 'browsed', ms: times, errors }));
      }
    },
    close() {
      for (const b of browsers) b.close();
    },
  };
}

// Forked by the suite: commands and reports over the IPC channel.
if (process.argv[1] === import.meta.filename && process.send) {
  const customers = customerBrowsers((m) => process.send!(m));
  process.on('message', (c: BrowsersCommand) => customers.command(c));
  process.on('disconnect', () => {
    customers.close();
    process.exit(0);
  });
  process.send({ type: 'ready' } satisfies BrowsersReport);
}
