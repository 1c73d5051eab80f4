/**
 * Child process of data-dir-lock.test.ts: opens the app on a data folder with createApp (the same
 * call both hosts make before serving or starting background work), says `READY <pid>` and stays up
 * until killed. When the folder is taken it prints the error and exits 1, as the hosts do.
 */
import fs from 'node:fs';
import { createApp } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';

const { dataDir, migrations, kind } = JSON.parse(process.argv[2]!) as {
  dataDir: string;
  migrations: string;
  kind: string;
};
try {
  const app = createApp({ dataDir, migrationsFolder: migrations, logger: silentLogger, holder: kind });
  // A write proves this process really owns the database.
  app.ctx.sqlite
    .prepare(
      `INSERT INTO settings(key, value, updated_at) VALUES ('ispName', ?, datetime())
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    )
    .run(JSON.stringify(`held by ${process.pid}`));
  fs.writeSync(1, `READY ${process.pid}\n`);
  setInterval(() => undefined, 60_000);
  process.on('SIGTERM', () => {
    app.close();
    process.exit(0);
  });
} catch (err) {
  fs.writeSync(2, `${(err as Error).message}\n`);
  process.exit(1);
}
