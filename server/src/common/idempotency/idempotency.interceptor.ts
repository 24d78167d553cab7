import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { ErrorCode } from '@mall/shared';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { IdempotencyService, requestHash } from './idempotency.service';

export const IDEMPOTENT = 'idempotent';
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

interface IdempotentOptions {
  /** Refuse the request without a key (admin routes that move value: adjustments, refunds). */
  required?: boolean;
}

/**
 * Marks a route that moves value (recharge, order, payment, redemption, joining a group):
 * requests carrying an Idempotency-Key header execute once per key; retries replay the result.
 * The one place the header is checked; a handler that needs the key reads it with @IdempotencyKey().
 * The interceptor is bound to these routes only (not globally): every other request, reads above all,
 * skips Nest's interceptor pipeline entirely.
 */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, { required: options.required ?? false }),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: options.required ?? false, description: '8–64 of [A-Za-z0-9_-], one per user action, reused on retry' }),
  );

/** The validated Idempotency-Key of an @Idempotent route (undefined when an optional key was not sent). */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const key = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return typeof key === 'string' && KEY_PATTERN.test(key) ? key : undefined;
});

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<Required<IdempotentOptions> | undefined>(IDEMPOTENT, context.getHandler());
    if (!options) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (key === undefined && !options.required) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      const message = key === undefined ? '缺少 Idempotency-Key 请求头' : 'Idempotency-Key 格式不正确';
      return throwError(
        () => new AppError(ErrorCode.VALIDATION_FAILED, message, { fields: [{ field: 'Idempotency-Key', errors: ['required, 8-64 of [A-Za-z0-9_-]'] }] }),
      );
    }
    const scope = req.principal ? `${req.principal.kind}:${req.principal.id}` : 'anonymous';
    const hash = requestHash(req.method, req.originalUrl, req.body);
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return from(this.idempotency.start(scope, key, hash)).pipe(
      mergeMap((start) => {
        if (start.kind === 'replay') {
          res.status(start.status);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(start.body);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.idempotency.complete(start.recordId, status, body).then(() => body))),
          catchError((error) => from(this.idempotency.release(start.recordId)).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }
}
