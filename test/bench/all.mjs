#!/usr/bin/env node
// pnpm bench [--quick] [--peer] [--cpu-prof]: the whole suite, one script after the other, each given the
// same flags: run.mjs (hot paths against their ceilings; --peer adds Vendure, --cpu-prof profiles the server),
// segments.mjs, flash-sale.mjs, dashboards.mjs. Builds shared + server first when server/dist is missing (a
// clean clone). Prints each script's wall time and exits non-zero if any failed (a correctness check included).
// BENCH_DB_PREFIX=name puts the four databases at name, name_segments, name_flash, name_dashboards (name_vendure
// for the peer) instead of each script's default, for machines where several people bench.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const flags = process.argv.slice(2);
const SCRIPTS = ['run.mjs', 'segments.mjs', 'flash-sale.mjs', 'dashboards.mjs'];

function databases() {
  const prefix = process.env.BENCH_DB_PREFIX;
  if (!prefix) return () => ({});
  const base = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const suffix = { 'run.mjs': '', 'segments.mjs': '_segments', 'flash-sale.mjs': '_flash' };
  return (script) =>
    script === 'dashboards.mjs'
      ? { BENCH_DASHBOARD_DATABASE_URL: `${base}/${prefix}_dashboards` }
      : { BENCH_DATABASE_URL: `${base}/${prefix}${suffix[script]}`, BENCH_PEER_DATABASE_URL: `${base}/${prefix}_vendure` };
}

function main() {
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, 'server', 'dist', 'main.js'))) {
    console.log('[bench] server/dist missing: building shared and server');
    for (const pkg of ['@mall/shared', '@mall/server']) {
      const build = spawnSync('pnpm', ['--filter', pkg, 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) process.exit(build.status ?? 1);
    }
  }
  const env = databases();
  const times = [];
  let failed = 0;
  for (const script of SCRIPTS) {
    const t0 = Date.now();
    console.log(`\n[bench] ===== ${script} ${flags.join(' ')}`);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'test', 'bench', script), ...flags], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env(script) },
    });
    const seconds = Math.round((Date.now() - t0) / 1000);
    times.push(`${script} ${seconds} s${run.status === 0 ? '' : ` (FAILED, exit ${run.status})`}`);
    if (run.status !== 0) failed += 1;
  }
  console.log(`\n[bench] done in ${Math.round((Date.now() - started) / 1000)} s: ${times.join(', ')}`);
  if (failed) {
    console.error(`[bench] ${failed} of ${SCRIPTS.length} scripts failed`);
    process.exit(1);
  }
}

main();
