import { applyDecorators, type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsInt, Matches, Max, Min, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
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

/** Keys that name the object machinery, not data: whitelisting does not see them (they live on every prototype). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of prototype-named keys anywhere in a parsed JSON value (bounded: the parser caps the depth). */
export function prototypeKeyPaths(value: unknown, parent = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const path = parent ? `${parent}.${key}` : key;
    return [...(PROTOTYPE_KEYS.has(key) ? [path] : []), ...prototypeKeyPaths((value as Record<string, unknown>)[key], path)];
  });
}

/**
 * forbidNonWhitelisted misses keys such as "constructor" and "__proto__" (class-transformer drops
 * them, so the whitelist never sees an unknown property) and the rest of the body went through:
 * refuse them like any other unknown field.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const paths = metadata.type === 'body' || metadata.type === 'query' ? prototypeKeyPaths(value) : [];
    if (paths.length > 0) {
      const fields = paths.map((field) => ({ field, errors: [`property ${field} should not exist`] }));
      throw new AppError(ErrorCode.VALIDATION_FAILED, `参数 ${paths[0]} 不合法：不允许的字段`, { fields });
    }
    return super.transform(value, metadata);
  }
}

/** Whitelisting, rejecting unknown fields and transforming; failures become VALIDATION_FAILED with per-field details. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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

/** One of two alternatives: refuses this field when `other` is given too. */
export function NotWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property 与 ${other} 只能填一个`, ...options },
      validator: { validate: (_value: unknown, args: ValidationArguments) => (args.object as Record<string, unknown>)[other] === undefined },
    });
}
