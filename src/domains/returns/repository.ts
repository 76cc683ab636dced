import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { ReturnKind } from './tables.ts';

/** SQL for the returns pages: who a return identifier is, export runs, returns recorded as submitted. */

/** People by their return identifier (Failure.child), for links from a failure to the child's record. */
export async function peopleByReturnId(db: Kysely<Database>, returnIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(returnIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'return_id']).where('return_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.return_id, r.id]));
}

/** A person's return identifier, or null when there is nobody with that id. */
export async function returnIdOf(db: Kysely<Database>, personId: string): Promise<string | null> {
  const row = await db.selectFrom('people').select('return_id').where('id', '=', personId).executeTakeFirst();
  return row?.return_id ?? null;
}

export interface RunRow {
  id: string;
  return_kind: ReturnKind;
  collection_year: number | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  done_steps: number;
  total_steps: number;
  file_name: string | null;
  has_file: boolean;
  error: string | null;
  requested_by: string;
  requested_at: Date;
  finished_at: Date | null;
}

export async function insertRun(db: Kysely<Database>, run: { id: string; kind: ReturnKind; year: number | null; userId: string }): Promise<void> {
  await db.insertInto('statutory_return_runs').values({ id: run.id, return_kind: run.kind, collection_year: run.year, requested_by: run.userId }).execute();
}

/** A run as its requester sees it (never its file's bytes); null for anyone else, so others cannot tell it exists. */
export async function runFor(db: Kysely<Database>, id: string, userId: string): Promise<RunRow | null> {
  const row = await db
    .selectFrom('statutory_return_runs')
    .select(['id', 'return_kind', 'collection_year', 'status', 'done_steps', 'total_steps', 'file_name', 'error', 'requested_by', 'requested_at', 'finished_at'])
    .select(sql<boolean>`file IS NOT NULL`.as('has_file'))
    .where('id', '=', id)
    .where('requested_by', '=', userId)
    .executeTakeFirst();
  return row ? { ...row, requested_at: new Date(row.requested_at) } : null;
}

/** The requester's latest runs, newest first, for the landing page. */
export async function recentRuns(db: Kysely<Database>, userId: string, limit = 5): Promise<RunRow[]> {
  const rows = await db
    .selectFrom('statutory_return_runs')
    .select(['id', 'return_kind', 'collection_year', 'status', 'done_steps', 'total_steps', 'file_name', 'error', 'requested_by', 'requested_at', 'finished_at'])
    .select(sql<boolean>`file IS NOT NULL`.as('has_file'))
    .where('requested_by', '=', userId)
    .orderBy('requested_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, requested_at: new Date(row.requested_at) }));
}

export async function markRunning(db: Kysely<Database>, id: string, total: number): Promise<void> {
  await db.updateTable('statutory_return_runs').set({ status: 'running', total_steps: total }).where('id', '=', id).execute();
}

export async function recordProgress(db: Kysely<Database>, id: string, done: number, total: number): Promise<void> {
  await db.updateTable('statutory_return_runs').set({ done_steps: done, total_steps: total }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function finishRun(db: Kysely<Database>, id: string, file: { name: string; contentType: string; bytes: Buffer }): Promise<void> {
  await db
    .updateTable('statutory_return_runs')
    .set((eb) => ({ status: 'done', done_steps: eb.ref('total_steps'), file_name: file.name, content_type: file.contentType, file: file.bytes, finished_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function failRun(db: Kysely<Database>, id: string, error: string): Promise<void> {
  await db.updateTable('statutory_return_runs').set({ status: 'failed', error, finished_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Hands the requester their file and forgets it in the same transaction: the row is locked, so two downloads
 * racing each other give the file once.
 */
export async function takeFile(db: Kysely<Database>, id: string, userId: string): Promise<{ name: string; contentType: string; bytes: Buffer } | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('statutory_return_runs')
      .select(['file_name', 'content_type', 'file'])
      .where('id', '=', id)
      .where('requested_by', '=', userId)
      .where('status', '=', 'done')
      .forUpdate()
      .executeTakeFirst();
    if (!row?.file || !row.file_name || !row.content_type) return null;
    await trx.updateTable('statutory_return_runs').set({ file: null }).where('id', '=', id).execute();
    return { name: row.file_name, contentType: row.content_type, bytes: Buffer.from(row.file) };
  });
}

/**
 * Housekeeping before runs are read: a file not downloaded within a day is deleted, and a run that has not
 * finished within an hour (Cairn restarted under it) is marked failed so nobody waits on it for ever.
 */
export async function expireRuns(db: Kysely<Database>, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const hourAgo = new Date(now.getTime() - 3600_000);
  await db.updateTable('statutory_return_runs').set({ file: null }).where('file', 'is not', null).where('finished_at', '<', dayAgo).execute();
  await db
    .updateTable('statutory_return_runs')
    .set({ status: 'failed', error: 'The export did not finish within an hour (Cairn may have restarted while it ran). Start it again.', finished_at: now })
    .where('status', 'in', ['queued', 'running'])
    .where('requested_at', '<', hourAgo)
    .execute();
}

export interface SnapshotInfo {
  recorded_at: Date;
  recorded_by_name: string | null;
  file_names: string[];
}

/** When a return was recorded as submitted, and by whom (not the files: they can be large). */
export async function snapshotInfo(db: Kysely<Database>, kind: 'cin' | '903', year: number): Promise<SnapshotInfo | null> {
  const row = await db
    .selectFrom('statutory_return_snapshots as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.recorded_at', 'u.name as recorded_by_name'])
    .select(sql<string[]>`ARRAY(SELECT jsonb_object_keys(s.files) ORDER BY 1)`.as('file_names'))
    .where('s.return_kind', '=', kind)
    .where('s.collection_year', '=', year)
    .executeTakeFirst();
  return row ? { recorded_at: new Date(row.recorded_at), recorded_by_name: row.recorded_by_name, file_names: row.file_names } : null;
}

/** Keeps the CIN census file as the return submitted for that year, replacing any recorded before (the 903's own is record903Snapshot). */
export async function saveSnapshot(db: Kysely<Database>, kind: 'cin', year: number, files: Record<string, string>, userId: string): Promise<void> {
  const json = JSON.stringify(files);
  await db
    .insertInto('statutory_return_snapshots')
    .values({ return_kind: kind, collection_year: year, files: json, recorded_by: userId })
    .onConflict((oc) => oc.columns(['return_kind', 'collection_year']).doUpdateSet({ files: json, recorded_by: userId, recorded_at: new Date() }))
    .execute();
}
