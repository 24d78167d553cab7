import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../errors/app-error';

/** Our deepest real body is a handful of levels; anything near this is an attack on recursive code. */
export const MAX_JSON_DEPTH = 32;
export const JSON_TYPES = ['application/json', 'application/*+json'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MULTIPART_ROUTES = new Set(['/api/uploads', '/api/admin/uploads']);
/** WeCom posts its (signed, encrypted) callbacks as XML; the community module reads that one route as text. */
const XML_ROUTES = new Set(['/api/community/wecom/callback']);

/**
 * True when the JSON text opens more than `max` arrays/objects inside each other. One pass over
 * the bytes, skipping strings: UTF-8 continuation bytes never equal '"', '\\', '[', '{'.
 */
export function jsonDepthExceeds(buf: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The JSON body parser: keeps the raw bytes (WeChat Pay signs them) and refuses deep nesting
 * before JSON.parse, so validation and transformation never recurse thousands of levels (which
 * used to end in a 500). body-parser keeps the error's 400 status; the filter answers it.
 */
export function jsonBodyParser(limit = '1mb'): RequestHandler {
  return express.json({
    limit,
    type: JSON_TYPES,
    verify: (req, _res, buf) => {
      (req as Request & { rawBody?: Buffer }).rawBody = buf;
      if (jsonDepthExceeds(buf, MAX_JSON_DEPTH)) throw new AppError(ErrorCode.BAD_REQUEST, '请求体嵌套层级过深');
    },
  });
}

/**
 * Every route that takes a body takes JSON: a body of any other type (text/plain, XML, a form, or
 * none declared) is answered 415 instead of silently reaching the handler as {}.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req) || req.is(JSON_TYPES)) return next();
  // Image uploads are the one multipart endpoint (parsed and checked by the upload module).
  if (req.method === 'POST' && MULTIPART_ROUTES.has(req.path) && req.is('multipart/form-data')) return next();
  if (req.method === 'POST' && XML_ROUTES.has(req.path) && req.is(['text/xml', 'application/xml'])) return next();
  next(new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
