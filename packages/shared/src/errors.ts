/**
 * Errors that carry an HTTP status and a stable snake_case `code`. The API's
 * error middleware turns them into `{error, code, details}`; anything else is
 * a 500 whose detail stays in the log.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown[];
  /** Response headers the status calls for, such as WWW-Authenticate or Retry-After. */
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { cause?: unknown; details?: unknown[]; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    if (options.details) this.details = options.details;
    if (options.headers) this.headers = options.headers;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown[]) {
    super(400, 'validation_failed', message, { details });
  }
}

/** No credentials, or credentials that are not (or no longer) valid. */
export class UnauthorizedError extends AppError {
  constructor(message: string, options: { invalidToken?: boolean } = {}) {
    // RFC 6750: a challenge names the scheme; a rejected token also says why.
    const challenge = options.invalidToken ? 'Bearer error="invalid_token"' : 'Bearer';
    super(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': challenge } });
  }
}

/** Authenticated, but the role does not allow the operation. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'too_many_requests', message, {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, cause?: unknown) {
    super(409, 'conflict', message, { cause });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super(503, 'service_unavailable', message, { cause });
  }
}

/** Raised by `loadConfig`; the message names every bad key and its variable. */
export class ConfigError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ConfigError';
  }
}
