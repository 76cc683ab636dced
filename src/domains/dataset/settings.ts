import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access/rules.ts';
import { BadRequestError, ConflictError } from '../../platform/http/errors.ts';
import { MAX_THRESHOLD } from './schema-settings.ts';

/** The small-number threshold every published figure is suppressed at (counts from 1 to it are shown as "*"). */
export async function suppressionThreshold(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('dataset_settings').select('suppression_threshold').executeTakeFirst();
  return row?.suppression_threshold ?? 5;
}

export interface SuppressionSetting {
  threshold: number;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The threshold with the version a change must name. Migration 0033 inserts the one row; it is never deleted. */
export async function suppressionSetting(db: Kysely<Database>): Promise<SuppressionSetting> {
  const row = await db.selectFrom('dataset_settings').select(['suppression_threshold', 'version', 'updated_at', 'updated_by']).executeTakeFirstOrThrow();
  return { threshold: row.suppression_threshold, version: row.version, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
}

/** Sets the threshold at the version the analyst read; a ConflictError when someone else changed it first. */
export async function saveSuppressionThreshold(db: Kysely<Database>, actorId: string, version: number, threshold: number): Promise<number> {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > MAX_THRESHOLD) throw new BadRequestError(`The suppression threshold must be a whole number from 0 to ${MAX_THRESHOLD}`);
  const row = await db
    .updateTable('dataset_settings')
    .set((eb) => ({ suppression_threshold: threshold, version: eb('version', '+', 1), updated_at: new Date(), updated_by: actorId }))
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!row) {
    // The same form sent twice (a double click): the threshold already says this, set by the same person.
    const now = await suppressionSetting(db);
    if (now.threshold === threshold && now.updatedBy === actorId && now.version === version + 1) return now.version;
    throw new ConflictError('Someone else changed the suppression threshold after you opened it. Your change has not been saved: look at the threshold as it is now and try again.');
  }
  return row.version;
}

/**
 * The dataset's inputs, as links for the dashboards and report pages to show under "Population, targets and
 * suppression": the estimates and targets for everyone who sees figures, the threshold for those who may change it.
 */
export function datasetInputLinks(actor: Actor): { href: string; text: string }[] {
  const links = [];
  if (can(actor, 'aggregates.view').allowed) {
    links.push({ href: '/dataset/population', text: 'Population estimates' }, { href: '/dataset/targets', text: 'Targets and comparators' });
  }
  if (can(actor, 'dataset.configure').allowed) links.push({ href: '/dataset/settings', text: 'Suppression threshold' });
  return links;
}
