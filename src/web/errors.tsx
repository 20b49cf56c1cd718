import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, RETRY_AFTER_SECONDS, type ErrorCode } from '../errors.ts';
import { storageError } from '../store/faults.ts';
import { renderDocument } from './views/layout.tsx';
import { ErrorPage, NotFoundPage } from './views/pages.tsx';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: readonly string[] };
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function normalise(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fault = storageError(error);
  if (fault) return fault;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => {
      const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return `${error.validationContext ?? 'request'}${field ? `.${field}` : ''}: ${v.message}`;
    });
    return new AppError(
      'INVALID_REQUEST',
      error.validation[0]?.message ?? ERRORS.INVALID_REQUEST.message,
      details,
    );
  }
  const status = (error as FastifyError).statusCode;
  const code = (error as FastifyError).code ?? '';
  if (code.startsWith('FST_CSRF')) return new AppError('CSRF');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 414 || status === 431) return new AppError('QUERY_TOO_LONG', 'The address is too long.');
  if (status && status >= 400 && status < 500)
    return new AppError('INVALID_REQUEST', 'The request is not valid.');
  return new AppError('INTERNAL');
}

/** One error handler for pages and API: the right status, a clear message, never a stack trace. */
export function errorHandling(app: FastifyInstance, origin: string): void {
  app.setErrorHandler((error: FastifyError, request, reply: FastifyReply) => {
    const appError = normalise(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(appError.status);
    if (appError.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (wantsJson(request)) {
      const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
      if (appError.details.length > 0) body.error.details = appError.details;
      return reply.send(body);
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(<ErrorPage origin={origin} status={appError.status} message={appError.message} />),
      );
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    if (wantsJson(request)) {
      return reply.send({
        error: { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message },
      } satisfies ErrorBody);
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(<NotFoundPage origin={origin} message={ERRORS.NOT_FOUND.message} suggestions={[]} />),
      );
  });
}
