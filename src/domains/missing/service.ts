import { openCarePeriod } from '../children-in-care/service.ts';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authoriseCase, authorisePerson, loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { type Action, can } from '../../platform/access/rules.ts';
import { dueMoment } from '../../platform/calendar/timescales.ts';
import { BadRequestError, ConflictError, FieldProblem, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDateTime } from '../../platform/views/format.ts';
import { allocations } from '../casework/service.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { foundPlaceFor, recordFoundAt } from '../outside-home/places-incidents.ts';
import { MISSING_KINDS, RISK_LEVELS } from './labels.ts';
import { MISSING_MACHINE, type MissingState, stateOf } from './machine.ts';
import * as repo from './repository.ts';
import type { CompleteInput, ReportInput, ReturnInput } from './schema.ts';

export const EPISODE_RECORD = 'missing_episode';

export class AlreadyMissingError extends HttpError {
  constructor(since: Date) {
    super(409, 'This child is already recorded as missing', `This child has been recorded as missing since ${formatDateTime(since)}. Record their return on that episode before reporting a new one.`);
  }
}

/** A moment the form or API gave that does not fit the episode: shown beside the field it belongs to. */
export class MomentProblem extends BadRequestError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const staleEpisode = () => new ConflictError('Someone else recorded a step on this missing episode while you were filling in the form. Nothing you entered has been saved.');

/** The worker who holds the child's case is named on the episode's work (may record the interview). */
async function interviewTeam(db: Kysely<Database>, personId: string): Promise<string[]> {
  const holder = (await allocations(db, [personId])).get(personId);
  return holder ? [holder.workerId] : [];
}

/**
 * An episode for a step: missing.report (anyone who can see the child: police, school, social care) records the
 * return; missing.interview (social care, early help, the allocated worker) the interview steps.
 */
export async function episodeForStep(ctx: RequestContext, episodeId: string, action: Extract<Action, 'missing.report' | 'missing.interview'>, options: { audit?: boolean } = {}) {
  const row = await repo.findEpisode(ctx.db, episodeId);
  if (!row) throw new NotFoundError();
  const decision =
    action === 'missing.report'
      ? await authorisePerson(ctx, row.person_id, action, options)
      : await authoriseCase(ctx, row.person_id, await interviewTeam(ctx.db, row.person_id), action, options);
  return { row, decision, state: stateOf(row) };
}

/** What the reader may do with a child's missing episodes, decided without auditing (to offer the buttons). */
export async function mayDo(ctx: RequestContext, personId: string) {
  const scope = await loadPersonScope(ctx, personId);
  if (!scope) return { report: false, interview: false, screen: false };
  const team = await interviewTeam(ctx.db, personId);
  return {
    report: can(ctx.actor, 'missing.report', { kind: 'person', person: scope }).allowed,
    interview: can(ctx.actor, 'missing.interview', { kind: 'case', case: { person: scope, teamUserIds: team } }).allowed,
    screen: can(ctx.actor, 'socialcare.work', { kind: 'case', case: { person: scope, teamUserIds: [] } }).allowed,
  };
}

/** The report form: the child (audited as a view), the agencies, and whether they are missing already. */
export async function reportForm(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'missing.report');
  const [heading, agencies, open] = await Promise.all([personHeading(ctx, personId), repo.activeAgencies(ctx.db), repo.openEpisodeOf(ctx.db, personId)]);
  return { heading, agencies, open: open ?? null };
}

export function reportProblems(input: Pick<ReportInput, 'startedAt' | 'reportedAt'>, now = new Date()): MomentProblem[] {
  const problems: MomentProblem[] = [];
  if (input.startedAt > now) problems.push(new MomentProblem('startedAt', 'When they went missing must be in the past'));
  if (input.reportedAt > now) problems.push(new MomentProblem('reportedAt', 'When it was reported must be in the past'));
  else if (input.reportedAt < input.startedAt) problems.push(new MomentProblem('reportedAt', 'When it was reported must be the same as or after when they went missing'));
  return problems;
}

/**
 * Reports a child missing or absent. One open episode per child (the database keeps it so, even under a race).
 * Whether the child is in care is fixed at the report, as the 903 counts it. A repeated submission is one episode.
 */
export async function reportMissing(ctx: RequestContext, personId: string, input: ReportInput & { idempotencyKey: string | null }): Promise<{ id: string; replayed: boolean }> {
  const decision = await authorisePerson(ctx, personId, 'missing.report', { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: EPISODE_RECORD } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  const heading = await personHeading(ctx, personId);
  if (heading.personType !== 'child') throw new BadRequestError('Only a child can be reported missing here. Report an adult missing to the police.');
  const [problem] = reportProblems(input);
  if (problem) throw problem;
  const open = await repo.openEpisodeOf(ctx.db, personId);
  if (open) throw new AlreadyMissingError(open.started_at);
  const inCare = (await openCarePeriod(ctx.db, personId)) !== null;
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertEpisode(trx, {
      id,
      person_id: personId,
      kind: input.kind,
      started_at: input.startedAt,
      reported_at: input.reportedAt,
      reported_by_agency_id: input.reportedByAgencyId,
      risk_level: input.riskLevel,
      circumstances: input.circumstances,
      in_care: inCare,
      created_by: ctx.actor.id,
    });
    const kind = MISSING_KINDS[input.kind].name.split(' (')[0]!.toLowerCase();
    await chronicle(trx, ctx, personId, 'missing.reported', `Reported ${kind} since ${formatDateTime(input.startedAt)} (risk ${RISK_LEVELS[input.riskLevel].name.toLowerCase()})`, { type: EPISODE_RECORD, id });
    await auditChange(trx, ctx, 'missing.report', personId, decision);
  };
  try {
    if (claim) return await once(ctx.db, { ...claim, resourceId: id }, write);
    await ctx.db.transaction().execute(write);
    return { id, replayed: false };
  } catch (error) {
    // Someone else reported the child missing between our check and our insert (the open-episode index).
    const now = await repo.openEpisodeOf(ctx.db, personId);
    if (now && now.id !== id) throw new AlreadyMissingError(now.started_at);
    throw error;
  }
}

