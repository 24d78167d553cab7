#!/usr/bin/env node
// `pnpm test`: build (the browser suites use the built H5 app and admin panel), then every jest project.
// TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/mall_test runs the integration suites on MariaDB/MySQL;
// without it each suite gets a fresh embedded SQLite file. Extra arguments go to jest.
import { buildForServe, ensureChromium, run } from './lib.mjs';

const args = process.argv.slice(2);
buildForServe();
ensureChromium();
const onMysql = /^(mysql|mariadb):/.test(process.env.TEST_DATABASE_URL ?? '');
const where = process.env.TEST_DATABASE_URL?.replace(/\/\/[^@]*@/, '//***@') ?? 'embedded SQLite (one file per suite)';
console.log(`\nRunning all tests; integration database: ${where}\n`);
// The race, storm and fault suites prove what row locks and conditional updates do under real
// concurrency; on the embedded file (one connection, serialized transactions) they would prove nothing.
const projects = args.some((a) => a.startsWith('--selectProjects'))
  ? []
  : ['--selectProjects', 'shared', 'server-unit', 'e2e', ...(onMysql ? ['races'] : []), 'browser'];
if (!onMysql && projects.length)
  console.log(
    'Race, storm and fault suites (test/races) run on MariaDB/MySQL only: set TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/mall_test to include them.\n',
  );
run('pnpm', ['exec', 'jest', '--maxWorkers=2', ...projects, ...args]);
