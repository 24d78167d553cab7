import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when `output` is missing or older than any file under `inputs`. */
export function isStale(output, inputs) {
  const target = path.join(ROOT, output);
  if (!fs.existsSync(target)) return true;
  const builtAt = fs.statSync(target).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(ROOT, input)) > builtAt);
}

/** Runs a build with its output captured; prints one line, and the output's tail only when it fails. */
export function quietBuild(label, args) {
  const started = Date.now();
  process.stdout.write(`▸ ${label}…`);
  const result = spawnSync('pnpm', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stdout.write(' failed\n');
    console.error(`${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-60).join('\n'));
    console.error(`\n✖ pnpm ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Builds only what is missing or older than its sources; a second `pnpm start` starts at once. */
export function buildForServe({ force = false } = {}) {
  const targets = [
    ['shared', 'shared/dist/index.js', ['shared/src', 'shared/package.json'], ['--filter', '@mall/shared', 'build']],
    ['server', 'server/dist/main.js', ['server/src', 'shared/src', 'server/package.json'], ['--filter', '@mall/server', 'build']],
    ['admin', 'admin/dist/index.html', ['admin/src', 'admin/index.html', 'admin/vite.config.ts', 'shared/src'], ['--filter', '@mall/admin', 'build']],
    ['H5 mini-program', 'miniapp/dist/h5/index.html', ['miniapp/src', 'miniapp/config', 'shared/src'], ['--filter', '@mall/miniapp', 'build:h5']],
  ];
  for (const [label, output, inputs, args] of targets) {
    if (force || isStale(output, inputs)) quietBuild(`building ${label}`, args);
  }
}

/** Debian's chromium for the browser tests; installed with apt-get when missing and we are root. */
export function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('✖ /usr/bin/chromium is missing: install it with `sudo apt-get install -y chromium`');
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests…');
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
