import { isLoopback } from './simulator-access.guard';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['203.0.113.9', false],
    ['127.0.0.1.evil', false],
    ['fe80::1', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (ip, expected) => {
    expect(isLoopback(ip)).toBe(expected);
  });
});
