import type { FastifyServerOptions } from 'fastify';

/**
 * Request logs carry the method, the path without its query string, and the outcome. Names, dates of birth
 * and other personal data never reach a log line: bodies are not logged, query strings are dropped, and any
 * field that may hold personal data is redacted wherever it appears.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
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
      req: (req) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
    },
  };
}
