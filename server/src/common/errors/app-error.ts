import { ERROR_HTTP_STATUS, ERROR_MESSAGES_ZH, ErrorCode } from '@mall/shared';

/** The one way services report a failure the caller should see: a stable code, a message, optional details. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_MESSAGES_ZH[code]);
    this.status = ERROR_HTTP_STATUS[code];
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what}不存在`);
  }

  static forbidden(message = ERROR_MESSAGES_ZH.FORBIDDEN): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }
}
