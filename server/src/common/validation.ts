import { applyDecorators, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsInt, Matches, Max, Min, type ValidationOptions } from 'class-validator';
import { ErrorCode } from '@mall/shared';
import { AppError } from './errors/app-error';

export interface FieldError {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisting, rejecting unknown fields and transforming; failures become VALIDATION_FAILED with per-field details. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const first = fields[0];
      return new AppError(ErrorCode.VALIDATION_FAILED, first ? `参数 ${first.field} 不合法：${first.errors[0]}` : '参数不合法', { fields });
    },
  });
}

/** The range of a database INT column (ids, counts, amounts we accept in one request). */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/**
 * An integer that fits the INT columns it is stored in or compared with: every integer input field
 * uses this instead of a bare @IsInt(), so 2147483648 is a 400, never a database error.
 */
export function IsDbInt(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsInt(options), Min(INT32_MIN, options), Max(INT32_MAX, options));
}

/**
 * Control characters, and the invisible format characters that reorder or hide text (bidi overrides
 * and isolates, left/right marks, BOM, line/paragraph separators). The zero-width joiner stays: emoji need it.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/** Text a person typed and others will read (nicknames, addresses, reasons): no control or bidi characters. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return Matches(new RegExp(`^[^${UNSAFE_TEXT.source.slice(1, -1)}]*$`, 'u'), { message: '$property 不能包含控制字符或不可见的排版字符', ...options });
}

/** yyyy-MM with a real month. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
