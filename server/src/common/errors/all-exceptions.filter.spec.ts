import { ArgumentsHost, InternalServerErrorException, Logger, NotFoundException } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppError } from './app-error';

/** Runs the filter on `exception` and returns what the client would receive. */
function answer(exception: unknown): { status: number; body: unknown; text: string } {
  let status = 0;
  let body: unknown;
  const response = { headersSent: false, status: (s: number) => ((status = s), response), json: (b: unknown) => (body = b) };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ headers: {}, path: '/x' }) }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return { status, body, text: JSON.stringify(body) };
}

describe('AllExceptionsFilter', () => {
  // The filter logs every 5xx with its stack; this spec only looks at what the client gets.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('answers an unexpected error with 500 and nothing of the error itself', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'secretColumn') at /srv/mall/server/dist/x.js:10");
    const res = answer(error);
    expect(res).toMatchObject({ status: 500, body: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    expect(Object.keys(res.body as object)).toEqual(['code', 'message']);
    expect(res.text).not.toMatch(/secretColumn|srv|TypeError|at /);
    expect(answer(new RangeError('Maximum call stack size exceeded')).text).not.toContain('stack');
    expect(answer('a thrown string').status).toBe(500);
  });

  it('drops the reason of a 5xx HttpException but keeps it for 4xx', () => {
    const internal = answer(new InternalServerErrorException('database password wrong for root@10.0.0.3'));
    expect(internal.body).toEqual({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    expect(answer(new NotFoundException('Cannot GET /nope')).body).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'Cannot GET /nope' } });
  });

  it('maps body-parser failures to the error shape, including 415 for an unsupported charset', () => {
    expect(answer(Object.assign(new Error('unsupported charset "LATIN1"'), { status: 415, type: 'charset.unsupported' })).body).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.any(String),
    });
    expect(answer(Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' })).body).toEqual({
      code: 'BAD_REQUEST',
      message: '请求体不是有效的 JSON',
    });
    expect(answer(new AppError('BAD_REQUEST', '请求体嵌套层级过深')).body).toEqual({ code: 'BAD_REQUEST', message: '请求体嵌套层级过深' });
  });
});
