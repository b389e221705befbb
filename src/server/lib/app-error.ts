/** One error type for the whole server: a stable code, a Chinese message, optional field messages. */
import { ERROR_STATUS, type TErrorCode } from '../../shared/errors.js';

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: TErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.code = code;
    this.fields = fields;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Throws NOT_FOUND: used for records that do not exist or lie outside the caller's scope. */
export function notFound(what = '记录'): never {
  throw new AppError('NOT_FOUND', `${what}不存在或无权访问`);
}

/** Throws VALIDATION_FAILED with one field's message (the form shows it under the field). */
export function fieldError(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { [field]: message });
}
