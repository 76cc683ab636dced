/**
 * Export runs: a return built in the background of this process while the analyst's page shows its progress, the
 * file kept for its requester until downloaded (or a day). Building a `kent`-scale return takes longer than a
 * request should wait; running it here rather than on a queue keeps one process enough, and everything a run
 * needs is in its row and its request, so it could move to a job queue without changing the pages.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { ReturnFileError } from './engine.ts';
import { type ExportRequest, exportFile } from './exports.ts';
import * as repo from './repository.ts';
import type { ReturnsSettings } from './settings.ts';

/** Progress is written at most this often: a return of 12,000 children should not be 12,000 updates. */
const PROGRESS_EVERY_MS = 400;

const inFlight = new Set<Promise<void>>();

/** Waits for the runs this process started (the app waits on close, so no run writes to a closed database). */
export async function settleRuns(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

/**
 * Starts an export for the actor, once per idempotency key: a double click gets the first run back and starts
 * nothing more.
 */
export async function startExport(
  ctx: RequestContext,
  request: ExportRequest,
  idempotencyKey: string,
  settings: ReturnsSettings,
  log: FastifyBaseLogger,
): Promise<{ id: string; replayed: boolean }> {
  authorise(ctx, 'returns.prepare');
  await repo.expireRuns(ctx.db);
  const id = uuidv7();
  const year = request.kind === 'annex-a' ? null : request.year;
  const result = await once(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'statutory_return_run', resourceId: id }, (trx) =>
    repo.insertRun(trx, { id, kind: request.kind, year, userId: ctx.actor.id }),
  );
  if (!result.replayed) runInBackground(ctx.db, id, request, settings, log);
  return result;
}

function runInBackground(db: Kysely<Database>, id: string, request: ExportRequest, settings: ReturnsSettings, log: FastifyBaseLogger) {
  const run = executeRun(db, id, request, settings, log).finally(() => inFlight.delete(run));
  inFlight.add(run);
}

/** Builds the file, writing progress as the builder reports it; a failure is written to the run, never thrown. */
export async function executeRun(db: Kysely<Database>, id: string, request: ExportRequest, settings: ReturnsSettings, log: FastifyBaseLogger): Promise<void> {
  try {
    await repo.markRunning(db, id, 1);
    let last = 0;
    let writing: Promise<void> = Promise.resolve();
    const onProgress = (done: number, total: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS && done < total) return;
      last = now;
      // One write at a time, in order; the next report waits for the one before.
      writing = writing.then(() => repo.recordProgress(db, id, done, total + 1)).catch(() => undefined);
    };
    const file = await exportFile(db, request, settings, onProgress);
    await writing;
    await repo.finishRun(db, id, file);
  } catch (error) {
    // The builders' own refusals are the analyst's to read; anything else is Cairn's fault and logged for support.
    const plain = error instanceof ReturnFileError || error instanceof RangeError;
    if (!plain) log.error({ err: error, runId: id }, 'a statutory return export failed');
    const message = plain
      ? (error as Error).message
      : `Cairn could not build the return because of an unexpected problem. Try again; if it fails again, tell your system administrator (export reference ${id}).`;
    await repo.failRun(db, id, message).catch((e: unknown) => log.error({ err: e, runId: id }, 'could not record a failed export'));
  }
}

/** The actor's own run; anybody else's is not found. */
export async function runOf(ctx: RequestContext, id: string): Promise<repo.RunRow> {
  authorise(ctx, 'returns.prepare');
  await repo.expireRuns(ctx.db);
  const run = await repo.runFor(ctx.db, id, ctx.actor.id);
  if (!run) throw new NotFoundError('There is no export with this address for you. Exports are only seen by whoever started them.');
  return run;
}

/** The file, once: handing it over deletes it, and the download of personal data is in the access audit. */
export async function downloadRun(ctx: RequestContext, id: string): Promise<{ name: string; contentType: string; bytes: Buffer } | null> {
  await runOf(ctx, id);
  const file = await repo.takeFile(ctx.db, id, ctx.actor.id);
  if (file) await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'returns.export', outcome: 'allowed', resourceType: 'statutory_return_run', resourceId: id, requestId: ctx.requestId });
  return file;
}

/** Share done, for the progress bar: 0 to 100. */
export const percentDone = (run: Pick<repo.RunRow, 'status' | 'done_steps' | 'total_steps'>) =>
  run.status === 'done' ? 100 : run.total_steps > 0 ? Math.min(99, Math.floor((run.done_steps / run.total_steps) * 100)) : 0;
