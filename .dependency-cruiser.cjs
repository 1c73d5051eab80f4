// Layers and import cycles, checked in `npm run lint` (part of `npm test`). docs/architecture.md
// draws the same picture. Type-only imports count: a type-only circle still ties two designs together.
/** A path pattern for one folder of src-main. */
const main = (dir) => `^src-main/${dir}`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles (type-only ones included) make modules impossible to read or test alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'renderer-not-to-main',
      comment: 'The renderer talks to the main process only through the typed API (src-shared contract).',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'src-shared is pure: it imports neither side, nor node:*, nor electron.',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { path: ['^src-main/', '^src-renderer/', '^node:', '^electron$'], dependencyTypesNot: ['npm-no-pkg'] },
    },
    {
      name: 'electron-only-in-electron-host',
      comment: 'Everything but the Electron shell runs under plain Node (tests, serve, server).',
      severity: 'error',
      from: { path: '^src-main/', pathNot: main('host/electron/') },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'db-is-the-bottom',
      comment: 'db/ (open, schema, migrate) knows nothing of the layers above it.',
      severity: 'error',
      from: { path: main('db/') },
      to: { path: [main('(data|core|api|host|cli|routeros|integrations)/'), main('app\\.ts$')] },
    },
    {
      name: 'data-below-core',
      comment: 'Data-access modules hold the SQL; they never call services, handlers or hosts.',
      severity: 'error',
      from: { path: main('data/') },
      to: { path: [main('(core|api|host|cli|routeros|integrations)/'), main('app\\.ts$')] },
    },
    {
      name: 'routeros-is-a-client',
      comment: 'The RouterOS client speaks the protocol; it knows nothing of customers, billing or SQL.',
      severity: 'error',
      from: { path: main('routeros/') },
      to: { path: [main('(data|db|core|api|host|cli|integrations)/'), main('app\\.ts$')] },
    },
    {
      name: 'logging-is-a-leaf',
      comment: 'The logger and its file sink are used by every layer, so they import none of them.',
      severity: 'error',
      from: { path: main('logging/') },
      to: { path: [main('(data|db|core|api|host|cli|routeros|integrations)/'), main('app\\.ts$')] },
    },
    {
      name: 'timers-is-a-leaf',
      comment:
        'The one timers definition (real and injectable) is used by the RouterOS client and the schedulers alike.',
      severity: 'error',
      from: { path: main('timers\\.ts$') },
      to: { path: '^src-main/' },
    },
    {
      name: 'integrations-are-clients',
      comment: 'Provider adapters (gateways, messaging) are protocol clients: no SQL, no services.',
      severity: 'error',
      from: { path: main('integrations/') },
      to: { path: [main('(data|db|core|api|host|cli)/'), main('app\\.ts$')] },
    },
    {
      name: 'core-below-api',
      comment: 'Services do not know how they are called (API handlers, hosts, the app wiring).',
      severity: 'error',
      from: { path: main('core/') },
      to: { path: [main('(api|host|cli)/'), main('app\\.ts$')] },
    },
    {
      name: 'api-below-app',
      comment: 'Handlers do not know which host (Electron, HTTP) carries them.',
      severity: 'error',
      from: { path: main('api/') },
      to: { path: [main('(host|cli)/'), main('app\\.ts$')] },
    },
    {
      name: 'app-below-host',
      severity: 'error',
      from: { path: main('app\\.ts$') },
      to: { path: main('(host|cli)/') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^dist/', 'node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
