/**
 * Stamps the portal's service worker with the build: its cache is named after a hash of every other
 * file of the built portal, so each build that changes anything also changes sw.js' bytes. The browser
 * then installs the new worker (a byte-identical sw.js is never reinstalled), which precaches the new
 * page and assets and deletes the previous build's cache on activate.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BUILD_PLACEHOLDER = '__PORTAL_BUILD__';

/** The first 12 hex digits of a SHA-256 over every file's path and bytes (sorted, sw.js left out). */
export function portalBuildHash(outDir) {
  const hash = crypto.createHash('sha256');
  const walk = (dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(outDir).sort()) {
    const rel = path.relative(outDir, file).split(path.sep).join('/');
    if (rel === 'sw.js') continue;
    hash.update(rel).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** A Vite plugin: after the build is written (public files included), fills the worker's placeholder. */
export function portalSwVersion() {
  let outDir = '';
  return {
    name: 'portal-sw-version',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const sw = path.join(outDir, 'sw.js');
      const text = fs.readFileSync(sw, 'utf8');
      if (!text.includes(BUILD_PLACEHOLDER)) throw new Error(`${sw} has no ${BUILD_PLACEHOLDER} to stamp`);
      fs.writeFileSync(sw, text.replaceAll(BUILD_PLACEHOLDER, portalBuildHash(outDir)));
    },
  };
}
