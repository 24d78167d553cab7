import { validate } from 'class-validator';
import { createValidationPipe, IsDbInt, IsPlainText, INT32_MAX, MONTH_PATTERN } from './validation';

class Probe {
  @IsDbInt() id: unknown;
  @IsPlainText() text: unknown;
}

const check = async (id: unknown, text: unknown) => (await validate(Object.assign(new Probe(), { id, text }))).map((e) => e.property);

describe('shared validators', () => {
  it('IsDbInt accepts the INT range only', async () => {
    expect(await check(INT32_MAX, 'a')).toEqual([]);
    expect(await check(INT32_MAX + 1, 'a')).toEqual(['id']);
    expect(await check(-2_147_483_649, 'a')).toEqual(['id']);
    expect(await check(1.5, 'a')).toEqual(['id']);
    expect(await check('1', 'a')).toEqual(['id']);
  });

  it('IsPlainText refuses control and bidi characters but keeps Chinese and emoji', async () => {
    expect(await check(1, '张三 👨‍👩‍👧 Ünïcødé')).toEqual([]);
    for (const bad of ['a\u0000b', 'tab\there', 'evil\u202Egnp.exe', 'iso\u2066late', 'mark\u200F', 'bom\uFEFF', 'line\u2028break'])
      expect(await check(1, bad)).toEqual(['text']);
  });

  it('the pipe refuses prototype-named keys at any depth, which whitelisting alone lets through', async () => {
    class Body {
      @IsDbInt() id: number;
    }
    const pipe = createValidationPipe();
    const meta = { type: 'body' as const, metatype: Body, data: '' };
    await expect(pipe.transform({ id: 1 }, meta)).resolves.toEqual({ id: 1 });
    for (const text of ['{"id":1,"constructor":{}}', '{"id":1,"__proto__":{"admin":true}}', '{"id":1,"x":[{"prototype":1}]}']) {
      await expect(pipe.transform(JSON.parse(text), meta)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('months are real months', () => {
    expect(['2026-01', '2026-12'].every((m) => MONTH_PATTERN.test(m))).toBe(true);
    expect(['2026-13', '2026-00', '2026-1', '26-01'].some((m) => MONTH_PATTERN.test(m))).toBe(false);
  });
});
