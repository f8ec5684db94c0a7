/**
 * HTTP errors: each has a stable `code` and a status. Every error answer has Fastify's shape
 * `{ statusCode, code, error, message }` (`ApiError` in shared/), whatever threw it.
 */
import { STATUS_CODES } from 'node:http';
import createError from '@fastify/error';
import { type ApiError, ErrorCode } from '@truenorth/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { RelayError } from './relay/errors.js';

export const BadRequest = createError<[string]>(ErrorCode.badRequest, '%s', 400);
export const Unauthorized = createError<[string]>(ErrorCode.unauthorized, '%s', 401);
export const Forbidden = createError<[string]>(ErrorCode.forbidden, '%s', 403);
export const BoardNotFound = createError(ErrorCode.boardNotFound, 'No board with this id', 404);
export const SnapshotNotFound = createError(
  'SNAPSHOT_NOT_FOUND',
  'No snapshot with this id on this board',
  404,
);
export const NotFound = createError<[string]>(ErrorCode.notFound, '%s', 404);
export const PayloadTooLarge = createError<[string]>('PAYLOAD_TOO_LARGE', '%s', 413);
export const RateLimited = createError<[string]>(ErrorCode.rateLimited, '%s', 429);
export const SnapshotUnreadable = createError(
  'SNAPSHOT_UNREADABLE',
  'The stored snapshot cannot be read',
  500,
);
export const StorageUnavailable = createError('STORAGE_UNAVAILABLE', 'Storage is not reachable', 503);

/** `[message, { cause }?]`: the cause stays in the log, never in the answer. */
type MessageArgs = [string, { cause: unknown }?];

/**
 * An export refused because every export thread is busy and the queue is full (or the server is
 * shutting down). The route sends `Retry-After: retryAfter` with it.
 */
export class ExportBusy extends createError<MessageArgs>('EXPORT_BUSY', '%s', 503) {
  /** Seconds after which a retry is worth it. */
  readonly retryAfter = 5;
}
/** An export thread failed: crashed, ran out of its heap, took too long, or rendering threw. */
export class ExportFailed extends createError<MessageArgs>('EXPORT_FAILED', '%s', 500) {}

/** Codes that our own errors carry; anything else is mapped by status. */
const OWN_CODES = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BOARD_NOT_FOUND',
  'SNAPSHOT_NOT_FOUND',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'SNAPSHOT_UNREADABLE',
  'STORAGE_UNAVAILABLE',
  'EXPORT_BUSY',
  'EXPORT_FAILED',
]);

/** Fastify's own client errors (bad JSON, wrong media type, body too large…) keep a stable code. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Parse untrusted input with a shared schema; a failure is a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new BadRequest(`Invalid ${what}: ${details}`);
}

/** Our errors and the relay's carry a code meant for clients; anything else is mapped by status. */
const isOwn = (error: FastifyError) => error instanceof RelayError || OWN_CODES.has(error.code);

export function toApiError(error: FastifyError): ApiError {
  const raw = error.statusCode;
  const statusCode = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500;
  const error_ = STATUS_CODES[statusCode] ?? 'Error';
  if (statusCode >= 500 && !isOwn(error)) {
    // Internal details (paths, SQL, stack) stay in the log.
    return {
      statusCode,
      code: 'INTERNAL_ERROR',
      error: error_,
      message: 'Something went wrong on the server',
    };
  }
  const code = isOwn(error) ? error.code : (CODE_BY_STATUS[statusCode] ?? `HTTP_${statusCode}`);
  return { statusCode, code, error: error_, message: error.message };
}

/** Install the error and not-found handlers on the root instance. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toApiError(error);
    if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status: body.statusCode }, body.message);
    // Headers set before the error (e.g. rate-limit's Retry-After) are kept.
    return reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body = toApiError(new NotFound(`No route for ${request.method} ${request.url.split('?')[0]}`));
    return reply.status(404).send(body);
  });
}
