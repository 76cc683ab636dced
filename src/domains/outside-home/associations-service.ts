import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle, type PersonHeading, personHeading } from '../people/service.ts';
import { ADULT_NATURES, ASSOCIATION_CHRONOLOGY, ASSOCIATION_RECORD, associationRecordedSummary, CONFIDENCE, INFORMATION_SOURCES, NATURES, otherInWords, PEER_NATURES } from './associations-labels.ts';
import * as repo from './associations-repository.ts';
import type { AssociationInput, EndInput } from './associations-schema.ts';
import type { AssociationNature, Confidence, InformationSource } from './tables.ts';

/** An association as other capabilities see it: ids only, both ends already known to be visible to the user. */
export interface Association {
  id: string;
  personId: string;
  otherPersonId: string;
  nature: AssociationNature;
  source: InformationSource;
  confidence: Confidence;
  fromDate: string;
  toDate: string | null;
}

const toAssociation = (r: repo.AssociationRow): Association => ({
  id: r.id,
  personId: r.person_id,
  otherPersonId: r.other_person_id,
  nature: r.nature,
  source: r.source,
  confidence: r.confidence,
  fromDate: r.from_date,
  toDate: r.to_date,
});

/**
 * The associations that touch any of these people (either end among them) and whose BOTH ends the user may see;
 * any other association is left out entirely, so nothing about it (not even that it exists) reaches the caller.
 * Current ones only (begun and not ended by `on`, today unless given) unless `includeEnded`. For the MET hub
 * agenda and group pages: callers wanting only links between people in their set filter on both ends.
 */
export async function associationsAmong(ctx: RequestContext, personIds: readonly string[], options: { includeEnded?: boolean; on?: string } = {}): Promise<Association[]> {
  authorise(ctx, 'outside.view');
  const rows = await repo.associationsTouching(ctx.db, personIds, options.includeEnded ? null : (options.on ?? ukToday()));
  return (await bothEndsVisible(ctx, rows)).map(toAssociation);
}

async function bothEndsVisible(ctx: RequestContext, rows: repo.AssociationRow[]): Promise<repo.AssociationRow[]> {
  if (!rows.length) return [];
  const visible = await viewablePeople(ctx, rows.flatMap((r) => [r.person_id, r.other_person_id]));
  return rows.filter((r) => visible.has(r.person_id) && visible.has(r.other_person_id));
}

export interface AssociationView {
  id: string;
  version: number;
  other: PersonHeading;
  nature: string;
  natureText: string;
  sourceText: string;
  confidence: Confidence;
  confidenceText: string;
  fromDate: string;
  toDate: string | null;
  notes: string;
  recordedBy: string | null;
  current: boolean;
}

/**
 * A person's associations with the other person's name, for their network page: only those whose other end the
 * user may see. The caller has already authorised (and audited) the view of `personId`.
 */
export async function visibleAssociationsOf(ctx: RequestContext, personId: string, today = ukToday()): Promise<AssociationView[]> {
  const rows = await bothEndsVisible(ctx, await repo.associationsTouching(ctx.db, [personId], null));
  const otherOf = (r: repo.AssociationRow) => (r.person_id === personId ? r.other_person_id : r.person_id);
  const [others, recorders] = await Promise.all([
    Promise.all(rows.map((r) => personHeading(ctx, otherOf(r)))),
    userNames(ctx.db, rows.map((r) => r.created_by)),
  ]);
  return rows.map((r, i) => ({
    id: r.id,
    version: r.version,
    other: others[i]!,
    nature: r.nature,
    natureText: NATURES[r.nature],
    sourceText: INFORMATION_SOURCES[r.source],
    confidence: r.confidence,
    confidenceText: CONFIDENCE[r.confidence],
    fromDate: r.from_date,
    toDate: r.to_date,
    notes: r.notes,
    recordedBy: r.created_by ? (recorders.get(r.created_by) ?? null) : null,
    current: r.from_date <= today && (r.to_date === null || r.to_date >= today),
  }));
}

/** How a child's chronology refers to the other end of an association: never by name. */

/** The form's first step: the person whose record it is, if the user may record about them. */
export async function associationSubject(ctx: RequestContext, personId: string): Promise<PersonHeading> {
  await authorisePerson(ctx, personId, 'outside.record');
  return personHeading(ctx, personId);
}

/** Problems with the dates, checked before anything is saved. */
export function associationProblems(input: Pick<AssociationInput, 'fromDate' | 'toDate'>, today = ukToday()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.fromDate > today) problems.push(new FieldProblem('fromDate', 'The date the association was first known must be today or in the past'));
  if (input.toDate && input.toDate < input.fromDate) problems.push(new FieldProblem('toDate', 'The date it ended must be the same as or after the date it was first known'));
  if (input.toDate && input.toDate > today) problems.push(new FieldProblem('toDate', 'The date it ended must be today or in the past'));
  return problems;
}

/**
 * Records an association between a child and another young person or an adult, from the record of `personId`.
 * The user must be able to see both people. The pair is stored once with a child first; each child at either end
 * gets a chronology entry that says what kind of person the other is, never who. A repeated submission (the same
 * idempotency key) records one association.
 */
