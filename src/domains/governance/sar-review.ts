import { updateAtVersion } from '../../db/versioned.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { REDACTION_REASONS } from './sar-labels.ts';
import * as repo from './sar-repository.ts';
import type { RedactionInput } from './sar-schema.ts';
import { WHOLE_ITEM } from './sar-schema.ts';
import { auditSar, loadRequest } from './sar-service.ts';
import type { RedactionReason, SarField, SarSuggestion } from './sar-tables.ts';

export const ITEMS_PER_PAGE = 20;

type Redaction = Awaited<ReturnType<typeof repo.activeRedactions>>[number];

/** An item as the reviewer sees it: each field with its redaction (if any) and suggestion (if any). */
function itemView(item: Awaited<ReturnType<typeof repo.groupItems>>[number], redactions: Redaction[], names: Map<string, string>) {
  const fields = item.fields as unknown as SarField[];
  const suggestions = item.suggestions as unknown as SarSuggestion[];
  const mine = redactions.filter((r) => r.item_id === item.id);
  const describe = (r: Redaction) => ({ id: r.id, version: r.version, reason: r.reason, reasonLabel: REDACTION_REASONS[r.reason], note: r.note, by: names.get(r.created_by ?? '') ?? 'A user', at: r.created_at });
  const whole = mine.find((r) => r.field === null);
  return {
    id: item.id,
    recordType: item.record_type,
    capability: item.capability,
    date: item.item_date,
    role: item.link_role,
    redacted: whole ? describe(whole) : null,
    fields: fields.map((f) => {
      const r = mine.find((x) => x.field === f.column);
      const s = suggestions.find((x) => x.field === f.column);
      return { ...f, redaction: r ? describe(r) : null, suggestion: s && !r && !whole ? { ...s, reasonLabel: REDACTION_REASONS[s.reason] } : null };
    }),
    suggested: suggestions.length,
  };
}

async function viewsOf(ctx: RequestContext, requestId: string, items: Awaited<ReturnType<typeof repo.groupItems>>) {
  const redactions = await repo.activeRedactions(ctx.db, requestId, items.map((i) => i.id));
  const names = await userNames(ctx.db, redactions.map((r) => r.created_by));
  return items.map((i) => itemView(i, redactions, names));
}

/** The bundle's contents by capability and record type, and one group's items a page at a time. */
export async function bundlePage(ctx: RequestContext, id: string, recordType: string | null, page: number) {
  const request = await loadRequest(ctx, id);
  if (!request.compiled_at) throw new BadRequestError('The bundle has not been compiled yet.');
  const groups = (await repo.bundleGroups(ctx.db, id)).map((g) => ({ ...g, items: Number(g.items), suggested: Number(g.suggested), redacted: Number(g.redacted) }));
  const group = groups.find((g) => g.record_type === recordType) ?? groups[0] ?? null;
  const items = group ? await viewsOf(ctx, id, await repo.groupItems(ctx.db, id, group.record_type, (page - 1) * ITEMS_PER_PAGE, ITEMS_PER_PAGE)) : [];
  await auditSar(ctx.db, ctx, 'sar.review', request);
  return { request, groups, group, items };
}

export async function itemPage(ctx: RequestContext, id: string, itemId: string) {
  const request = await loadRequest(ctx, id);
  const item = await repo.findItem(ctx.db, id, itemId);
  if (!item) throw new NotFoundError('There is no such item in this bundle.');
  const [view] = await viewsOf(ctx, id, [item]);
  await auditSar(ctx.db, ctx, 'sar.review', request);
  return { request, item: view! };
}

async function editable(ctx: RequestContext, id: string) {
  const request = await loadRequest(ctx, id);
  if (request.status !== 'in_review') throw new BadRequestError('Redactions are made once the review has started, and not after disclosure.');
  return request;
}

/** Clears a completed review: the bundle as disclosed must be the one the reviewer signed off. */
async function reopenReview(ctx: RequestContext, request: repo.RequestRow) {
  if (!request.review_completed_at) return;
  const saved = await updateAtVersion(ctx.db, 'sar_requests', request.id, request.version, { review_completed_at: null, review_completed_by: null });
  if (!saved) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been saved.');
}

/** Redacts a whole item or one of its fields, with a reason from the fixed list. */
export async function redact(ctx: RequestContext, id: string, itemId: string, input: RedactionInput): Promise<void> {
  const request = await editable(ctx, id);
  const item = await repo.findItem(ctx.db, id, itemId);
  if (!item) throw new NotFoundError('There is no such item in this bundle.');
  const field = input.field === WHOLE_ITEM ? null : input.field;
  if (field && !(item.fields as unknown as SarField[]).some((f) => f.column === field)) throw new FieldProblem('field', 'Select a field of this item');
  const existing = (await repo.activeRedactions(ctx.db, id, [itemId])).find((r) => r.field === field);
  if (existing) throw new ConflictError(field ? 'That field is already redacted. Change or remove its redaction instead.' : 'This item is already redacted.');
  await ctx.db.transaction().execute(async (trx) => {
    await reopenReview({ ...ctx, db: trx }, request);
    await trx.insertInto('sar_redactions').values({ request_id: id, item_id: itemId, field, reason: input.reason, note: input.note, created_by: ctx.actor.id }).execute();
    await auditSar(trx, ctx, 'sar.redact', request);
  });
}

/** Every suggestion on a group's items the reviewer accepts at once, each with the reason suggested. */
export async function acceptSuggestions(ctx: RequestContext, id: string, recordType: string): Promise<number> {
  const request = await editable(ctx, id);
  const items = await repo.groupItems(ctx.db, id, recordType, 0, 100_000);
  const redactions = await repo.activeRedactions(ctx.db, id, items.map((i) => i.id));
  const taken = new Set(redactions.map((r) => `${r.item_id}/${r.field ?? ''}`));
  const whole = new Set(redactions.filter((r) => r.field === null).map((r) => r.item_id));
  const rows = items.flatMap((i) =>
    (i.suggestions as unknown as SarSuggestion[])
      .filter((s) => !whole.has(i.id) && !taken.has(`${i.id}/${s.field ?? ''}`))
      .map((s) => ({ request_id: id, item_id: i.id, field: s.field, reason: s.reason as RedactionReason, note: null, created_by: ctx.actor.id })),
  );
  if (!rows.length) return 0;
  await ctx.db.transaction().execute(async (trx) => {
    await reopenReview({ ...ctx, db: trx }, request);
    await trx.insertInto('sar_redactions').values(rows).execute();
    await auditSar(trx, ctx, 'sar.redact', request);
  });
  return rows.length;
}

/** Removes a redaction at the version read: the row stays, marked removed, so the review's history is kept. */
export async function removeRedaction(ctx: RequestContext, id: string, redactionId: string, version: number): Promise<string> {
  const request = await editable(ctx, id);
  const redaction = await ctx.db.selectFrom('sar_redactions').select(['id', 'item_id']).where('id', '=', redactionId).where('request_id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  if (!redaction) throw new ConflictError('This redaction has already been removed.');
  await ctx.db.transaction().execute(async (trx) => {
    await reopenReview({ ...ctx, db: trx }, request);
    const saved = await updateAtVersion(trx, 'sar_redactions', redactionId, version, { removed_at: new Date(), removed_by: ctx.actor.id });
    if (!saved) throw new ConflictError('This redaction was changed by someone else after you opened it. Nothing has been saved.');
    await auditSar(trx, ctx, 'sar.unredact', request);
  });
  return redaction.item_id;
}
