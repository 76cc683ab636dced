import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { ToolDefinition } from './schema.ts';
import type { ToolShape } from './scoring.ts';
import type { ContextType, PracticeToolsTable, ToolStatus } from './tables.ts';

type Db = Kysely<Database>;
export type ToolRow = Selectable<PracticeToolsTable>;

/** A tool version with its domains (and their items) and bands, in order. */
export interface FullTool extends ToolShape {
  row: ToolRow;
  domains: { id: string; name: string; position: number; items: { id: string; text: string }[] }[];
  bands: { min: number; max: number; label: string }[];
}

export async function findTool(db: Db, id: string): Promise<ToolRow | undefined> {
  return db.selectFrom('practice_tools').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function fullTool(db: Db, id: string): Promise<FullTool | null> {
  const row = await findTool(db, id);
  if (!row) return null;
  return (await fullTools(db, [row]))[0]!;
}

/** Many versions' definitions in three reads. */
export async function fullTools(db: Db, rows: readonly ToolRow[]): Promise<FullTool[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [domains, items, bands] = await Promise.all([
    db.selectFrom('practice_tool_domains').selectAll().where('tool_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('practice_tool_items as i').innerJoin('practice_tool_domains as d', 'd.id', 'i.domain_id').selectAll('i').where('d.tool_id', 'in', ids).orderBy('i.position').execute(),
    db.selectFrom('practice_tool_bands').selectAll().where('tool_id', 'in', ids).orderBy('position').execute(),
  ]);
  return rows.map((row) => ({
    row,
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
    domainRule: row.domain_rule,
    overallRule: row.overall_rule,
    direction: row.direction,
    domains: domains.filter((d) => d.tool_id === row.id).map((d) => ({ id: d.id, name: d.name, position: d.position, items: items.filter((i) => i.domain_id === d.id).map((i) => ({ id: i.id, text: i.text })) })),
    bands: bands.filter((b) => b.tool_id === row.id).map((b) => ({ min: b.min_score, max: b.max_score, label: b.label })),
  }));
}

/** Every version of every tool, newest version first within each tool. */
export async function allVersions(db: Db): Promise<ToolRow[]> {
  return db.selectFrom('practice_tools').selectAll().orderBy('name').orderBy('version_number', 'desc').execute();
}

export async function versionsOf(db: Db, familyId: string): Promise<ToolRow[]> {
  return db.selectFrom('practice_tools').selectAll().where('family_id', '=', familyId).orderBy('version_number', 'desc').execute();
}

export async function publishedTools(db: Db): Promise<ToolRow[]> {
  return db.selectFrom('practice_tools').selectAll().where('status', '=', 'published').orderBy('name').execute();
}

/** Scorings per tool version (to say which versions have been used). */
export async function scoringCounts(db: Db, toolIds: readonly string[]): Promise<Map<string, number>> {
  if (!toolIds.length) return new Map();
  const rows = await db.selectFrom('practice_tool_scorings').select(['tool_id', sql<number>`count(*)::int`.as('n')]).where('tool_id', 'in', [...toolIds]).groupBy('tool_id').execute();
  return new Map(rows.map((r) => [r.tool_id, r.n]));
}

/** Writes a version's domains, items and bands (a new version, or a draft's replaced). */
export async function writeDefinition(db: Db, toolId: string, d: ToolDefinition): Promise<void> {
  await db.deleteFrom('practice_tool_items').where('domain_id', 'in', db.selectFrom('practice_tool_domains').select('id').where('tool_id', '=', toolId)).execute();
  await db.deleteFrom('practice_tool_domains').where('tool_id', '=', toolId).execute();
  await db.deleteFrom('practice_tool_bands').where('tool_id', '=', toolId).execute();
  for (const [i, domain] of d.domains.entries()) {
    const { id } = await db.insertInto('practice_tool_domains').values({ tool_id: toolId, position: i + 1, name: domain.name }).returning('id').executeTakeFirstOrThrow();
    if (domain.items.length) await db.insertInto('practice_tool_items').values(domain.items.map((text, j) => ({ domain_id: id, position: j + 1, text }))).execute();
  }
  await db.insertInto('practice_tool_bands').values(d.bands.map((b, i) => ({ tool_id: toolId, position: i + 1, label: b.label, min_score: b.min, max_score: b.max }))).execute();
}

export const definitionColumns = (d: ToolDefinition) => ({
  name: d.name,
  description: d.description,
  scale_min: d.scaleMin,
  scale_max: d.scaleMax,
  scale_labels: sql<string>`${JSON.stringify(d.scaleLabels)}::jsonb`,
  domain_rule: d.domainRule,
  overall_rule: d.overallRule,
  direction: d.direction,
});

export async function insertTool(db: Db, row: { id: string; family_id: string; version_number: number; created_by: string }, d: ToolDefinition): Promise<void> {
  await db.insertInto('practice_tools').values({ ...row, ...definitionColumns(d), status: 'draft' }).execute();
  await writeDefinition(db, row.id, d);
}

export const updateToolAtVersion = (db: Db, id: string, version: number, changes: Parameters<typeof updateAtVersion<'practice_tools'>>[4]) => updateAtVersion(db, 'practice_tools', id, version, changes);

/** A draft's definition changed at the version read; false when someone else saved first. */
export async function updateDefinitionAtVersion(db: Db, id: string, version: number, d: ToolDefinition): Promise<boolean> {
  const row = await db
    .updateTable('practice_tools')
    .set({ ...definitionColumns(d), version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function setStatus(db: Db, id: string, status: ToolStatus): Promise<void> {
  await db.updateTable('practice_tools').set({ status, updated_at: new Date(), version: sql<number>`version + 1` }).where('id', '=', id).execute();
}

export async function nextVersionNumber(db: Db, familyId: string): Promise<number> {
  const row = await db.selectFrom('practice_tools').select(sql<number>`coalesce(max(version_number), 0)::int`.as('n')).where('family_id', '=', familyId).executeTakeFirstOrThrow();
  return row.n + 1;
}

// ── Scorings ──

export type ScoringRow = Awaited<ReturnType<typeof scoringsOf>>[number];

/** A child's scorings on every version of one tool, oldest first, with who scored them. */
export async function scoringsOf(db: Db, personId: string, familyId?: string) {
  let query = db
    .selectFrom('practice_tool_scorings as s')
    .innerJoin('practice_tools as t', 't.id', 's.tool_id')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select(['t.family_id', 't.version_number', 't.name as tool_name', 'u.name as scored_by'])
    .where('s.person_id', '=', personId);
  if (familyId) query = query.where('t.family_id', '=', familyId);
  return query.orderBy('s.scored_on').orderBy('s.created_at').execute();
}

export async function findScoring(db: Db, id: string) {
  return db.selectFrom('practice_tool_scorings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function scoringDetail(db: Db, scoringIds: readonly string[]) {
  if (!scoringIds.length) return { domains: [], items: [] };
  const [domains, items] = await Promise.all([
    db.selectFrom('practice_tool_scoring_domains').selectAll().where('scoring_id', 'in', [...scoringIds]).execute(),
    db.selectFrom('practice_tool_scoring_items').selectAll().where('scoring_id', 'in', [...scoringIds]).execute(),
  ]);
  return { domains, items };
}

export interface ScoringWrite {
  scoringId: string;
  domains: { id: string; score: number; note: string | null }[];
  items: { id: string; score: number }[];
}

export async function writeScores(db: Db, w: ScoringWrite): Promise<void> {
  await db.deleteFrom('practice_tool_scoring_items').where('scoring_id', '=', w.scoringId).execute();
  await db.deleteFrom('practice_tool_scoring_domains').where('scoring_id', '=', w.scoringId).execute();
  await db.insertInto('practice_tool_scoring_domains').values(w.domains.map((d) => ({ scoring_id: w.scoringId, domain_id: d.id, score: d.score, note: d.note }))).execute();
  if (w.items.length) await db.insertInto('practice_tool_scoring_items').values(w.items.map((i) => ({ scoring_id: w.scoringId, item_id: i.id, score: i.score }))).execute();
}

export async function insertScoring(
  db: Db,
  row: { id: string; person_id: string; tool_id: string; scored_on: string; context_type: ContextType | null; context_id: string | null; overall_score: number; band_label: string; created_by: string },
): Promise<void> {
  await db.insertInto('practice_tool_scorings').values(row).execute();
}

export const updateScoringAtVersion = (db: Db, id: string, version: number, changes: Parameters<typeof updateAtVersion<'practice_tool_scorings'>>[4]) => updateAtVersion(db, 'practice_tool_scorings', id, version, changes);
