import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../../app';
import { checkAllowableFolder } from '../../core/backups/folder';
import { loadDemoData } from '../../core/demo';
import { hasCustomersOrPackages } from '../../data/demo.queries';
import { createFirstAdminAccount, userCount } from '../../core/auth';
import { consoleLogger, teeLogger, type Logger } from '../../logging/logger';
import { hostKeyStore, RECOVERY_KEY_ENV } from '../../core/crypto/key-file';
import { createFileLogger, logsDir } from '../../logging/file-logger';
import { defaultDataDir } from '../paths';
import { startBackground } from '../background';
import { announcement, reachableUrls } from './announce';
import { bindRefusal, isLoopback } from './bind-policy';
import { createHttpHost } from './server';
import { startPortalRunner } from '../portal-runner';
import { startLanShareRunner } from '../lan-share-runner';
import { getSettings } from '../../core/settings';
import { ensureSelfSignedIdentity, loadTlsIdentity, type TlsIdentity } from './tls-identity';

declare const __APP_VERSION__: string;

const COMMON_FLAGS =
  '[--init-admin <user>:<password>] [--key-file <file>] [--recovery-key <key>] [--demo] [--backup-root <dir>]... [--portal-port <n|0>] [--portal-host <addr>] [--tls-cert <file> --tls-key <file> | --tls-self-signed] [--shutdown-grace <seconds>]';
/** `npm run server` is this same host started with `--server` first: a service, so the data folder is required. */
let serverMode = false;

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error(
    serverMode
      ? `Usage: npm run server -- --data-dir <dir> [--host <addr>] [--port <n|0>] ${COMMON_FLAGS}`
      : `Usage: npm run serve -- [--port <n|0>] [--data-dir <dir>] [--host <addr>] ${COMMON_FLAGS}`,
  );
  process.exit(2);
}

/** --tls-cert/--tls-key (the operator's files) or --tls-self-signed (the app's own, made once in the data dir). */
async function tlsFrom(
  args: { 'tls-cert'?: string; 'tls-key'?: string; 'tls-self-signed'?: boolean },
  dataDir: string,
): Promise<TlsIdentity | undefined> {
  const cert = args['tls-cert'];
  const key = args['tls-key'];
  if (!cert !== !key) usage('--tls-cert and --tls-key go together');
  if (cert && args['tls-self-signed']) usage('Use either --tls-cert/--tls-key or --tls-self-signed, not both');
  try {
    if (cert && key) return loadTlsIdentity(path.resolve(cert), path.resolve(key));
  } catch (err) {
    usage(`TLS: ${(err as Error).message}`);
  }
  return args['tls-self-signed'] ? ensureSelfSignedIdentity(dataDir) : undefined;
}

/** --demo: the sample data (packages, customers, their billing) goes into an empty database only. */
async function loadDemoOnce(app: App, logger: Logger) {
  // Printed even with --quiet: it answers the operator's own flag.
  if (hasCustomersOrPackages(app.ctx.sqlite))
    return console.log('--demo ignored: this database already has customers or packages.');
  const added = await loadDemoData({ app: app.ctx, session: null, transport: 'internal' });
  logger.info('demo data loaded', { added });
  console.log(`Demo data loaded: ${JSON.stringify(added)}`);
}

