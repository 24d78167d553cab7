import { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEYS =
  /^(password|passwordHash|secret|appSecret|app_secret|session_?key|access_?token|refresh_?token|accessToken|refreshToken|token|authorization|js_code|code|apiV3Key|privateKey|pin)$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

/** Nest's boot chatter (one line per module and route) is debug, not info. */
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** `15:30:01 INFO  HTTP GET /api/orders 200 12ms` — the demo's console; fields beyond msg follow as compact JSON. */
export function prettyLine(level: string, context: string | undefined, payload: Record<string, unknown>, now = new Date()): string {
  const time = now.toTimeString().slice(0, 8);
  const head = `${time} ${level.toUpperCase().padEnd(5)} ${context ? `${context} ` : ''}`;
  if (payload.msg === 'request') return `${head}${payload.method} ${payload.path} ${payload.status} ${payload.ms}ms`;
  const { msg, ...rest } = payload;
  return `${head}${String(msg ?? '')}${Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ''}`;
}

/** The level of the process's (most recently created) logger. */
let processLevel: LogLevel = 'info';

/** Whether the process's logger writes `level`: the request log skips building lines that would be dropped. */
export function logLevelEnabled(level: Exclude<LogLevel, 'silent'>): boolean {
  return LEVELS[level] >= LEVELS[processLevel];
}

/** One JSON object per line on stdout/stderr; Nest's own messages go through it too. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly format: 'json' | 'pretty' = 'json',
  ) {
    processLevel = level;
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, context?: string): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const base: Record<string, unknown> = { level, time: new Date().toISOString() };
    if (context) base.context = context;
    const payload = typeof message === 'object' && message !== null ? (redact(message) as object) : { msg: String(message) };
    const line = this.format === 'pretty' ? prettyLine(level, context, payload as Record<string, unknown>) : JSON.stringify({ ...base, ...payload });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  }

  log(message: unknown, context?: string): void {
    const ctx = typeof context === 'string' ? context : undefined;
    this.write(ctx && QUIET_CONTEXTS.has(ctx) ? 'debug' : 'info', message, ctx);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const context = rest.filter((r) => typeof r === 'string').pop() as string | undefined;
    this.write('error', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, typeof context === 'string' ? context : undefined);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, typeof context === 'string' ? context : undefined);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, typeof context === 'string' ? context : undefined);
  }
}
