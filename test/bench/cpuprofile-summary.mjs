#!/usr/bin/env node
// node test/bench/cpuprofile-summary.mjs <file.cpuprofile | dir> [top=25]: where the CPU went. Prints the
// functions with the most self time (time on the stack top, not in callees) and the same time grouped by
// package (node_modules/<name>, node: internals, our own code, GC/idle), as a Markdown table.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function summarize(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map();
  const pkgs = new Map();
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const name = f.functionName || (f.url ? '(anonymous)' : `(${f.functionName || 'program'})`);
    const file = f.url ? f.url.replace(/^file:\/\//, '') : '';
    const where = file ? `${shorten(file)}:${f.lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const pkg = packageOf(file, name);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const rows = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `| ${k.replace(/\|/g, '\\|')} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} |`);
  return [
    `Sampled ${(total / 1e6).toFixed(1)} s of CPU.`,
    '',
    '| package / area | self ms | % |',
    '|---|---|---|',
    ...rows(pkgs, 15),
    '',
    `| top ${top} functions by self time | self ms | % |`,
    '|---|---|---|',
    ...rows(fns, top),
  ].join('\n');
}

function shorten(file) {
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) return file.slice(nm + 'node_modules/'.length);
  const dist = file.indexOf('/server/dist/');
  return dist >= 0 ? file.slice(dist + 1) : file;
}

function packageOf(file, name) {
  if (!file) return name.startsWith('(') ? name : '(native)';
  if (file.startsWith('node:')) return 'node internals';
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.includes('/server/dist/')) return 'our server code';
  if (file.includes('/shared/dist/')) return 'our shared code';
  return path.basename(file);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: cpuprofile-summary.mjs <file.cpuprofile | dir> [top]');
    process.exit(2);
  }
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(target, f))
    : [target];
  for (const file of files) {
    console.log(`### ${path.basename(file)}\n`);
    console.log(summarize(JSON.parse(fs.readFileSync(file, 'utf8')), Number(process.argv[3] ?? 25)));
    console.log('');
  }
}
