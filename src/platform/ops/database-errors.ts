import type { DatabaseErrorKind } from './metrics.ts';

const SQLSTATE = /^[0-9A-Z]{5}$/;
/**
 * Class 08 is "connection exception"; 57P01–57P03 are the server shutting down or not yet accepting connections; 57014
 * is a statement cancelled, here because it ran past the statement timeout: the database is too busy to answer now.
 */
const CONNECTION_SQLSTATE = /^(08|57P0[1-3]|57014)/;
/**
 * Cairn opens no outbound connection but the database's, so a failed connect or name look-up is the database's.
 * (Resets and broken pipes are left out: a browser going away mid-request raises those too.)
 */
const OUTBOUND_SYSCALLS = new Set(['connect', 'getaddrinfo']);
/** What `pg` and PGlite say, without a code, when a connection is gone or cannot be had. */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'Connection ended unexpectedly',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end',
  'Client has encountered a connection error',
  'PGlite is closed',
  // The client's own limit (statement timeout plus grace): no answer at all, as when the network stops carrying packets.
  'Query read timeout',
];

interface MaybeDatabaseError {
  code?: unknown;
  severity?: unknown;
  syscall?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/**
 * Whether an error came from the database, and if so whether the connection failed or a statement was refused.
 * Anything else (a validation error, a bug in a handler) is null. Follows `cause` (and an AggregateError's `errors`)
 * a few steps, as drivers wrap.
 */
export function databaseErrorKind(error: unknown, depth = 0): DatabaseErrorKind | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  const { code, severity, syscall, message, errors, cause } = error as MaybeDatabaseError;
  if (typeof code === 'string') {
    if (SQLSTATE.test(code) && typeof severity === 'string') return CONNECTION_SQLSTATE.test(code) ? 'connection' : 'query';
    if (typeof syscall === 'string' && OUTBOUND_SYSCALLS.has(syscall)) return 'connection';
  }
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((m) => message.includes(m))) return 'connection';
  // Node reports a failed connection to a host with several addresses as an AggregateError of each attempt.
  if (Array.isArray(errors) && errors.some((e) => databaseErrorKind(e, depth + 1) === 'connection')) return 'connection';
  return databaseErrorKind(cause, depth + 1);
}

/** Whether an error is a database error of any kind: its message or detail may quote the values of a row. */
export const isDatabaseError = (error: unknown) => databaseErrorKind(error) !== null;
