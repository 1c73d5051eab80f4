// electron-builder beforePack hook: builds the Electron-ABI better-sqlite3 for the platform/arch being
// packaged (npmRebuild is false in electron-builder.yml; see the comment there).
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

exports.default = async function beforePack(context) {
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : String(context.arch);
  const { buildElectronNative } = await import(pathToFileURL(path.join(__dirname, 'electron-native.mjs')).href);
  await buildElectronNative({ platform: context.electronPlatformName, arch });
};
