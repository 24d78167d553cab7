import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
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

/**
 * Marks a route that moves value (recharge, order, payment, redemption, joining a group):
 * requests carrying an Idempotency-Key header execute once per key; retries replay the result.
 */
export const Idempotent = () => SetMetadata(IDEMPOTENT, true);

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
      return throwError(
        () => new AppError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key 格式不正确', { fields: [{ field: 'Idempotency-Key', errors: ['8-64 of [A-Za-z0-9_-]'] }] }),
      );
    }
    const scope = req.principal ? `${req.principal.kind}:${req.principal.id}` : 'anonymous';
    const hash = requestHash(req.method, req.originalUrl, req.body);
    const status =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

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
