#!/usr/bin/env node
// `pnpm start`: build what is needed, then serve API + admin (/admin) + H5 mini-program (/h5) with demo data.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { buildForServe, ROOT } from './lib.mjs';

buildForServe();

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${path.join(ROOT, 'data', 'mall.sqlite')}`,
  SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? 'true',
  ADMIN_BOOTSTRAP_PASSWORD: process.env.ADMIN_BOOTSTRAP_PASSWORD ?? 'admin12345',
  STATIC_ROOT: ROOT,
  LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
};
const server = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], { cwd: ROOT, env, stdio: 'inherit' });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
// Stopping with Ctrl-C is a normal end, not a failure (pnpm would print ELIFECYCLE for a non-zero exit).
server.on('exit', (code, signal) => {
  if (stopping) console.log('已停止');
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
