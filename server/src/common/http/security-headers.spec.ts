import { createHash } from 'node:crypto';
import { cspDirectives, cspForPage, inlineScriptHashes, serializeCsp } from './security-headers';

describe('security headers', () => {
  const inline = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
  const page = `<html><head><script>${inline}</script><script defer="defer" src="/h5/js/app.js"></script><script type="module" src='/x.js'></script></head></html>`;

  it('hashes exactly the inline scripts of a page', () => {
    const expected = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
    expect(inlineScriptHashes(page)).toEqual([expected]);
    expect(inlineScriptHashes('<script src="/a.js"></script>')).toEqual([]);
  });

  it('allows those scripts on that page only, and never framing', () => {
    const csp = cspForPage(page, false);
    expect(csp).toContain(`script-src 'self' ${inlineScriptHashes(page)[0]}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(serializeCsp(cspDirectives(false))).toContain("script-src 'self';");
    expect(serializeCsp(cspDirectives(true))).toMatch(/; upgrade-insecure-requests$/);
    // Loopback http images (the simulator's QR codes) only in simulator mode.
    expect(cspDirectives(false)['img-src']).not.toContain('http://127.0.0.1:*');
    expect(cspDirectives(false, { simulator: true })['img-src']).toEqual(expect.arrayContaining(['http://127.0.0.1:*', 'http://localhost:*']));
  });
});
