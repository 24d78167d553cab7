#!/usr/bin/env node
// `pnpm test`: build (the browser suites use the built H5 app and admin panel), then every jest project.
// TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/mall_test runs the integration suites on MariaDB/MySQL;
// without it each suite gets a fresh embedded SQLite file. Extra arguments go to jest.
import { buildForServe, ensureChromium, run } from './lib.mjs';

const args = process.argv.slice(2);
buildForServe();
ensureChromium();
const where = process.env.TEST_DATABASE_URL?.replace(/\/\/[^@]*@/, '//***@') ?? 'embedded SQLite (one file per suite)';
console.log(`\nRunning all tests; integration database: ${where}\n`);
run('pnpm', ['exec', 'jest', '--maxWorkers=2', ...args]);
