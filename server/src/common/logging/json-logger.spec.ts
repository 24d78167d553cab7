import { prettyLine, redact } from './json-logger';
import { isRoutineRequest, loggablePath } from './request-log.middleware';

describe('log redaction', () => {
  it('masks secrets at any depth', () => {
    const out = redact({ user: 'a', password: 'p', nested: { session_key: 'k', list: [{ accessToken: 't' }] } });
    expect(out).toEqual({ user: 'a', password: '[redacted]', nested: { session_key: '[redacted]', list: [{ accessToken: '[redacted]' }] } });
  });

  it('masks secret query parameters', () => {
    expect(loggablePath('/__wechat/sns/jscode2session?appid=wx1&secret=s3&js_code=alice%3A1')).toBe(
      '/__wechat/sns/jscode2session?appid=wx1&secret=***&js_code=***',
    );
    expect(loggablePath('/api/health')).toBe('/api/health');
  });

  it('keeps health probes and static files out of the info log unless they fail', () => {
    expect(isRoutineRequest('/api/health', 200)).toBe(true);
    expect(isRoutineRequest('/api/health/ready', 200)).toBe(true);
    expect(isRoutineRequest('/h5/js/app.js', 200)).toBe(true);
    expect(isRoutineRequest('/api/health', 503)).toBe(false);
    expect(isRoutineRequest('/api/healthy-snacks', 200)).toBe(false);
    expect(isRoutineRequest('/api/orders', 200)).toBe(false);
  });

  it('prints one short line per request in the pretty format', () => {
    const at = new Date(2026, 10, 26, 15, 30, 1);
    expect(prettyLine('info', 'HTTP', { msg: 'request', method: 'GET', path: '/api/orders', status: 200, ms: 12.5, reqId: 'x' }, at)).toBe(
      '15:30:01 INFO  HTTP GET /api/orders 200 12.5ms',
    );
    expect(prettyLine('warn', undefined, { msg: 'job failed', job: 'reconcile' }, at)).toBe('15:30:01 WARN  job failed {"job":"reconcile"}');
  });
});
