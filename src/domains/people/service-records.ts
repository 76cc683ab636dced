import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import { auditChange, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { INVOLVEMENT_BASIS, RELATIONSHIP } from './codes.ts';
import { postcodeKey } from './identifiers.ts';
import { fullName, searchKey } from './names.ts';
import * as repo from './repository.ts';
import { addDays, type AddressInput, todayInEngland } from './schema.ts';
import { chronicle, mayView, searchPeople, type SearchResult } from './service.ts';

/** Loads a record for a change, refusing merged records: their history stays as it was. */
async function forChange(ctx: RequestContext, personId: string, action: 'person.edit' | 'person.share' | 'person.restrict') {
  const decision = await authorisePerson(ctx, personId, action, { audit: false });
  const person = await repo.findPerson(ctx.db, personId);
  if (!person) throw new NotFoundError();
  if (person.merged_into) throw new ConflictError('This record has been merged into another and can no longer be changed.');
  return { decision, person };
}

const NAME_KIND = { alias: 'an alias', previous: 'a previous name', preferred: 'a preferred name' } as const;

export async function addName(ctx: RequestContext, personId: string, v: { givenName: string; familyName: string; kind: keyof typeof NAME_KIND }) {
  const { decision } = await forChange(ctx, personId, 'person.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertName(trx, { personId, ...v, searchName: searchKey(v.givenName, v.familyName), createdBy: ctx.actor.id });
    await chronicle(trx, ctx, personId, 'person.name_added', `Added ${NAME_KIND[v.kind]}`, { type: 'person_name', id: row.id });
    await auditChange(trx, ctx, 'person.edit', personId, decision);
  });
}

/** Adds an address; a current address ends the one before it the day before the new one starts. */
export async function addAddress(ctx: RequestContext, personId: string, address: AddressInput) {
  const { decision } = await forChange(ctx, personId, 'person.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await repo.endCurrentAddresses(trx, personId, addDays(address.startDate, -1));
    const row = await repo.insertAddress(trx, {
      personId, line1: address.line1, line2: address.line2 ?? null, town: address.town ?? null,
      postcode: address.postcode, postcodeKey: postcodeKey(address.postcode), startDate: address.startDate, createdBy: ctx.actor.id,
    });
    await chronicle(trx, ctx, personId, 'person.address_added', ended ? 'Moved to a new address; previous address ended' : 'Address added', { type: 'person_address', id: row.id });
    await auditChange(trx, ctx, 'person.edit', personId, decision);
  });
}

/** People the actor may open, for choosing the other side of a relationship or a duplicate to merge. */
export async function findOtherPeople(ctx: RequestContext, personId: string, name: string): Promise<SearchResult[]> {
  const results = await searchPeople(ctx, { name });
  return results.filter((r) => r.canOpen && r.id !== personId);
}

/** Records "this person is the <kind> of the other": stored as (other, this, kind) so it reads from this record. */
export async function addRelationship(ctx: RequestContext, personId: string, relatedPersonId: string, kind: string) {
  const { decision } = await forChange(ctx, personId, 'person.edit');
  if (relatedPersonId === personId) throw new BadRequestError('A person cannot be related to themselves. Choose someone else.');
  if (!RELATIONSHIP[kind]) throw new BadRequestError('Select how they are related.');
  const other = await repo.findPerson(ctx.db, relatedPersonId);
  if (!other || other.merged_into || !(await mayView(ctx, relatedPersonId))) throw new BadRequestError('Choose a person from the search results.');
  if (await repo.relationshipExists(ctx.db, personId, relatedPersonId)) {
    throw new ConflictError('A relationship between these two people is already recorded.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertRelationship(trx, { personId: relatedPersonId, relatedPersonId: personId, kind, createdBy: ctx.actor.id });
    const label = RELATIONSHIP[kind]!.label.toLowerCase();
    await chronicle(trx, ctx, personId, 'person.relationship_added', `Relationship recorded: ${fullName(other)} (${label})`, { type: 'relationship', id: row.id });
    await chronicle(trx, ctx, relatedPersonId, 'person.relationship_added', 'Relationship recorded with another person', { type: 'relationship', id: row.id });
    await auditChange(trx, ctx, 'person.edit', personId, decision);
  });
}

export async function shareRecord(
  ctx: RequestContext,
  personId: string,
  v: { agencyId: string; basis: 'consent' | 'lawful_basis' | 'team_around_child'; detail: string | null; startDate: string },
) {
  const { decision } = await forChange(ctx, personId, 'person.share');
  const agency = await repo.findAgency(ctx.db, v.agencyId);
  if (!agency || agency.kind === 'social_care') throw new BadRequestError('Select a partner agency from the list.');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertInvolvement(trx, { personId, agencyId: v.agencyId, basis: v.basis, detail: v.detail, startDate: v.startDate, createdBy: ctx.actor.id });
    await chronicle(trx, ctx, personId, 'person.shared', `Record shared with ${agency.name} (${INVOLVEMENT_BASIS[v.basis]?.toLowerCase()})`, { type: 'involvement', id: row.id });
    await auditChange(trx, ctx, 'person.share', personId, decision);
  });
}

export async function endShare(ctx: RequestContext, personId: string, involvementId: string) {
  const { decision } = await forChange(ctx, personId, 'person.share');
  const involvement = await repo.findInvolvement(ctx.db, personId, involvementId);
  if (!involvement) throw new NotFoundError();
  if (involvement.end_date) return;
  const agency = await repo.findAgency(ctx.db, involvement.agency_id);
  await ctx.db.transaction().execute(async (trx) => {
    // Ended yesterday, so the agency's access stops today rather than at midnight.
    await repo.endInvolvement(trx, involvementId, addDays(todayInEngland(), -1) < involvement.start_date ? involvement.start_date : addDays(todayInEngland(), -1));
    await chronicle(trx, ctx, personId, 'person.share_ended', `Stopped sharing with ${agency?.name ?? 'an agency'}`, { type: 'involvement', id: involvementId });
    await auditChange(trx, ctx, 'person.share', personId, decision);
  });
}

export async function restrictionChoices(ctx: RequestContext, personId: string) {
  const { person } = await forChange(ctx, personId, 'person.restrict');
  const [users, named] = await Promise.all([socialCareCaseworkers(ctx.db), repo.listNamedUsers(ctx.db, personId)]);
  return { person, users, namedIds: named.map((u) => u.id) };
}

/** Restricts a record to named people (the actor always among them), or lifts the restriction. */
export async function setRestriction(ctx: RequestContext, personId: string, v: { restricted: boolean; reason: string; userIds: string[] }) {
  const { decision } = await forChange(ctx, personId, 'person.restrict');
  const allowed = new Set((await socialCareCaseworkers(ctx.db)).map((u) => u.id));
  const named = [...new Set([ctx.actor.id, ...v.userIds.filter((id) => allowed.has(id))])];
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setRestriction(trx, personId, v.restricted, named, ctx.actor.id);
    await chronicle(trx, ctx, personId, 'person.restriction_changed', v.restricted ? `Record restricted to ${named.length} named ${named.length === 1 ? 'person' : 'people'}` : 'Restriction lifted');
    await auditChange(trx, ctx, 'person.restrict', personId, decision, v.reason);
  });
}
