import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from '@nestjs/common';
import { logLevelEnabled } from './json-logger';

const logger = new Logger('HTTP');
const SECRET_QUERY = /^(secret|js_code|access_token|code|token|appsecret)$/i;

/** Path plus query with secret parameters masked (the simulator receives app secrets in query strings). */
export function loggablePath(originalUrl: string): string {
  const [path, query] = originalUrl.split('?', 2);
  if (!query) return path;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_QUERY.test(key)) params.set(key, '***');
  return `${path}?${params.toString()}`;
}

/** Health probes and static files: logged at debug when they succeed, so the log shows the API traffic. */
export function isRoutineRequest(path: string, status: number): boolean {
  return status < 400 && /^\/(api\/health(\/|$)|h5\/|admin\/|uploads\/|favicon)/.test(path);
}

/** Gives every request an id (kept from X-Request-Id when sane) and logs one line when it finishes. */
export function requestLogMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const reqId = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  req.headers['x-request-id'] = reqId;
  res.setHeader('X-Request-Id', reqId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    // originalUrl: static handlers mounted under /h5 or /admin rewrite req.path.
    const routine = isRoutineRequest(req.originalUrl.split('?', 1)[0], res.statusCode);
    // Nothing is built for a line the configured level drops (req.ip alone parses the proxy chain).
    if (!logLevelEnabled(routine ? 'debug' : 'info')) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const principal = (req as Request & { principal?: { kind: string; id: number } }).principal;
    const line = {
      msg: 'request',
      reqId,
      method: req.method,
      path: loggablePath(req.originalUrl),
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
      // The client as TRUST_PROXY resolves it (X-Forwarded-For only from trusted proxies).
      ip: req.ip,
      principal: principal ? `${principal.kind}:${principal.id}` : undefined,
    };
    if (routine) logger.debug(line);
    else logger.log(line);
  });
  next();
}
