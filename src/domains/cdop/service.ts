import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { mayPickPerson } from '../people/service-pick.ts';
import { ageAtDeath } from './labels.ts';
import * as repo from './repository.ts';
import type { NotificationInput } from './schema.ts';

export const CDOP_RECORD = repo.CASE_SOURCE;
/** What the child's chronology says: everyone who worked with the child sees it, so only that the death is under review. */
export const CHILD_CHRONOLOGY_SUMMARY = 'Child’s death notified to the Child Death Overview Panel for review';

/** A case the actor may work on: the role is checked before the record is read, so a refused role learns nothing. */
export async function caseFor(ctx: RequestContext, id: string): Promise<repo.CaseRow> {
  authorise(ctx, 'cdop.work');
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

/** Reading a case is a read of the child's record: it goes to the access audit. */
export async function auditRead(ctx: RequestContext, childId: string): Promise<void> {
  await authorisePerson(ctx, childId, 'cdop.work');
}

/** A change to a case: decided before the transaction, audited inside it, so both are saved or neither. */
export async function changeCase(ctx: RequestContext, childId: string, action: string, write: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const decision = await authorisePerson(ctx, childId, 'cdop.work', { audit: false });
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    await auditChange(trx, ctx, action, childId, decision);
  });
}

/** Saves a change at the version the user read, or says someone else changed the case first. */
export async function atVersion(trx: Kysely<Database>, id: string, version: number, changes: Parameters<typeof repo.updateCaseAtVersion>[3]): Promise<void> {
  if (!(await repo.updateCaseAtVersion(trx, id, version, changes))) {
    throw new ConflictError('Someone else changed this case after you opened it. Your changes have not been saved: look at the case as it is now and try again.');
  }
}

export const notFuture = (date: string, field: string, what: string) => {
  if (date > ukToday()) throw new FieldProblem(field, `${what} must be today or in the past`);
};

/** The checks on the notification's dates and answers, shared by recording it and correcting it. */
export function checkNotification(input: NotificationInput, dateOfBirth: string): void {
  notFuture(input.diedOn, 'diedOn', 'The date of death');
  notFuture(input.notifiedOn, 'notifiedOn', 'The date notified');
  if (input.diedOn < dateOfBirth) throw new FieldProblem('diedOn', 'The date of death cannot be before the child’s date of birth');
  if (ageAtDeath(dateOfBirth, input.diedOn) >= 18) throw new FieldProblem('diedOn', 'The panel reviews the deaths of children under 18: this child was 18 or over on that date');
  if (input.notifiedOn < input.diedOn) throw new FieldProblem('notifiedOn', 'The date notified cannot be before the date of death');
  if (input.place === 'other' && !input.placeDetail) throw new FieldProblem('placeDetail', 'Enter where the child died');
  if (input.expectation === 'unexpected' && !input.rapidResponse) throw new FieldProblem('rapidResponse', 'Select whether a joint agency response was held');
  if (input.rapidResponseOn) {
    notFuture(input.rapidResponseOn, 'rapidResponseOn', 'The date of the joint agency response');
    if (input.rapidResponseOn < input.diedOn) throw new FieldProblem('rapidResponseOn', 'The joint agency response cannot be before the death');
  }
}

/** What is stored of the notification: a rapid response belongs only to an unexpected death, its date only to one held. */
export function notificationColumns(input: NotificationInput) {
  const rapid = input.expectation === 'unexpected' ? input.rapidResponse : null;
  return {
    died_on: input.diedOn, time_of_death: input.timeOfDeath, place: input.place, place_detail: input.placeDetail, expectation: input.expectation,
    rapid_response: rapid, rapid_response_on: rapid === 'held' ? input.rapidResponseOn : null,
    notified_on: input.notifiedOn, notifying_agency: input.notifyingAgency, notifier_name: input.notifierName, circumstances: input.circumstances,
  };
}

export interface NewNotification extends NotificationInput {
  childId: string;
  idempotencyKey: string;
}

/**
 * Records a child's death notified to the panel. The panel's agency becomes involved with the child (so the
 * manager can open the child's record) until the review is complete, and the child's chronology says only that
 * the death was notified for review. One case a child: a second notification is refused.
 */
export async function notifyDeath(ctx: RequestContext, input: NewNotification): Promise<string> {
  authorise(ctx, 'cdop.work');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: CDOP_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!(await mayPickPerson(ctx, input.childId))) throw new FieldProblem('child', 'Choose the child who died');
  const child = await personHeading(ctx, input.childId);
  if (child.personType !== 'child' || !child.dateOfBirth) throw new FieldProblem('child', 'The panel reviews the deaths of children born alive: choose a child with a date of birth');
  if (await repo.caseOfChild(ctx.db, input.childId)) throw new FieldProblem('child', 'A death has already been notified for this child: open it from the list of child deaths');
  checkNotification(input, child.dateOfBirth);
  const decision = await authorisePerson(ctx, input.childId, 'cdop.work', { audit: false });
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertCase(trx, { id, child_id: input.childId, ...notificationColumns(input), created_by: ctx.actor.id });
    await repo.recordDateOfDeath(trx, input.childId, input.diedOn);
    await repo.involve(trx, { caseId: id, childId: input.childId, agencyId: ctx.actor.agencyId, startDate: input.notifiedOn, createdBy: ctx.actor.id });
    await chronicle(trx, ctx, input.childId, 'cdop.notified', CHILD_CHRONOLOGY_SUMMARY, { type: CDOP_RECORD, id });
    await auditChange(trx, ctx, 'cdop.notify', input.childId, decision);
  });
  return result.id;
}
