import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../access/authorise.ts';
import { authorise } from '../../access/authorise.ts';
import { recordAccess } from '../../audit/audit.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../http/errors.ts';
import { findIdempotentResource, once } from '../../http/idempotency.ts';
import { updateAtVersion } from '../../../db/versioned.ts';
import * as repo from './repository.ts';
import type { MappingFields } from './schema.ts';

/** Administrators keep which identity-provider group gives what in Cairn (`integrations.manage`). */
export async function singleSignOnSettings(ctx: RequestContext) {
  authorise(ctx, 'integrations.manage');
  const [mappings, agencies] = await Promise.all([repo.listMappings(ctx.db), repo.agenciesForSignIn(ctx.db)]);
  return { mappings, agencies };
}

export async function mappingForEdit(ctx: RequestContext, id: string): Promise<repo.GroupMapping> {
  authorise(ctx, 'integrations.manage');
  const mapping = await repo.findMapping(ctx.db, id);
  if (!mapping) throw new NotFoundError('This group mapping does not exist or has been deleted.');
  return mapping;
}

/** The teams must be the agency's own; a group is mapped once (its mapping may give several teams and roles). */
async function checkMapping(ctx: RequestContext, input: MappingFields, id: string | null) {
  const agencies = await repo.agenciesForSignIn(ctx.db);
  const agency = agencies.find((a) => a.id === input.agencyId);
  if (!agency) throw new FieldProblem('agencyId', 'Select the agency the group’s members belong to');
  if (input.teamIds.some((t) => !agency.teams.some((team) => team.id === t))) throw new FieldProblem('teamIds', `Select only teams in ${agency.name}`);
  const existing = await repo.mappingIdForGroup(ctx.db, input.groupValue);
  if (existing && existing !== id) throw new FieldProblem('groupValue', 'This group already has a mapping: change that one instead');
}

const audit = (ctx: RequestContext, db: RequestContext['db'], action: string, id: string) =>
  recordAccess(db, { userId: ctx.actor.id, action, outcome: 'allowed', resourceType: 'sso_mapping', resourceId: id, requestId: ctx.requestId });

export async function createMapping(ctx: RequestContext, input: MappingFields, idempotencyKey?: string): Promise<{ id: string; replayed: boolean }> {
  authorise(ctx, 'integrations.manage');
  const claim = { key: `sso.mapping:${idempotencyKey ?? uuidv7()}`, userId: ctx.actor.id, resourceType: 'sso_mapping' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  await checkMapping(ctx, input, null);
  const id = uuidv7();
  return once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertMapping(trx, { id, groupValue: input.groupValue, agencyId: input.agencyId, teamIds: input.teamIds, roles: input.roles, by: ctx.actor.id });
    await audit(ctx, trx, 'sso.mapping_created', id);
  });
}

export async function updateMapping(ctx: RequestContext, id: string, version: number, input: MappingFields): Promise<void> {
  const current = await mappingForEdit(ctx, id);
  await checkMapping(ctx, input, id);
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await updateAtVersion(trx, 'sso_group_mappings', id, version, {
      group_value: input.groupValue,
      agency_id: input.agencyId,
      team_ids: input.teamIds,
      roles: input.roles,
      updated_by: ctx.actor.id,
    });
    if (!saved) throw new ConflictError('Someone else changed this group mapping after you opened it. Your changes have not been saved.', current);
    await audit(ctx, trx, 'sso.mapping_changed', id);
  });
}

export async function deleteMapping(ctx: RequestContext, id: string, version: number): Promise<void> {
  await mappingForEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteMappingAt(trx, id, version))) throw new ConflictError('Someone else changed this group mapping after you opened it. It has not been deleted.');
    await audit(ctx, trx, 'sso.mapping_deleted', id);
  });
}

export async function setPasswordSignIn(ctx: RequestContext, agencyId: string, allowed: boolean, version: number): Promise<void> {
  authorise(ctx, 'integrations.manage');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.savePasswordSignIn(trx, agencyId, allowed, version, ctx.actor.id))) {
      throw new ConflictError('Someone else changed this agency’s sign-in setting after you opened it. Your change has not been saved.');
    }
    await recordAccess(trx, { userId: ctx.actor.id, action: 'sso.password_sign_in_changed', outcome: 'allowed', resourceType: 'agency', resourceId: agencyId, requestId: ctx.requestId });
  });
}
