import { authorise, authorisePerson, loadPersonScope, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { financialYearLabel, financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { fullName } from '../people/names.ts';
import { personHeading } from '../people/service.ts';
import { END_REASONS } from './labels.ts';
import * as repo from './repository.ts';
import { ageOn, isDisabled, FIRST_VISIT_WORKING_DAYS, visitClock } from './rules.ts';
import { arrangementFor } from './service.ts';
import type { EndReason } from './tables.ts';

const clockOf = (row: repo.ArrangementRow, lastVisit: string | null, today: string) =>
  visitClock({ notifiedOn: row.notified_on, startDate: row.start_date, endedOn: row.ended_on }, lastVisit, today);

/** The notification form: the child, whether they are disabled, and the adults linked to them. */
export async function notificationForm(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'socialcare.work');
  const [heading, facts, adults, arrangements] = await Promise.all([personHeading(ctx, personId), repo.childFacts(ctx.db, personId), repo.linkedAdults(ctx.db, personId), repo.arrangementsOfPerson(ctx.db, personId)]);
  return {
    heading,
    disabled: isDisabled(facts?.disabilities ?? []),
    adults: adults.map((a) => ({ id: a.id, name: fullName(a) })),
    current: arrangements.find((a) => !a.ended_on) ?? null,
  };
}

/** Everything about one arrangement: the child, carers, visits with their clock, assessment, who decided. */
export async function arrangementPage(ctx: RequestContext, id: string, today = ukToday()) {
  const { row } = await arrangementFor(ctx, id);
  const [heading, carers, visits, scope] = await Promise.all([personHeading(ctx, row.person_id), repo.carersOf(ctx.db, [id]), repo.visitsOf(ctx.db, [id]), loadPersonScope(ctx, row.person_id)]);
  const names = await repo.userNames(ctx.db, [row.decided_by, row.confirmed_by]);
  const mayConfirm = Boolean(scope) && can(ctx.actor, 'socialcare.authorise', { kind: 'case', case: { person: scope!, teamUserIds: [] } }).allowed;
  return {
    row,
    heading,
    carers,
    visits: visits.map((v) => ({ ...v, onTime: v.visit_date <= v.due_on })),
    clock: clockOf(row, visits[0]?.visit_date ?? null, today),
    firstVisitDue: addWorkingDays(row.notified_on, FIRST_VISIT_WORKING_DAYS),
    notifiedBefore: row.notified_on <= row.start_date,
    started: row.start_date <= today,
    decidedBy: row.decided_by ? (names.get(row.decided_by) ?? null) : null,
    confirmedBy: row.confirmed_by ? (names.get(row.confirmed_by) ?? null) : null,
    mayConfirm,
  };
}

/** The arrangement and child for a form on it (authorised as the form's action). */
export async function arrangementForm(ctx: RequestContext, id: string, action: 'socialcare.work' | 'socialcare.authorise' = 'socialcare.work') {
  const { row } = await arrangementFor(ctx, id, action);
  return { row, heading: await personHeading(ctx, row.person_id) };
}

export type ListShow = 'current' | 'ended' | 'overdue';

/** The private fostering list: current (or ended) arrangements with the next visit and its clock. */
export async function arrangementList(ctx: RequestContext, show: ListShow, today = ukToday()) {
  authorise(ctx, 'socialcare.list');
  const rows = await repo.arrangementsWithChildren(ctx.db, { ended: show === 'ended' });
  const ids = rows.map((r) => r.id);
  const [visits, carers, visible] = await Promise.all([repo.visitsOf(ctx.db, ids), repo.carersOf(ctx.db, ids), viewablePeople(ctx, rows.map((r) => r.person_id))]);
  const items = rows.map((r) => {
    const last = visits.find((v) => v.arrangement_id === r.id)?.visit_date ?? null;
    const shown = visible.has(r.person_id);
    return {
      id: r.id,
      visible: shown,
      name: shown ? fullName(r) : 'A child you cannot see',
      age: shown && r.date_of_birth ? ageOn(r.date_of_birth, today) : null,
      carers: shown ? carers.filter((c) => c.arrangement_id === r.id).map((c) => c.name).join(', ') : '',
      notifiedOn: r.notified_on,
      startDate: r.start_date,
      lastVisit: last,
      clock: clockOf(r, last, today),
      decision: r.decision,
      confirmed: Boolean(r.confirmed_by),
      endedOn: r.ended_on,
      endReason: r.end_reason,
    };
  });
  return show === 'overdue' ? items.filter((i) => i.clock?.status === 'overdue') : items;
}

/**
 * The figures a partnership reports for a financial year, worked out from the records: notifications (before or
 * after the arrangement began), new arrangements, first visits within 7 working days, visits on time,
 * assessments completed, arrangements ended by reason, and those open at the year's end.
 */
export async function annualFigures(ctx: RequestContext, year: number) {
  authorise(ctx, 'socialcare.list');
  const { from, to } = financialYearRange(year);
  const rows = await repo.arrangementsDuring(ctx.db, from, to);
  const visits = await repo.visitsOf(ctx.db, rows.map((r) => r.id));
  const within = (d: string | null) => Boolean(d && d >= from && d <= to);
  const notified = rows.filter((r) => within(r.notified_on));
  const firstVisits = notified.map((r) => visits.filter((v) => v.arrangement_id === r.id).map((v) => v.visit_date).sort()[0] ?? null);
  const firstDue = (r: repo.ArrangementRow) => addWorkingDays(r.notified_on, FIRST_VISIT_WORKING_DAYS);
  const visitsInYear = visits.filter((v) => within(v.visit_date));
  const ended = rows.filter((r) => within(r.ended_on));
  const byReason = Object.entries(END_REASONS).map(([reason, label]) => ({ reason, label, count: ended.filter((r) => r.end_reason === (reason as EndReason)).length }));
  return {
    year,
    label: financialYearLabel(year),
    notifications: notified.length,
    notifiedBefore: notified.filter((r) => r.notified_on <= r.start_date).length,
    notifiedAfter: notified.filter((r) => r.notified_on > r.start_date).length,
    newArrangements: rows.filter((r) => within(r.start_date > r.notified_on ? r.start_date : r.notified_on) && r.start_date <= (r.ended_on ?? to)).length,
    firstVisitsWithin: notified.filter((r, i) => firstVisits[i] && firstVisits[i]! <= firstDue(r)).length,
    firstVisitsLate: notified.filter((r, i) => firstVisits[i] && firstVisits[i]! > firstDue(r)).length,
    firstVisitsNone: firstVisits.filter((d) => !d).length,
    visits: visitsInYear.length,
    visitsOnTime: visitsInYear.filter((v) => v.visit_date <= v.due_on).length,
    assessments: rows.filter((r) => within(r.decision_on)).length,
    ended: ended.length,
    byReason,
    openAtYearEnd: rows.filter((r) => r.notified_on <= to && (!r.ended_on || r.ended_on > to)).length,
  };
}

/** The financial years offered on the figures page: this one and the five before it. */
export async function yearsAvailable(ctx: RequestContext, today = ukToday()) {
  authorise(ctx, 'socialcare.list');
  const current = financialYearStart(today);
  const years = [];
  for (let y = current; y >= current - 5; y -= 1) years.push({ year: y, label: financialYearLabel(y) });
  return years;
}