export async function recordAssociation(ctx: RequestContext, personId: string, input: AssociationInput & { idempotencyKey: string }): Promise<string> {
  const decision = await authorisePerson(ctx, personId, 'outside.record', { audit: false });
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: ASSOCIATION_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const [problem] = associationProblems(input);
  if (problem) throw problem;
  const otherId = input.otherPersonId.toLowerCase();
  if (otherId === personId) throw new FieldProblem('otherPersonId', 'Choose someone other than the person whose record this is');
  if (!(await viewablePeople(ctx, [otherId])).has(otherId)) throw new FieldProblem('otherPersonId', 'Choose a person from the search results whose record you can see');
  const otherDecision = await authorisePerson(ctx, otherId, 'outside.record', { audit: false });
  const [subject, other] = await Promise.all([personHeading(ctx, personId), personHeading(ctx, otherId)]);
  checkKinds(subject, other, input.nature);
  if (await repo.openAssociationBetween(ctx.db, personId, otherId)) {
    throw new FieldProblem('otherPersonId', 'An association between them is already recorded and has not ended. End it first if it has changed.');
  }
  // Child first: a child and an adult are stored with the child as `person_id`; two children from this record's side.
  const [first, second] = subject.personType === 'child' ? [subject, other] : [other, subject];
  const id = uuidv7();
  await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertAssociation(trx, {
      id,
      person_id: first.id,
      other_person_id: second.id,
      nature: input.nature,
      source: input.source,
      confidence: input.confidence,
      from_date: input.fromDate,
      to_date: input.toDate,
      notes: input.notes,
      created_by: ctx.actor.id,
    });
    for (const [child, counterpart] of [[first, second], [second, first]] as const) {
      if (child.personType !== 'child') continue;
      await chronicle(trx, ctx, child.id, ASSOCIATION_CHRONOLOGY.recorded, associationRecordedSummary(counterpart.personType === 'adult', input.confidence), { type: ASSOCIATION_RECORD, id });
    }
    await auditChange(trx, ctx, 'outside.record', personId, decision);
    await auditChange(trx, ctx, 'outside.record', otherId, otherDecision);
  });
  return id;
}

/** At least one end is a child; natures that describe an adult or a peer fit only those. */
function checkKinds(subject: PersonHeading, other: PersonHeading, nature: AssociationNature) {
  if (other.personType === 'unborn' || subject.personType === 'unborn') throw new FieldProblem('otherPersonId', 'Choose a child or an adult, not an unborn baby');
  if (subject.personType !== 'child' && other.personType !== 'child') throw new FieldProblem('otherPersonId', 'Choose a child: an association links a child with another young person or an adult');
  const adults = [subject, other].filter((p) => p.personType === 'adult').length;
  if (ADULT_NATURES.includes(nature) && adults !== 1) throw new FieldProblem('nature', `“${NATURES[nature]}” describes an adult: choose another kind of association between two young people`);
  if (PEER_NATURES.includes(nature) && adults !== 0) throw new FieldProblem('nature', `“${NATURES[nature]}” describes another young person: choose another kind of association with an adult`);
}

/**
 * One association on the record of `personId`, for the form that ends it. Someone who cannot see both people gets
 * "not found", exactly as for an association that does not exist.
 */
export async function associationOnRecord(ctx: RequestContext, personId: string, associationId: string, options: { audit?: boolean } = {}) {
  const decision = await authorisePerson(ctx, personId, 'outside.record', options);
  const row = await repo.findAssociation(ctx.db, associationId);
  if (!row || (row.person_id !== personId && row.other_person_id !== personId)) throw new NotFoundError();
  const otherId = row.person_id === personId ? row.other_person_id : row.person_id;
  if (!(await viewablePeople(ctx, [otherId])).has(otherId)) throw new NotFoundError();
  const [subject, other] = await Promise.all([personHeading(ctx, personId), personHeading(ctx, otherId)]);
  return { decision, row, subject, other, natureText: NATURES[row.nature], confidenceText: CONFIDENCE[row.confidence], sourceText: INFORMATION_SOURCES[row.source] };
}

/** Ends an association on a day, at the version the user read; each child's chronology says so without names. */
export async function endAssociation(ctx: RequestContext, personId: string, associationId: string, input: EndInput, today = ukToday()): Promise<void> {
  const { decision, row, other, subject } = await associationOnRecord(ctx, personId, associationId, { audit: false });
  if (row.to_date !== null && row.version === input.version) throw new FieldProblem('toDate', `This association already ended on ${formatDate(row.to_date)}`);
  if (input.toDate < row.from_date) throw new FieldProblem('toDate', `The date it ended must be on or after ${formatDate(row.from_date)}, when it was first known`);
  if (input.toDate > today) throw new FieldProblem('toDate', 'The date it ended must be today or in the past');
  const otherDecision = await authorisePerson(ctx, other.id, 'outside.record', { audit: false });
  await ctx.db.transaction().execute(async (trx: Kysely<Database>) => {
    if (!(await repo.endAssociationAtVersion(trx, associationId, input.version, input.toDate))) {
      throw new ConflictError('Someone else changed this association after you opened it. Check it again before ending it.');
    }
    for (const [child, counterpart] of [[subject, other], [other, subject]] as const) {
      if (child.personType !== 'child') continue;
      await chronicle(trx, ctx, child.id, ASSOCIATION_CHRONOLOGY.ended, `An association with ${otherInWords(counterpart.personType === 'adult')} ended on ${formatDate(input.toDate)}`, { type: ASSOCIATION_RECORD, id: associationId });
    }
    await auditChange(trx, ctx, 'outside.record', personId, decision);
    await auditChange(trx, ctx, 'outside.record', other.id, otherDecision);
  });
}
