import type { FieldError } from '@clinicops/contracts';

export type ErrorCode =
  | 'validation'
  | 'bad_request'
  | 'unauthenticated'
  | 'session_expired'
  | 'csrf'
  | 'password_change_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'account_locked'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/** The one map from error code to HTTP status. */
export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  session_expired: 401,
  csrf: 403,
  password_change_required: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export const titleOf: Record<ErrorCode, string> = {
  validation: 'The request has invalid fields',
  bad_request: 'The request is malformed',
  unauthenticated: 'Sign-in required',
  session_expired: 'Your session has ended',
  csrf: 'Missing or wrong CSRF token',
  password_change_required: 'Choose a new password first',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'No longer available',
  payload_too_large: 'The request is too large',
  unsupported_media_type: 'Unsupported content type',
  account_locked: 'Account temporarily locked',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong on our side',
  unavailable: 'Service unavailable',
};

/**
 * The one error type of the application. Messages are shown to users, so they never carry
 * patient data; `details` holds machine-readable context (field errors, the missing permission).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: { errors?: FieldError[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.errors = opts.errors;
    this.details = opts.details;
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);

export const fieldError = (field: string, message: string) =>
  new AppError('validation', `${field}: ${message}`, { errors: [{ field, message }] });
