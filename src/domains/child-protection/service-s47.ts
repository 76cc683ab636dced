import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { recordFor, staleRecord } from './access.ts';
import { missingExpectedAgencies, section47Machine, section47State, SECTION_47_OUTCOMES } from './model.ts';
import * as repo from './repository.ts';
import type { Section47Input } from './schema.ts';

/** A section 47 enquiry with the strategy discussion that started it and the conference it led to. Audited as a view. */
export async function section47Page(ctx: RequestContext, id: string) {
  const { row } = await recordFor(ctx, () => repo.findSection47(ctx.db, id), 'socialcare.work');
  const [strategy, attendance, conferences, chairs, heading] = await Promise.all([
    repo.findStrategy(ctx.db, row.strategy_id),
    repo.attendanceOf(ctx.db, 'strategy', [row.strategy_id]),
    repo.conferencesOf(ctx.db, row.person_id),
    repo.conferenceChairs(ctx.db),
    personHeading(ctx, row.person_id),
  ]);
  const conference = conferences.find((c) => c.section_47_id === row.id) ?? null;
  const names = await repo.userNames(ctx.db, [conference?.chair_id ?? null]);
  const absent = missingExpectedAgencies(attendance.filter((a) => a.attended).map((a) => a.agency_kind ?? ''));
  return { row, state: section47State(row), absent, clockStatus: clockStatus(row.icpc_target, ukToday()), strategy: strategy!, attendance, conference, conferenceChair: conference?.chair_id ? (names.get(conference.chair_id) ?? null) : null, chairs, heading };
}

export function section47Problems(row: { start_date: string }, input: Pick<Section47Input, 'completedDate'>, today = ukToday()) {
  const problems: { field: string; message: string }[] = [];
  if (input.completedDate > today) problems.push({ field: 'completedDate', message: 'The date the enquiry was completed must be today or in the past' });
  else if (input.completedDate < row.start_date) problems.push({ field: 'completedDate', message: `The date the enquiry was completed must be on or after it started (${formatDate(row.start_date)})` });
  return problems;
}

/**
 * Records the enquiry's findings and outcome. "Conference" schedules the initial child protection conference,
 * due by the enquiry's target (15 working days from the strategy discussion); when the child is already on a plan
 * the conference is a review of that plan brought forward to the same date.
 */
export async function recordSection47Outcome(ctx: RequestContext, id: string, input: Section47Input): Promise<{ conferenceId: string | null }> {
  const { row, decision } = await recordFor(ctx, () => repo.findSection47(ctx.db, id), 'socialcare.work', { audit: false });
  section47Machine.assert(section47State(row), 'completed');
  if (row.version !== input.version) throw staleRecord('section 47 enquiry');
  const problems = section47Problems(row, input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateSection47AtVersion(trx, id, input.version, { findings: input.findings, outcome: input.outcome, completed_date: input.completedDate });
    if (!saved) throw staleRecord('section 47 enquiry');
    await chronicle(trx, ctx, row.person_id, 's47.completed', `Section 47 enquiry completed on ${formatDate(input.completedDate)}: ${SECTION_47_OUTCOMES[input.outcome].toLowerCase()}`, { type: 'section_47', id });
    let conferenceId: string | null = null;
    if (input.outcome === 'conference') {
      const plan = await repo.openPlanOf(trx, row.person_id);
      conferenceId = (
        await repo.insertConference(trx, {
          episode_id: row.episode_id,
          person_id: row.person_id,
          kind: plan ? 'review' : 'initial',
          section_47_id: id,
          plan_id: plan?.id ?? null,
          due_date: row.icpc_target,
          chair_id: input.chairId,
          created_by: ctx.actor.id,
        })
      ).id;
      const what = plan ? 'Review child protection conference (brought forward)' : 'Initial child protection conference';
      await chronicle(trx, ctx, row.person_id, 'conference.scheduled', `${what} to be held by ${formatDate(row.icpc_target)}`, { type: 'cp_conference', id: conferenceId });
    }
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
    return { conferenceId };
  });
}
