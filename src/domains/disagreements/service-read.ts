import { authorise, authorisePerson, mayViewPerson, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personHeading } from '../people/service.ts';
import { mayStep, relationOf, STEPS } from './access.ts';
import { stageClock, timeTaken } from './clocks.ts';
import { DISAGREEMENT_MACHINE, STAGES, stateOf } from './labels.ts';
import * as repo from './repository.ts';
import { auditDisagreement, disagreementFor } from './service.ts';

/**
 * The child it concerns, named only to someone who may open their record (and audited as a read of it); anyone
 * else learns only that a child is linked.
 */
async function childShown(ctx: RequestContext, personId: string | null) {
  if (!personId) return null;
  if (!(await mayViewPerson(ctx, personId))) return { hidden: true as const };
  await authorisePerson(ctx, personId, 'person.view');
  const h = await personHeading(ctx, personId);
  return { hidden: false as const, id: h.id, name: `${h.givenName} ${h.familyName}`, dateOfBirth: h.dateOfBirth };
}

/** The disagreement page: who raised it, about whom, its stage and clock, every step, and what the reader may do next. */
export async function disagreementPage(ctx: RequestContext, id: string) {
  const { row, relation } = await disagreementFor(ctx, id);
  await auditDisagreement(ctx.db, ctx, 'disagreements.view', id);
  const today = ukToday();
  const agencies = new Map((await repo.agencies(ctx.db)).map((a) => [a.id, a.name]));
  const steps = await repo.stepsOf(ctx.db, id);
  return {
    row,
    relation,
    state: stateOf(row),
    stateLabel: DISAGREEMENT_MACHINE.labels[stateOf(row)],
    stageLabel: STAGES[row.stage]!.label,
    raisedBy: (await repo.userName(ctx.db, row.raised_by)) ?? 'Unknown',
    raisingAgency: agencies.get(row.raised_by_agency) ?? '',
    aboutAgency: agencies.get(row.about_agency) ?? '',
    child: await childShown(ctx, row.person_id),
    clock: stageClock(row, today),
    taken: timeTaken(row, today),
    steps,
    allowed: STEPS.filter((s) => mayStep(ctx.actor, row, s)),
  };
}

/** A disagreement for a step form: its heading facts and the reader's part. Audited as a read of the record. */
export async function formDisagreement(ctx: RequestContext, id: string) {
  const { row } = await disagreementFor(ctx, id);
  await auditDisagreement(ctx.db, ctx, 'disagreements.view', id);
  const agencies = new Map((await repo.agencies(ctx.db)).map((a) => [a.id, a.name]));
  return { row, state: stateOf(row), stageLabel: STAGES[row.stage]!.label, aboutAgency: agencies.get(row.about_agency) ?? '', raisingAgency: agencies.get(row.raised_by_agency) ?? '', allowed: STEPS.filter((s) => mayStep(ctx.actor, row, s)) };
}

export type ListView = 'mine' | 'agency' | 'all';
export type ListStatus = 'open' | 'closed' | 'all';

/** The views a reader may choose: their own, their agency's (raised by or about it), and everything for the business unit. */
export function viewsFor(ctx: RequestContext): ListView[] {
  const raises = can(ctx.actor, 'disagreements.raise').allowed;
  const oversees = can(ctx.actor, 'disagreements.manage').allowed;
  return [...(raises ? (['mine', 'agency'] as const) : []), ...(oversees ? (['all'] as const) : [])];
}

/**
 * The list. "My agency's" shows a manager every disagreement raised by or about their agency, and a practitioner
 * the ones about it (they answer them) plus their own. No child is named, so the list itself is not a person read.
 */
export async function disagreementList(ctx: RequestContext, view: ListView, status: ListStatus) {
  authorise(ctx, 'disagreements.view');
  const views = viewsFor(ctx);
  const chosen = views.includes(view) ? view : views[0]!;
  const scope: repo.ListScope = chosen === 'mine' ? { kind: 'mine', userId: ctx.actor.id } : chosen === 'agency' ? { kind: 'agency', agencyId: ctx.actor.agencyId } : { kind: 'all' };
  const today = ukToday();
  const rows = (await repo.listDisagreements(ctx.db, scope, status)).filter((r) => relationOf(ctx.actor, r).sees);
  return {
    view: chosen,
    views,
    rows: rows.map((r) => ({ ...r, stateLabel: DISAGREEMENT_MACHINE.labels[stateOf(r)], clock: stageClock(r, today), taken: timeTaken(r, today) })),
  };
}
