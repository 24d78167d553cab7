import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A JSON response body serialized once, with its strong ETag, for responses served many times from memory. */
export interface SerializedJson {
  body: Buffer;
  etag: string;
}

export function serializeJson(value: unknown): SerializedJson {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** True when the request's If-None-Match names this ETag (or `*`), weak or strong. */
export function notModified(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Writes the pre-serialized body as it is (no JSON.stringify, no ETag hashing per request), or 304 when
 * the client already holds it. `private, no-cache`: what a caller sees may depend on their token
 * (members-only products), so shared caches keep nothing and clients revalidate each time.
 */
export function sendSerializedJson(req: Request, res: Response, json: SerializedJson): void {
  res.setHeader('ETag', json.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (notModified(req, json.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', json.body.length);
  res.status(200).end(json.body);
}