export async function main(argv = process.argv.slice(2)) {
  serverMode = argv[0] === '--server';
  if (serverMode) argv = argv.slice(1);
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '5174' },
        'data-dir': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'init-admin': { type: 'string' },
        'static-dir': { type: 'string' },
        // The database key (0600, outside the data dir); default: one per data dir in the user's config folder.
        'key-file': { type: 'string' },
        // Unlocks the database key when the key file is lost (a new PC); PPPOE_DESK_RECOVERY_KEY too.
        'recovery-key': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        'backup-root': { type: 'string', multiple: true },
        // The customer portal on its own port (0 = any free one) and address, whatever Settings say.
        'portal-port': { type: 'string' },
        'portal-host': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-self-signed': { type: 'boolean', default: false },
        // How long SIGTERM waits for requests in flight before closing their connections.
        'shutdown-grace': { type: 'string', default: '10' },
      },
      strict: true,
    }).values;
  } catch (err) {
    usage((err as Error).message);
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0–65535, got ${args.port}`);
  const portalPort = args['portal-port'] === undefined ? undefined : Number(args['portal-port']);
  if (portalPort !== undefined && (!Number.isInteger(portalPort) || portalPort < 0 || portalPort > 65535))
    usage(`--portal-port must be 0–65535, got ${args['portal-port']}`);
  const graceMs = Number(args['shutdown-grace']) * 1000;
  if (!Number.isFinite(graceMs) || graceMs < 0)
    usage(`--shutdown-grace must be seconds ≥ 0, got ${args['shutdown-grace']}`);
  if (serverMode && !args['data-dir']) usage('--data-dir is required: a service keeps its data where you say');
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Built layout: <out>/host/serve.mjs next to <out>/renderer and <out>/drizzle.
  const root = path.resolve(here, '..');
  const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());
  // Same rotating log files as the desktop app (<dataDir>/logs), plus the console.
  const fileLog = createFileLogger({ dir: logsDir(dataDir) });
  const logger = teeLogger(consoleLogger(args.quiet), fileLog);
  const app = createApp({
    dataDir,
    migrationsFolder: path.join(root, 'drizzle'),
    appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev',
    logger,
    holder: 'browser host',
    backupRoots: (args['backup-root'] ?? []).map((r) => path.resolve(r)),
    keyStore: hostKeyStore(dataDir, args['key-file']),
    recoveryKey: args['recovery-key'] ?? process.env[RECOVERY_KEY_ENV],
  });
  for (const root of app.ctx.backupRoots ?? []) {
    try {
      checkAllowableFolder(app.ctx, root, '--backup-root');
    } catch (err) {
      usage(`--backup-root ${root}: ${(err as Error).message}`);
    }
  }

  // The environment variable keeps the password out of the process list and shell history.
  const initAdmin = args['init-admin'] ?? process.env.PPPOE_DESK_INIT_ADMIN;
  if (initAdmin && userCount(app.ctx) === 0) {
    const i = initAdmin.indexOf(':');
    if (i < 1) usage('--init-admin takes <user>:<password>');
    const username = initAdmin.slice(0, i);
    try {
      await createFirstAdminAccount(app.ctx, {
        username,
        fullName: 'Administrator',
        password: initAdmin.slice(i + 1),
      });
    } catch (err) {
      usage(`--init-admin: ${(err as Error).message}`);
    }
  }
  if (args.demo) await loadDemoOnce(app, logger);
  const refusal = bindRefusal(args.host!, userCount(app.ctx));
  if (refusal) usage(refusal);

  const tls = await tlsFrom(args, dataDir);
  const background = startBackground(app);
  const host = createHttpHost({
    app,
    port,
    host: args.host,
    staticDir: args['static-dir'] ?? path.join(root, 'renderer'),
    tls,
  });
  const { port: bound, url: ownUrl } = await host.listen();
  // Settings → Jaringan kantor: more HTTPS addresses beside this one; an HTTPS server is itself shared
  // (its address and certificate are what seats pair with).
  const lanShare = startLanShareRunner(app, {
    staticDir: args['static-dir'] ?? path.join(root, 'renderer'),
    tls,
    alsoServing: !tls ? [] : isLoopback(args.host!) ? [ownUrl] : reachableUrls(args.host!, bound, undefined, 'https'),
  });
  await lanShare.ready;
  // Before the staff host's lines: their last line stays this computer's URL. Either flag turns the
  // portal on whatever Settings say (the other taken from Settings).
  let announced = false;
  const settings = getSettings(app.ctx);
  const fixed =
    portalPort === undefined && args['portal-host'] === undefined
      ? undefined
      : { host: args['portal-host'] ?? settings.portalHost, port: portalPort ?? settings.portalPort };
  const portal = startPortalRunner(app, {
    staticDir: path.join(root, 'portal'),
    fixed,
    onListening: (url) =>
      announced ? logger.info('customer portal listening', { url }) : console.log(`Portal: ${url}`),
    onError: (message) => console.error(message),
  });
  await portal.ready;
  announced = true;
  logger.info('PPPoE Desk browser host ready', { dataDir });
  // The addresses to open (never "0.0.0.0") and, beyond loopback, the plain-HTTP warning. The last line
  // holds only this computer's URL: scripts and tests read it.
  const { info, warning } = announcement(args.host!, bound, undefined, tls ? 'https' : 'http');
  if (warning) console.error(warning);
  if (tls) console.log(`TLS certificate SHA-256: ${tls.fingerprint}`);
  for (const line of info) console.log(line);

  // SIGTERM/SIGINT: stop accepting, let the requests in flight finish (each business action is one
  // synchronous transaction, so none is ever cut in half), let the background work finish its step
  // (the router queue and message outbox are durable tables: what is not sent yet waits for the next
  // start), checkpoint and close the database, flush the log.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info('shutting down', { signal });
    try {
      await Promise.all([host.close(graceMs), lanShare.stop()]);
      await portal.stop();
      await background.stop();
      app.close();
      logger.info('PPPoE Desk stopped');
      await fileLog.close();
      process.exit(0);
    } catch (err) {
      console.error(`Shutdown failed: ${String(err)}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
