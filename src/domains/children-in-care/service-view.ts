import { authorise, authorisePerson, loadPersonScope, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { careLeaverOfPerson } from '../care-leavers/service-record.ts';
import { allocations } from '../casework/service.ts';
import { personHeading } from '../people/service.ts';
import { leavingEligibility } from './eligibility.ts';
import * as repo from './repository.ts';
import { summarise } from './summary.ts';

/** What the care pages and the API read: a period, a child's periods, and the children in care list. */

/** What the reader may do on a child's care record (decided without auditing: the page view is audited). */
async function permissions(ctx: RequestContext, personId: string, iroId: string | null) {
  const scope = await loadPersonScope(ctx, personId);
  if (!scope) throw new NotFoundError();
  const onCase = (action: 'socialcare.work' | 'socialcare.chair') => can(ctx.actor, action, { kind: 'case', case: { person: scope, teamUserIds: iroId ? [iroId] : [] } }).allowed;
  return { work: onCase('socialcare.work'), chair: onCase('socialcare.chair') };
}

/** One period of care as its page shows it. Audited as a view of the child's record. */
export async function periodView(ctx: RequestContext, periodId: string, today = ukToday()) {
  const period = await repo.findPeriod(ctx.db, periodId);
  if (!period) throw new NotFoundError();
  await authorisePerson(ctx, period.person_id, 'person.view');
  const [summary] = await summarise(ctx.db, [period], today);
  const [heading, iroName, reviews, checks, allPeriods, allocation, may, history] = await Promise.all([
    personHeading(ctx, period.person_id),
    repo.userName(ctx.db, period.iro_id),
    repo.reviewsOfPeriods(ctx.db, [period.id]),
    repo.checksOfPeriods(ctx.db, [period.id]),
    repo.periodsOf(ctx.db, period.person_id),
    allocations(ctx.db, [period.person_id]),
    permissions(ctx, period.person_id, period.iro_id),
    repo.episodesOfPerson(ctx.db, period.person_id),
  ]);
  const last = summary!.episodes.at(-1)!;
  const eligibility = period.end_date
    ? leavingEligibility({
        dateOfBirth: summary!.dateOfBirth,
        leavingDate: period.end_date,
        reason: last.reason_ceased ?? '',
        episodes: history.filter((e) => e.start_date <= period.end_date!).map((e) => ({ startDate: e.start_date, endDate: e.end_date, legalStatus: e.legal_status })),
      })
    : null;
  // A young person who left care eligible has a care leaver record: the page links to it.
  const leaver = eligibility ? await careLeaverOfPerson(ctx, period.person_id) : null;
  return {
    summary: summary!,
    heading,
    careLeaverHref: leaver ? `/care-leavers/${leaver.id}` : null,
    iroName,
    reviews,
    checks: [...checks].reverse(),
    otherPeriods: allPeriods.filter((p) => p.id !== period.id),
    worker: allocation.get(period.person_id) ?? null,
    permissions: may,
    eligibility,
  };
}
export type PeriodView = Awaited<ReturnType<typeof periodView>>;

/** A child's periods of care, newest first, with their episodes and reviews (the API and the child's care page). */
export async function personCare(ctx: RequestContext, personId: string, today = ukToday()) {
  await authorisePerson(ctx, personId, 'person.view');
  const periods = await repo.periodsOf(ctx.db, personId);
  const [summaries, heading, may] = await Promise.all([summarise(ctx.db, periods, today), personHeading(ctx, personId), permissions(ctx, personId, null)]);
  return { heading, periods: summaries, permissions: may };
}

/**
 * The children in care list: every open period, with the worker who holds the case, optionally only one
 * worker's. Names are shown only to those who may see each child (restricted records are "a child you cannot see").
 */
export async function childrenInCare(ctx: RequestContext, filter: { workerId: string | null }, today = ukToday()) {
  authorise(ctx, 'socialcare.list');
  const open = await repo.openPeriods(ctx.db);
  const held = await allocations(
    ctx.db,
    open.map((p) => p.person_id),
  );
  const chosen = filter.workerId ? open.filter((p) => held.get(p.person_id)?.workerId === filter.workerId) : open;
  const [summaries, visible] = await Promise.all([
    summarise(ctx.db, chosen, today),
    viewablePeople(
      ctx,
      chosen.map((p) => p.person_id),
    ),
  ]);
  const names = new Map(open.map((p) => [p.person_id, `${p.given_name} ${p.family_name}`]));
  const workers = [...new Map([...held.values()].map((a) => [a.workerId, a.workerName])).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    workers,
    rows: summaries.map((s) => ({
      ...s,
      name: visible.has(s.period.person_id) ? names.get(s.period.person_id)! : null,
      worker: held.get(s.period.person_id)?.workerName ?? null,
      healthDue: s.checks.filter((c) => c.status !== 'on_track').sort((a, b) => a.due.localeCompare(b.due)),
    })),
  };
}
