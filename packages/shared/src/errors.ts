/**
 * Errors that carry an HTTP status and a stable snake_case `code`. The API's
 * error middleware turns them into `{error, code, details}`; anything else is
 * a 500 whose detail stays in the log.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown[];

  constructor(
    status: number,
    code: string,
    message: string,
    options: { cause?: unknown; details?: unknown[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown[]) {
    super(400, 'validation_failed', message, { details });
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
