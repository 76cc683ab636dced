import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { type DestinationStream, stdSerializers } from 'pino';
import { isDatabaseError } from '../ops/database-errors.ts';

export type LogDestination = DestinationStream;

/** What a database error may say about itself without quoting a row: its SQLSTATE and where it happened. */
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;
/** Fields drivers attach to errors that carry the values of a statement or row (PGlite adds `query` and `params`). */
const VALUE_FIELDS = ['detail', 'hint', 'where', 'internalQuery', 'query', 'params', 'parameters'];

/** A database's messages quote the values they refuse (`invalid input syntax for type uuid: "…"`); keep the words. */
const withoutQuotedValues = (text: string) => text.replace(/"[^"]*"/g, '"…"');

type SerializedError = { [key: string]: unknown; type: string; message: string; stack: string };

/**
 * Errors are logged with their type, message and stack. A database error keeps only its code and the names of what
 * it concerns: its message loses its quoted values, and the detail, query and parameters (a row's values) are dropped.
 */
export function serializeError(error: Error): SerializedError {
  const serialized: SerializedError = stdSerializers.err(error);
  if (!isDatabaseError(error)) {
    for (const field of VALUE_FIELDS) delete serialized[field];
    return serialized;
  }
  const source = error as unknown as Record<string, unknown>;
  const safe: SerializedError = { type: serialized.type, message: withoutQuotedValues(serialized.message), stack: withoutQuotedValues(serialized.stack) };
  for (const field of DATABASE_ERROR_FIELDS) if (source[field] !== undefined) safe[field] = source[field];
  return safe;
}

/**
 * Request logs carry the method, the route pattern (`/people/:id`, never the URL asked for: no ids typed by hand, no
 * query string) and the outcome. Names, dates of birth and other personal data never reach a log line: bodies and
 * headers are not logged, errors from the database lose the values they quote, and any field that may hold personal
 * data is redacted wherever it appears.
 */
export function loggerOptions(level: string, stream?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
        '*.name',
        '*.given_name',
        '*.family_name',
        '*.date_of_birth',
        '*.nhs_number',
        '*.upn',
        '*.postcode',
        '*.reason',
        '*.q',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
      err: serializeError,
    },
  };
}
