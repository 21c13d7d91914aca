/**
 * The layer rule (docs/architecture.md): what may import what. `npm run lint:layers` fails CI when it is broken.
 *   domain  ← lib ← db ← access ← modules ← app/startup/jobs/server
 *   demo, cli: modules and below · web: web, plus src/domain; server types type-only
 */
// config.ts is a leaf every layer may read (the Config type); these are the roots that compose the layers.
const SRC_ROOTS = '^src/(app|server|startup|jobs|import-kinds)\\.ts$';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make start-up order and testing fragile.', from: {}, to: { circular: true, dependencyTypesNot: ['type-only'] } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds the rules with no I/O: it imports only itself (and no Node built-ins).',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'lib-below-db',
      severity: 'error',
      comment: 'src/lib: small helpers without business rules; may use the pure domain only.',
      from: { path: '^src/lib/' },
      to: { path: '^src/(db|access|modules|demo|cli)/|' + SRC_ROOTS },
    },
    {
      name: 'db-below-modules',
      severity: 'error',
      comment: 'src/db: client, migrations, generated types, transactions. It knows no capability.',
      from: { path: '^src/db/' },
      to: { path: '^src/(access|modules|demo|cli)/|' + SRC_ROOTS },
    },
    {
      name: 'access-below-modules',
      severity: 'error',
      comment: 'src/access: the access mechanism; capabilities declare their EntityScopes, access never imports them.',
      from: { path: '^src/access/' },
      to: { path: '^src/(modules|demo|cli)/|' + SRC_ROOTS },
    },
    {
      name: 'modules-below-composition',
      severity: 'error',
      comment: 'Capabilities never import the composition roots, the demo or the CLIs.',
      from: { path: '^src/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(demo|cli)/|' + SRC_ROOTS },
    },
    {
      name: 'routes-are-leaves',
      severity: 'error',
      comment: "A module's routes.ts is registered by app.ts only; shared shapes live in schemas.ts, shared SQL in queries.ts.",
      from: { pathNot: ['^src/app\\.ts$', '\\.test\\.ts$', '^test/'] },
      to: { path: '^src/modules/.+/routes\\.ts$' },
    },
    {
      name: 'src-not-tests',
      severity: 'error',
      comment: 'Production code never imports tests, benchmarks or browser scripts.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|bench|e2e)/|\\.test\\.ts$' },
    },
    {
      name: 'web-server-types-only',
      severity: 'error',
      comment: 'The SPA imports server code type-only (schemas), except the pure domain rules it runs itself.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/domain/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-no-server-internals',
      severity: 'error',
      comment: 'Even type-only, the SPA reads only the contract: domain, schemas and the error shape.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/modules/.+/schemas\\.ts$', '^src/lib/(errors|schemas)\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
