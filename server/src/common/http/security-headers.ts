import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of every answer (API, admin panel, H5 app, Swagger UI): same-origin
 * scripts only, no plugins, never framed. Styles may be inline because antd (CSS-in-JS) and Swagger
 * UI inject <style> tags; images may come from https (WeChat avatars) and data:/blob: (QR codes).
 * connect-src allows blob: because the H5 build's Taro.uploadFile reads a chosen photo from its
 * page-local blob: URL before posting it (a blob URL only names data this page itself created).
 */
export interface CspOptions {
  /**
   * Simulator mode: the bundled WeChat/WeCom simulator serves its QR images (联系我, group codes) over plain
   * http on loopback, where WeCom's real ones are https; the page may be opened as localhost or 127.0.0.1.
   */
  simulator?: boolean;
}

export function cspDirectives(production: boolean, options: CspOptions = {}): Directives {
  const directives: Directives = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'https:', 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", 'https:', "'unsafe-inline'"],
  };
  if (options.simulator) directives['img-src'].push('http://127.0.0.1:*', 'http://localhost:*');
  // Over plain http (local demo, LAN testing) upgrading would break every same-origin request.
  if (production) directives['upgrade-insecure-requests'] = [];
  return directives;
}

export function serializeCsp(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => (values.length ? `${name} ${values.join(' ')}` : name))
    .join('; ');
}

/**
 * Helmet with our CSP and no framing anywhere (X-Frame-Options: DENY and frame-ancestors 'none').
 * HSTS only in production: browsers ignore it over http anyway, and a developer's localhost should
 * not be pinned to https. Resources may be read same-site (the H5 dev server on another port).
 */
export function securityHeaders(production: boolean, options: CspOptions = {}): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(production, options) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: production ? { maxAge: 180 * 86_400, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  }) as RequestHandler;
}

/** 'sha256-…' sources for the inline <script> blocks of a built page (Taro's H5 index sets the root font size inline). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (match[1].trim()) hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The CSP for one built page: the common one, plus exactly its own inline scripts. */
export function cspForPage(html: string, production: boolean, options: CspOptions = {}): string {
  const directives = cspDirectives(production, options);
  directives['script-src'] = [...directives['script-src'], ...inlineScriptHashes(html)];
  return serializeCsp(directives);
}
