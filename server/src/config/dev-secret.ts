import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './app-config';

/**
 * Fills in config.jwt.secret when JWT_SECRET is unset (never in production: config refuses it).
 * The secret is random per data directory and kept in a 0600 file there, so `pnpm start` keeps
 * its sessions across restarts while no two installs share a key (there used to be one public
 * constant, which let anyone forge an admin token). Idempotent.
 */
export function resolveJwtSecret(config: AppConfig): void {
  if (config.jwt.secret) return;
  const file = config.jwt.devSecret?.file ?? null;
  config.jwt.secret = file ? readOrCreateSecret(file) : newSecret();
}

function newSecret(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * Reads the secret, or creates it atomically: written to a temporary file and hard-linked into
 * place, so concurrent boots on one data directory agree on one secret and nobody reads half a file.
 */
export function readOrCreateSecret(file: string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, newSecret() + '\n', { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`the development JWT secret in ${file} is empty or too short: delete it to generate a new one`);
  return secret;
}

function readSecret(file: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return text.length >= 32 ? text : null;
}

/** Lines for the boot banner about settings that must never reach production. */
export function securityWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.jwt.devSecret) {
    const where = config.jwt.devSecret.file ?? 'memory (a new one each start)';
    warnings.push(`JWT_SECRET is not set: tokens are signed with a generated development secret kept in ${where}. Set JWT_SECRET outside local development.`);
  }
  if (config.wechat.mode === 'simulator') {
    warnings.push(
      config.wechat.simulatorOpen
        ? 'The WeChat simulator (/__wechat) is ON and OPEN to every caller (WECHAT_SIMULATOR_OPEN=true): anyone who reaches this server can fake WeChat logins and mark payments paid.'
        : 'The WeChat simulator (/__wechat) is ON: it fakes WeChat logins and payments. It answers callers on this machine only (WECHAT_SIMULATOR_OPEN=true opens it).',
    );
  }
  return warnings;
}
