import { jsonDepthExceeds } from './json-body';

const depth = (text: string, max: number) => jsonDepthExceeds(Buffer.from(text, 'utf8'), max);

describe('jsonDepthExceeds', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":{"b":[1,2,{"c":3}]}}', 4, false],
    ['{"a":{"b":[1,2,{"c":3}]}}', 3, true],
    ['[[[]]]', 2, true],
    ['[[[]]]', 3, false],
    // Brackets inside strings, escaped quotes and non-ASCII text do not count.
    ['{"s":"[[[[{{{{","t":"\\"[[[[","u":"会员[[[["}', 1, false],
    ['{"s":"\\\\"}', 1, false],
    ['{"s":"\\\\","x":[[1]]}', 2, true],
    ['', 0, false],
  ])('%s with max %d → %s', (text, max, expected) => {
    expect(depth(text, max)).toBe(expected);
  });

  it('handles thousands of levels in one pass', () => {
    expect(depth('['.repeat(100_000) + ']'.repeat(100_000), 32)).toBe(true);
    expect(depth('{"a":'.repeat(32) + '1' + '}'.repeat(32), 32)).toBe(false);
  });
});
