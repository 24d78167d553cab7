/**
 * One jest run for the whole workspace. Projects:
 *  - shared:       pure rules, unit + property tests (fast-check)
 *  - server-unit:  server specs beside their files, no database
 *  - e2e:          the Nest app booted on a real database (MariaDB when TEST_DATABASE_URL is mysql://…,
 *                  else a fresh embedded SQLite file per suite), WeChat played by the simulator
 *  - races:        concurrency, storm and fault suites through the HTTP endpoints; meaningful on MariaDB only
 *                  (the embedded SQLite file serializes transactions), so scripts/test.mjs runs them only there
 *  - browser:      Debian chromium via playwright-core against the built H5 app and admin panel
 * ts-jest transpiles only (type checking is `pnpm typecheck`), which keeps the run fast on 2 cores.
 */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const moduleNameMapper = {
  '^@mall/shared$': '<rootDir>/shared/src',
  '^@mall/shared/(.*)$': '<rootDir>/shared/src/$1',
  '^@mall/server/(.*)$': '<rootDir>/server/src/$1',
};
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.spec.ts'] },
    { ...common, displayName: 'server-unit', testMatch: ['<rootDir>/server/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'] },
    { ...common, displayName: 'races', testMatch: ['<rootDir>/test/races/**/*.races.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.ts'] },
  ],
};
