import { uuidv7 } from 'uuidv7';
import { auditChange, authorisePerson, loadPersonScope, mayViewPerson, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { HOW_FOR_CHRONOLOGY } from './labels.ts';
import * as repo from './repository.ts';
import type { ViewsInput } from './schema.ts';

/**
 * The child's own views on their record. Reading them is a view of the record (`person.view`, audited); recording
 * them is `voice.record`, for those who may see the record and do casework. The chronology says how the views were
 * heard, never what was said nor who else was there.
 */

export async function viewsPage(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'person.view');
  const [heading, views, scope] = await Promise.all([personHeading(ctx, personId), repo.viewsOf(ctx.db, personId), loadPersonScope(ctx, personId)]);
  return { heading, views, mayRecord: Boolean(scope) && can(ctx.actor, 'voice.record', { kind: 'person', person: scope! }).allowed };
}

/** The form: whoever may record the child's views. Audited as a view of the record. */
export async function viewsForm(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'voice.record');
  return { heading: await personHeading(ctx, personId) };
}

/**
 * The latest views for another capability's page about the child (a child protection plan or conference, an early
 * help case): that page has already authorised and audited its own view of the child, so this only checks that the
 * viewer may see the record, and shows nothing otherwise.
 */
export async function latestChildsViews(ctx: RequestContext, personId: string): Promise<repo.ViewsRow | null> {
  if (!(await mayViewPerson(ctx, personId))) return null;
  return (await repo.viewsOf(ctx.db, personId, 1))[0] ?? null;
}

export async function recordChildsViews(ctx: RequestContext, personId: string, input: ViewsInput & { idempotencyKey: string }): Promise<{ id: string; replayed: boolean }> {
  const decision = await authorisePerson(ctx, personId, 'voice.record', { audit: false });
  const heading = await personHeading(ctx, personId);
  if (input.recordedOn > ukToday()) throw new FieldProblem('recordedOn', 'The date must be today or in the past');
  if (heading.dateOfBirth && input.recordedOn < heading.dateOfBirth) throw new FieldProblem('recordedOn', 'The date must be on or after the child’s date of birth');
  const id = uuidv7();
  return once(ctx.db, { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'child_views', resourceId: id }, async (trx) => {
    await repo.insertViews(trx, {
      id,
      person_id: personId,
      recorded_on: input.recordedOn,
      in_their_words: input.inTheirWords,
      captured_how: input.capturedHow,
      captured_other: input.capturedOther,
      feel_home: input.feelHome,
      feel_school: input.feelSchool,
      feel_plan: input.feelPlan,
      wants: input.wants,
      created_by: ctx.actor.id,
    });
    await chronicle(trx, ctx, personId, 'child.views_recorded', `The child’s views recorded (${HOW_FOR_CHRONOLOGY[input.capturedHow]})`, { type: 'child_views', id });
    await auditChange(trx, ctx, 'voice.record', personId, decision);
  });
}
