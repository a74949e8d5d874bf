import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorCode } from '@twofold/shared/contracts';
import { DomainError } from './domain-error';

/** Field name → messages, with nested fields as dotted paths (`address.city`). */
export function validationErrorFields(
  errors: readonly ValidationError[],
  parent = '',
): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) {
      fields[path] = messages;
    }
    Object.assign(fields, validationErrorFields(error.children ?? [], path));
  }
  return fields;
}

export function validationFailed(fields: Record<string, string[]>): DomainError {
  return new DomainError(
    HttpStatus.BAD_REQUEST,
    ApiErrorCode.ValidationFailed,
    'Some fields are not valid.',
    { fields },
  );
}

/** Keys that could reach an object's prototype; class-transformer drops them without a word. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first forbidden key anywhere in a parsed body, as a dotted path, or null. */
function forbiddenKeyPath(value: unknown, parent = '', depth = 0): string | null {
  if (typeof value !== 'object' || value === null || depth > 8) {
    return null;
  }
  for (const key of Object.keys(value)) {
    const path = parent ? `${parent}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) {
      return path;
    }
    const nested = forbiddenKeyPath((value as Record<string, unknown>)[key], path, depth + 1);
    if (nested) {
      return nested;
    }
  }
  return null;
}

/**
 * Refuses unknown properties, prototype keys included (`forbidNonWhitelisted` never sees those,
 * because class-transformer has already dropped them).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const path = forbiddenKeyPath(value);
      if (path) {
        throw validationFailed({ [path]: [`property ${path} should not exist`] });
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: unknown properties are refused rather than silently dropped, and failures
 * become a 400 `validation_failed` with a message per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(validationErrorFields(errors)),
  });
}
