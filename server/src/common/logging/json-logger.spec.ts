import { redact } from './json-logger';
import { loggablePath } from './request-log.middleware';

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
});
