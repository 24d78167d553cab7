import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Static rules the codebase keeps, checked over the server's source text by architecture.spec.ts:
 *  - a status column changes only through the transition helper (common/state/transition.ts);
 *  - a module writes only the tables of its own entities (the folder an entity lives in owns it);
 *  - members are read through MemberService (no other module touches the member table).
 * Text rules, not a type checker: they look for the write shapes this codebase uses.
 */

export interface SourceFile {
  /** Path relative to server/src, with forward slashes. */
  path: string;
  text: string;
}

export interface Violation {
  rule: 'status-outside-transition' | 'foreign-table-write' | 'member-read-outside-member';
  path: string;
  line: number;
  detail: string;
}

/** Files that set up the whole database rather than act in one domain, or only read it (the ledger audit's SQL). */
const EXEMPT = [/^seed\//, /^database\//, /^cli\.ts$/, /^testing\//, /^architecture\//, /^integrity\//, /^wechat\/simulator\//, /\.spec\.ts$/];

const WRITE_METHODS = 'update|insert|save|delete|increment|decrement|upsert|remove|softDelete';

export function moduleOf(file: string): string {
  return file.split('/')[0];
}

/** Entity class → the module folder that owns it, from `@Entity(...) export class X` declarations. */
export function entityOwners(files: SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of files) {
    for (const m of f.text.matchAll(/@Entity\([^)]*\)[\s\S]{0,400}?export class (\w+)/g)) owners.set(m[1], moduleOf(f.path));
  }
  return owners;
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The text inside the parentheses that open at `open` (balanced; strings are not special-cased beyond quotes). */
function balanced(text: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** Splits call arguments at top-level commas. */
function topLevelArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(args.slice(start, i));
      start = i + 1;
    }
  }
  out.push(args.slice(start));
  return out.map((a) => a.trim()).filter(Boolean);
}

const SETS_STATUS = /(^|[{,\s])status\s*:/;

export function statusWrites(file: SourceFile): Violation[] {
  if (file.path === 'common/state/transition.ts') return [];
  const found: Violation[] = [];
  for (const m of file.text.matchAll(/\.(update|set)\(/g)) {
    const args = topLevelArgs(balanced(file.text, m.index! + m[0].length - 1));
    const values = m[1] === 'update' ? args[1] : args[0];
    if (values && values.startsWith('{') && SETS_STATUS.test(values.slice(1))) {
      found.push({ rule: 'status-outside-transition', path: file.path, line: lineAt(file.text, m.index!), detail: `.${m[1]}(…) sets status` });
    }
  }
  for (const m of file.text.matchAll(/\.status\s*=\s*['"`]/g)) {
    found.push({ rule: 'status-outside-transition', path: file.path, line: lineAt(file.text, m.index!), detail: 'assigns .status' });
  }
  return found;
}

export function foreignWrites(file: SourceFile, owners: Map<string, string>): Violation[] {
  const mine = moduleOf(file.path);
  const found: Violation[] = [];
  const flag = (entity: string, index: number, how: string) => {
    const owner = owners.get(entity);
    if (owner && owner !== mine)
      found.push({ rule: 'foreign-table-write', path: file.path, line: lineAt(file.text, index), detail: `${how} ${entity} (owned by ${owner}/)` });
  };
  for (const m of file.text.matchAll(new RegExp(`getRepository\\((\\w+)\\)\\s*\\.(${WRITE_METHODS})\\(`, 'g'))) flag(m[1], m.index!, m[2]);
  const repoVars = new Map<string, string>();
  for (const m of file.text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*[\w.]*getRepository\((\w+)\)/g)) repoVars.set(m[1], m[2]);
  for (const [name, entity] of repoVars) {
    for (const m of file.text.matchAll(new RegExp(`\\b${name}\\.(${WRITE_METHODS})\\(`, 'g'))) flag(entity, m.index!, m[1]);
  }
  for (const m of file.text.matchAll(/\.update\((\w+)\)\s*\.set\(/g)) flag(m[1], m.index!, 'query-builder update of');
  for (const m of file.text.matchAll(/\.insert\(\)\s*\.into\((\w+)\)/g)) flag(m[1], m.index!, 'query-builder insert into');
  for (const m of file.text.matchAll(/\.delete\(\)\s*\.from\((\w+)\)/g)) flag(m[1], m.index!, 'query-builder delete from');
  for (const m of file.text.matchAll(/insertIgnore\([^,]+,\s*(\w+)\s*,/g)) flag(m[1], m.index!, 'insertIgnore into');
  for (const m of file.text.matchAll(/transition(?:One)?\([^,]+,\s*(\w+)\s*,/g)) flag(m[1], m.index!, 'transition of');
  for (const m of file.text.matchAll(/@InjectRepository\((\w+)\)/g)) flag(m[1], m.index!, 'injects the repository of');
  return found;
}

export function memberReads(file: SourceFile): Violation[] {
  if (moduleOf(file.path) === 'member') return [];
  const found: Violation[] = [];
  for (const m of file.text.matchAll(/getRepository\(Member\)|@InjectRepository\(Member\)|Repository<Member>/g)) {
    found.push({
      rule: 'member-read-outside-member',
      path: file.path,
      line: lineAt(file.text, m.index!),
      detail: `${m[0]}: read members through MemberService`,
    });
  }
  return found;
}

export function checkSources(files: SourceFile[]): Violation[] {
  const owners = entityOwners(files);
  return files.filter((f) => !EXEMPT.some((r) => r.test(f.path))).flatMap((f) => [...statusWrites(f), ...foreignWrites(f, owners), ...memberReads(f)]);
}

export function readServerSources(root = path.resolve(__dirname, '..')): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push({ path: path.relative(root, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return files;
}
