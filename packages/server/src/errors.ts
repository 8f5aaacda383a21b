import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import pg from 'pg';
import type { ErrorResponse } from '@minewatch/core';

/** Stable error codes, each with the one HTTP status it maps to. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  THROTTLED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found or not accessible`);
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', `${path}: ${message}`, [{ path, message }]);

function body(code: ErrorCode, message: string, details?: FieldIssue[]): ErrorResponse {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** Router-level failures (bad percent-encoding, over-long path segments) in the same shape, without echoing the URL. */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is too long' : 'The URL is malformed';
  void reply.code(400).send(body('VALIDATION', message, [{ path: 'params', message }]));
}

/** The one place errors become HTTP responses; 5xx never carries internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => {
        // fastify-type-provider-zod puts the zod issue's own fields on params (keys for unknown fields).
        const params = v.params as { keys?: string[] } | undefined;
        const segs = v.instancePath.split('/').filter(Boolean);
        const keys = params?.keys;
        const path = [where, ...segs.map(String), ...(keys && keys.length === 1 ? keys : [])].join('.');
        return { path, message: v.message ?? 'invalid' };
      });
      const message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return reply.code(400).send(body('VALIDATION', message, details));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.code(500).send(body('INTERNAL', 'Internal error'));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(body('MALFORMED_JSON', `Request body is not valid JSON: ${err.message}`));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .code(400)
          .send(body('BODY_TOO_LARGE', `Request body is larger than the limit of ${req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit} bytes`, [{ path: 'body', message: 'too large' }]));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(400).send(body('VALIDATION', `Unsupported content type: ${req.headers['content-type'] ?? 'none'}`));
    }
    if (err instanceof pg.DatabaseError) {
      // Constraint violations are the caller's doing; say which constraint, not the SQL.
      if (err.code === '23505') return reply.code(409).send(body('CONFLICT', `A record with the same key already exists (${err.constraint ?? 'unique'})`));
      if (err.code === '23503') return reply.code(400).send(body('VALIDATION', `A referenced record does not exist (${err.constraint ?? 'foreign key'})`));
      if (err.code?.startsWith('22') || err.code === '23514') return reply.code(400).send(body('VALIDATION', `Invalid value (${err.constraint ?? err.code})`));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(400).send(body('VALIDATION', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'Internal error'));
  });
}

export const noRoute = (method: string, url: string): ErrorResponse => body('NOT_FOUND', `No route ${method} ${url.split('?')[0]}`);
