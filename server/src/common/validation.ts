import { ValidationError, ValidationPipe } from '@nestjs/common';
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
      return new AppError(
        ErrorCode.VALIDATION_FAILED,
        first ? `参数 ${first.field} 不合法：${first.errors[0]}` : '参数不合法',
        { fields },
      );
    },
  });
}
