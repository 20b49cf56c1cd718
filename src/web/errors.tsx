import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, RETRY_AFTER_SECONDS, type ErrorCode } from '../base/errors.ts';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { Duplex } from 'node:stream';
import { storageError } from '../store/faults.ts';
import { SECURITY_HEADERS } from './security.ts';
import { renderDocument } from './views/layout.tsx';
import { ErrorPage, NotFoundPage } from './views/pages.tsx';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: readonly string[] };
}

/** ErrorBody as a response schema, for the OpenAPI document. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).optional() }),
});

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function normalise(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fault = storageError(error);
  if (fault) return fault;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => v.instancePath.replace(/^\//, '').replace(/\//g, '.'));
    const details = error.validation.map(
      (v, i) => `${error.validationContext ?? 'request'}${fields[i] ? `.${fields[i]}` : ''}: ${v.message}`,
    );
    // The message names the field unless it already does ("q must not be empty").
    const field = fields[0] ?? '';
    let message = error.validation[0]?.message;
    if (message && field && !message.startsWith(field)) message = `${field}: ${message}`;
    return new AppError('INVALID_REQUEST', message, details);
  }
  const status = (error as FastifyError).statusCode;
  const code = (error as FastifyError).code ?? '';
  if (code.startsWith('FST_CSRF')) return new AppError('CSRF');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 414) return new AppError('URL_TOO_LONG');
  if (status === 431) return new AppError('HEADERS_TOO_LARGE');
  if (status && status >= 400 && status < 500)
    return new AppError('INVALID_REQUEST', 'The request is not valid.');
  return new AppError('INTERNAL');
}

/** Answers one error as JSON (API) or a page, with the security headers even when no hook ran. */
function sendError(
  origin: string,
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const appError = normalise(error);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  reply.headers(SECURITY_HEADERS);
  reply.code(appError.status);
  if (appError.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (wantsJson(request)) {
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details.length > 0) body.error.details = appError.details;
    return reply.send(body);
  }
  return reply
    .type('text/html; charset=utf-8')
    .send(renderDocument(<ErrorPage origin={origin} status={appError.status} message={appError.message} />));
}

/**
 * Fastify options for the errors it answers before any route or hook: a bad percent-encoding (400), a
 * parameter past maxParamLength (414), and the HTTP parser's own refusals such as oversized headers
 * (431). They get the same pages, codes and security headers as every other error.
 */
export function frameworkErrorOptions(origin: string) {
  return {
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendError(origin, error, request, reply),
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Duplex) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const appError =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? new AppError('HEADERS_TOO_LARGE')
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? undefined
            : new AppError('INVALID_REQUEST');
      const status = appError?.status ?? 408;
      const body = renderDocument(
        <ErrorPage
          origin={origin}
          status={status}
          message={appError?.message ?? 'The request took too long.'}
        />,
      );
      // As Node does: answer only if nothing was written yet, then close.
      if (socket.writable && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0) {
        const headers = {
          ...SECURITY_HEADERS,
          'content-type': 'text/html; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          connection: 'close',
        };
        const head = Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
      }
      socket.destroy();
    },
  };
}

/** One error handler for pages and API: the right status, a clear message, never a stack trace. */
export function errorHandling(app: FastifyInstance, origin: string): void {
  app.setErrorHandler((error: FastifyError, request, reply: FastifyReply) =>
    sendError(origin, error, request, reply),
  );

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
