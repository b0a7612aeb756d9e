import { AppError, isConnectionError, type Logger, TimeoutError } from '@mtm/shared';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

export interface ErrorBody {
  error: string;
  code: string;
  details?: unknown[];
}

interface Answer {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/** express-openapi-validator's HttpError codes by status. */
const VALIDATOR_CODES: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** body-parser's error types (http-errors with `expose: true`). */
const BODY_PARSER_ANSWERS: Record<string, { code: string; error: string }> = {
  'entity.parse.failed': { code: 'invalid_json', error: 'request body is not valid JSON' },
  'entity.too.large': { code: 'payload_too_large', error: 'request body is too large' },
  'encoding.unsupported': { code: 'unsupported_media_type', error: 'unsupported content encoding' },
  'charset.unsupported': { code: 'unsupported_media_type', error: 'unsupported charset' },
  'request.aborted': { code: 'request_aborted', error: 'request aborted' },
  'request.size.invalid': { code: 'invalid_request', error: 'request size did not match content-length' },
};

const INTERNAL: ErrorBody = { error: 'internal server error', code: 'internal_error' };

/**
 * The one place errors become responses: what a client caused is a 4xx it
 * can act on, an outage is a 503, anything else a 500 whose detail stays in
 * the log. Bodies are never logged: they may hold customers' data.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const answer = answerFor(error, req);
    const meta = { method: req.method, path: req.path, status: answer.status };
    if (answer.status >= 500) {
      logger.error('request failed', { ...meta, error: describe(error) });
    } else {
      logger.debug('request rejected', { ...meta, code: answer.body.code });
    }
    // Too late for a JSON answer: let Express cut the connection.
    if (res.headersSent) return next(error);
    res
      .status(answer.status)
      .set(answer.headers ?? {})
      .json(answer.body);
  };
}

/** Answers any path no route claimed (the validator answers those under the contract). */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}`, code: 'not_found' });
};

function answerFor(error: unknown, req: Request): Answer {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: error.message, code: error.code };
    if (error.details) body.details = error.details;
    return { status: error.status, body, headers: error.headers };
  }
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const status = typeof fields.status === 'number' ? fields.status : undefined;

  if (status !== undefined && status < 500 && Array.isArray(fields.errors)) {
    return validatorAnswer(status, fields, req);
  }
  if (status !== undefined && status < 500 && fields.expose === true) {
    const known = typeof fields.type === 'string' ? BODY_PARSER_ANSWERS[fields.type] : undefined;
    return {
      status,
      body: known ?? { error: String(fields.message ?? 'bad request'), code: 'bad_request' },
    };
  }
  if (error instanceof TimeoutError || isConnectionError(error)) {
    return { status: 503, body: { error: 'service unavailable', code: 'service_unavailable' } };
  }
  return { status: 500, body: INTERNAL };
}

function validatorAnswer(status: number, fields: Record<string, unknown>, req: Request): Answer {
  const details = (fields.errors as Record<string, unknown>[]).map((item) => {
    const detail: Record<string, unknown> = { path: item.path, message: item.message };
    if (item.errorCode !== undefined) detail.error_code = item.errorCode;
    return detail;
  });
  const body: ErrorBody = {
    error: typeof fields.message === 'string' ? fields.message : 'invalid request',
    code: VALIDATOR_CODES[status] ?? 'invalid_request',
  };
  // The validator's own wording names no route, or says "unsupported media type undefined".
  if (status === 404) body.error = `no route for ${req.method} ${req.path}`;
  if (status === 415) body.error = 'request body must be sent as application/json';
  if (details.length > 0 && status === 400) body.details = details;
  const allow = (fields.headers as { Allow?: unknown } | undefined)?.Allow;
  return { status, body, headers: typeof allow === 'string' ? { Allow: allow } : undefined };
}

function describe(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return { name: error.name, message: error.message, stack: error.stack, cause: describe(error.cause) };
}
