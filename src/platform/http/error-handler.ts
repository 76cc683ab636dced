import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, ForbiddenError, HttpError } from './errors.ts';
import { databaseErrorKind } from '../ops/database-errors.ts';

interface Problem {
  status: number;
  title: string;
  detail: string;
  extra?: Record<string, unknown>;
  breakGlassPersonId?: string | null;
}

const CSRF_CODES = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

function toProblem(error: FastifyError | Error, request: FastifyRequest): Problem {
  if (error instanceof HttpError) {
    const breakGlassPersonId = error instanceof ForbiddenError ? error.breakGlassPersonId : null;
    const extra: Record<string, unknown> = {};
    if (breakGlassPersonId) extra.breakGlass = `/api/v1/people/${breakGlassPersonId}/break-glass`;
    if (error instanceof ConflictError && error.current !== undefined) extra.current = error.current;
    return { status: error.statusCode, title: error.title, detail: error.message, extra, breakGlassPersonId };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({ field: `${v.instancePath}`.replace(/^\//, '').replaceAll('/', '.'), message: v.message }));
    return { status: 400, title: 'Your request is not valid', detail: errors.map((e) => `${e.field || 'request'}: ${e.message}`).join('; '), extra: { errors } };
  }
  const code = (error as FastifyError).code;
  if (code && CSRF_CODES.has(code)) {
    return {
      status: 403,
      title: 'Your form has expired',
      detail: request.isApi
        ? 'Send the x-csrf-token header with the token from GET /api/v1/csrf-token.'
        : 'For your security, forms expire. Go back, refresh the page and try again. Nothing you entered was saved.',
    };
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const title = status === 429 ? 'Too many requests' : 'There is a problem with your request';
    const detail = status === 429 ? 'You have made too many requests. Wait a minute and try again.' : error.message;
    return { status, title, detail };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      title: 'Sorry, the service is unavailable',
      detail: 'Try again in a few minutes. Everything you had already saved is safe. If you were sending a form, go back and send it again.',
    };
  }
  return { status: 500, title: 'Sorry, there is a problem with the service', detail: 'Try again later. Nothing has been lost that you had already saved.' };
}

/**
 * The database could not be reached (refused, cut off, shut down by its administrator): worth trying again, so 503, not
 * 500. A reset or broken pipe thrown from a handler came from the database's socket, the only one Cairn opens (a browser
 * going away raises them too, but then nobody is left to answer).
 */
const isDatabaseUnavailable = (error: unknown): boolean =>
  databaseErrorKind(error) === 'connection' || ['ECONNRESET', 'EPIPE'].includes(String((error as { code?: unknown }).code));

export function sendProblem(reply: FastifyReply, problem: Problem) {
  const { request } = reply;
  reply.status(problem.status);
  const wantsJson = !request.headers.accept?.includes('text/html') && request.headers['content-type']?.includes('json');
  if (request.isApi || wantsJson) {
    return reply
      .type('application/problem+json')
      .send({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, instance: request.url.split('?')[0], ...problem.extra });
  }
  return reply.page('error.njk', {
    title: problem.title,
    message: problem.detail,
    statusCode: problem.status,
    breakGlassPersonId: problem.breakGlassPersonId ?? null,
  });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status === 503) {
      // Expected while the database is away, and answered as such: a warning, not an error.
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '30');
    } else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, code: error.code }, 'request refused');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { status: 404, title: 'Page not found', detail: 'The page or record you asked for does not exist.' }),
  );
}
