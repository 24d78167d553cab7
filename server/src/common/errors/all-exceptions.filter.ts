import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiErrorBody, ERROR_MESSAGES_ZH, ErrorCode } from '@mall/shared';
import { isNotNullViolation } from '../../database/db-errors';
import { AppError } from './app-error';

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.AUTH_REQUIRED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Turns anything thrown into `{ code, message, details? }` with the right HTTP status. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const { status, body } = this.toBody(exception);
    if (status >= 500) {
      this.logger.error({ msg: 'unhandled error', reqId: request.headers['x-request-id'], path: request.path, err: describe(exception) });
    }
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof AppError) {
      const body: ApiErrorBody = { code: exception.code, message: exception.message };
      if (exception.details !== undefined) body.details = exception.details;
      return { status: exception.status, body };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_TO_CODE[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST);
      const raw = exception.getResponse();
      // Body-parser errors (malformed JSON, too large) arrive as HttpExceptions from Nest's express adapter.
      const reason = typeof raw === 'object' && raw && 'message' in raw ? (raw as { message: unknown }).message : undefined;
      const message = status === 404 ? '接口不存在' : isJsonParseFailure(exception) ? '请求体不是有效的 JSON' : ERROR_MESSAGES_ZH[code];
      const details = reason === undefined ? undefined : { reason };
      return { status, body: details && status < 500 ? { code, message, details } : { code, message } };
    }
    // A null for a field that cannot be empty reached the database (found by dto-fuzz): the caller's mistake, nothing written.
    if (isNotNullViolation(exception)) {
      return { status: HttpStatus.BAD_REQUEST, body: { code: ErrorCode.VALIDATION_FAILED, message: '参数不合法：必填项不能为空' } };
    }
    const bodyParserStatus = (exception as { status?: number; type?: string })?.status;
    if (typeof bodyParserStatus === 'number' && bodyParserStatus >= 400 && bodyParserStatus < 500) {
      const code = STATUS_TO_CODE[bodyParserStatus] ?? ErrorCode.BAD_REQUEST;
      return { status: bodyParserStatus, body: { code, message: code === ErrorCode.BAD_REQUEST ? '请求体不是有效的 JSON' : ERROR_MESSAGES_ZH[code] } };
    }
    // Anything else is our bug: the log has the stack, the caller gets nothing internal.
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: ErrorCode.INTERNAL, message: ERROR_MESSAGES_ZH.INTERNAL } };
  }
}

function isJsonParseFailure(exception: HttpException): boolean {
  const cause = (exception as { cause?: { type?: string } }).cause;
  return cause?.type === 'entity.parse.failed' || (exception.getStatus() === 400 && /JSON/.test(exception.message));
}

function describe(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return String(error);
}