type Step = { row: repo.EpisodeRow; decision: Awaited<ReturnType<typeof episodeForStep>>['decision']; state: MissingState };

/** Saves one step of the machine at the version read, with its chronology and audit, in one transaction. */
async function saveStep(ctx: RequestContext, step: Step, to: MissingState, version: number, changes: Parameters<typeof repo.updateEpisodeAtVersion>[3], entryType: string, summary: string, action: Action, alsoRecord?: (trx: Kysely<Database>) => Promise<void>) {
  MISSING_MACHINE.assert(step.state, to);
  if (step.row.version !== version) throw staleEpisode();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateEpisodeAtVersion(trx, step.row.id, version, changes))) throw staleEpisode();
    await chronicle(trx, ctx, step.row.person_id, entryType, summary, { type: EPISODE_RECORD, id: step.row.id });
    await auditChange(trx, ctx, action, step.row.person_id, step.decision);
    await alsoRecord?.(trx);
  });
}

function notBefore(field: string, at: Date, earlier: Date | null, message: string, now = new Date()) {
  if (at > now) throw new MomentProblem(field, 'The time must be in the past');
  if (earlier && at < earlier) throw new MomentProblem(field, message);
}

/** The child came back or was found: the 72-hour return home interview clock starts from the return. */
export async function recordReturn(ctx: RequestContext, episodeId: string, input: ReturnInput): Promise<void> {
  const step = await episodeForStep(ctx, episodeId, 'missing.report', { audit: false });
  MISSING_MACHINE.assert(step.state, 'returned');
  notBefore('returnedAt', input.returnedAt, step.row.started_at, `When they came back must be after they went missing (${formatDateTime(step.row.started_at)})`);
  const due = dueMoment('returnInterview', input.returnedAt);
  // Found at a place of concern: checked before anything is saved, recorded with the return or not at all.
  const place = input.placeId ? await foundPlaceFor(ctx, input.placeId).catch((e: unknown) => { throw e instanceof FieldProblem ? new MomentProblem(e.field, e.message) : e; }) : null;
  await saveStep(
    ctx, step, 'returned', input.version,
    { returned_at: input.returnedAt, found_where: input.foundWhere, interview_due_at: due },
    'missing.returned',
    `Returned from being missing at ${formatDateTime(input.returnedAt)}, found: ${input.foundWhere}. Return home interview due by ${formatDateTime(due)}`,
    'missing.report',
    place ? (trx) => recordFoundAt(trx, ctx, { place, episodeId: step.row.id, personId: step.row.person_id, foundAt: input.returnedAt, decision: step.decision }) : undefined,
  );
}

export async function offerInterview(ctx: RequestContext, episodeId: string, input: { offeredAt: Date; version: number }): Promise<void> {
  const step = await episodeForStep(ctx, episodeId, 'missing.interview', { audit: false });
  MISSING_MACHINE.assert(step.state, 'offered');
  notBefore('offeredAt', input.offeredAt, step.row.returned_at, `The interview must be offered after the return (${formatDateTime(step.row.returned_at)})`);
  const late = step.row.interview_due_at && input.offeredAt > step.row.interview_due_at ? ' (after the 72 hours)' : '';
  await saveStep(ctx, step, 'offered', input.version, { interview_offered_at: input.offeredAt }, 'missing.interview_offered', `Return home interview offered at ${formatDateTime(input.offeredAt)}${late}`, 'missing.interview');
}

export async function answerInterview(ctx: RequestContext, episodeId: string, input: { answer: 'accepted' | 'declined'; version: number }): Promise<void> {
  const step = await episodeForStep(ctx, episodeId, 'missing.interview', { audit: false });
  await saveStep(
    ctx, step, input.answer, input.version,
    { interview_accepted: input.answer === 'accepted' },
    `missing.interview_${input.answer}`,
    input.answer === 'accepted' ? 'Return home interview accepted' : 'Return home interview declined by the child',
    'missing.interview',
  );
}

export async function completeInterview(ctx: RequestContext, episodeId: string, input: CompleteInput): Promise<void> {
  const step = await episodeForStep(ctx, episodeId, 'missing.interview', { audit: false });
  MISSING_MACHINE.assert(step.state, 'completed');
  notBefore('completedAt', input.completedAt, step.row.interview_offered_at, `The interview must be held after it was offered (${formatDateTime(step.row.interview_offered_at)})`);
  if (!(await repo.userName(ctx.db, input.interviewBy))) throw new MomentProblem('interviewBy', 'Select who held the interview');
  const late = step.row.interview_due_at && input.completedAt > step.row.interview_due_at ? ', after the 72 hours' : ', within 72 hours of the return';
  await saveStep(
    ctx, step, 'completed', input.version,
    {
      interview_completed_at: input.completedAt,
      interview_by: input.interviewBy,
      interview_push_factors: input.pushFactors,
      interview_pull_factors: input.pullFactors,
      interview_indicators: input.indicators,
      interview_findings: input.findings,
    },
    'missing.interview_completed',
    `Return home interview held at ${formatDateTime(input.completedAt)}${late}`,
    'missing.interview',
  );
}
