import fc from 'fast-check';
import { NOTIFICATION_SCENES, SUBSCRIBE_VALUE_KINDS } from './scenes';
import { fitSubscribeValue, subscribeAmount, subscribeKeyKind, subscribeValueProblem } from './subscribe-values';

describe('subscribe-message values (WeChat keyword rules)', () => {
  it.each([
    ['thing1', '拿铁咖啡豆 500g', null],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', null],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一', 'exceeds'],
    ['thing1', '', 'empty'],
    ['amount2', '¥59.00', null],
    ['amount2', '59元', null],
    ['amount2', '五十九', 'invalid'],
    ['character_string3', 'O20261126000123', null],
    ['character_string3', '订单123', 'invalid'],
    ['time4', '2026-11-26 19:29', null],
    ['time4', '2026年11月26日 19:29', null],
    ['time4', 'tomorrow', 'invalid'],
    ['date2', '2026-12-01', null],
    ['number1', '40', null],
    ['number1', '40 分', 'invalid'],
    ['phrase3', '退款成功', null],
    ['phrase3', '退款成功了吗呀', 'exceeds'],
    ['foo1', 'x', 'not a valid keyword'],
  ])('%s = %j → %s', (key, value, problem) => {
    const found = subscribeValueProblem(key, value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('reads the kind from the key', () => {
    expect(subscribeKeyKind('character_string12')).toBe('character_string');
    expect(subscribeKeyKind('thing')).toBeNull();
  });

  it('every scene key has a known kind, and keys are unique within a scene', () => {
    for (const scene of Object.values(NOTIFICATION_SCENES)) {
      const keys = scene.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(SUBSCRIBE_VALUE_KINDS).toContain(subscribeKeyKind(key));
    }
  });

  it('any text fitted to a thing passes WeChat', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
        (s) => expect(subscribeValueProblem('thing2', fitSubscribeValue('thing2', s))).toBeNull(),
      ),
    );
  });

  it('any amount in fen is a valid amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), (fen) => expect(subscribeValueProblem('amount1', subscribeAmount(fen))).toBeNull()));
  });
});
