import { auditChange } from '../../platform/access/authorise.ts';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, HttpError } from '../../platform/http/errors.ts';
import { type ThresholdFramework, thresholdFramework } from '../front-door/service.ts';
import { personHeading } from '../people/service.ts';
import { caseForWork, lockOpenCase } from './access.ts';
import { chronicleCase } from './chronicle.ts';
import * as repo from './repository.ts';
import * as work from './repository-work.ts';
import type { AssessmentInput } from './schema.ts';

/** Reviews are due every 6 weeks, the first 6 weeks after the assessment is registered. */
export const REVIEW_INTERVAL_DAYS = 42;

export class AssessmentRegisteredError extends HttpError {
  constructor() {
    super(409, 'The assessment is already registered', 'This early help assessment has been registered, so it can no longer be changed. Record what has changed at the next review.');
  }
}

const staleAssessment = () =>
  new ConflictError('Someone else saved this assessment after you opened it. Nothing you entered has been saved. Open the assessment again to see their changes, then add yours.');

export interface Problem {
  field: string;
  message: string;
}

/**
 * What stops an assessment being registered: the family's consent (who and when), something in every section
 * (strengths or needs), and a summary. A draft may be saved with any of these missing.
 */
export function registrationProblems(input: AssessmentInput, framework: ThresholdFramework, today = ukToday()): Problem[] {
  const problems: Problem[] = [];
  for (const domain of framework.domains) {
    const section = input.sections.find((s) => s.domainId === domain.id);
    if (!section?.strengths && !section?.needs) problems.push({ field: `strengths-${domain.id}`, message: `Enter the strengths or needs for ${domain.name.toLowerCase()}` });
  }
  if (!input.summary) problems.push({ field: 'summary', message: 'Enter a summary of the assessment' });
  if (!input.consentGiven) problems.push({ field: 'consentGiven', message: 'Record the family’s consent before registering the assessment' });
  else {
    if (!input.consentBy) problems.push({ field: 'consentBy', message: 'Enter who gave consent' });
    if (!input.consentOn) problems.push({ field: 'consentOn', message: 'Enter the date consent was given' });
  }
  return [...problems, ...draftProblems(input, today)];
}

/** What stops even a draft being saved. */
export function draftProblems(input: AssessmentInput, today = ukToday()): Problem[] {
  return input.consentOn && input.consentOn > today ? [{ field: 'consentOn', message: 'The date consent was given must be today or in the past' }] : [];
}

/** The assessment form: the case, the framework's domains and what has been saved so far. */
export async function assessmentForm(ctx: RequestContext, caseId: string) {
  const { row } = await caseForWork(ctx, caseId, { auditView: true });
  const [heading, framework, assessment] = await Promise.all([personHeading(ctx, row.person_id), thresholdFramework(ctx.db), work.findAssessment(ctx.db, caseId)]);
  const sections = assessment ? await work.listSections(ctx.db, assessment.id) : [];
  return { row, heading, framework, assessment: assessment ?? null, sections };
}

function columns(input: AssessmentInput): work.AssessmentColumns {
  return {
    child_views: input.childViews,
    family_views: input.familyViews,
    summary: input.summary,
    consent_given: input.consentGiven,
    consent_by: input.consentGiven ? input.consentBy : null,
    consent_on: input.consentGiven ? input.consentOn : null,
  };
}

/**
 * Saves the assessment as a draft (any number of times, each naming the version it started from; the first
 * save names version 0) or registers it. Registering completes it, records who completed it for which agency,
 * and starts the review clock: the first review is due 6 weeks later.
 */
export async function saveAssessment(ctx: RequestContext, caseId: string, input: AssessmentInput, options: { register: boolean }): Promise<void> {
  const { row, decision } = await caseForWork(ctx, caseId);
  const framework = await thresholdFramework(ctx.db);
  const problems = options.register ? registrationProblems(input, framework) : draftProblems(input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  const known = new Set(framework.domains.map((d) => d.id));
  const sections = input.sections.filter((s) => known.has(s.domainId));
  const today = ukToday();
  const actor = await repo.findUser(ctx.db, ctx.actor.id);
  await ctx.db.transaction().execute(async (trx: Kysely<Database>) => {
    await lockOpenCase(trx, caseId);
    let current = await work.findAssessment(trx, caseId);
    if (current?.status === 'registered') throw new AssessmentRegisteredError();
    if (!current) {
      if (input.version !== 0) throw staleAssessment();
      const id = uuidv7();
      await work.insertAssessment(trx, { id, case_id: caseId, started_on: today, created_by: ctx.actor.id, ...columns(input) });
      await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.assessment_started', `Early help assessment started by ${actor?.name ?? 'a practitioner'} (${actor?.agency_name ?? 'an agency'})`);
      current = (await work.findAssessment(trx, caseId))!;
    } else if (!(await work.updateAssessmentAtVersion(trx, current.id, input.version, columns(input)))) {
      throw staleAssessment();
    } else {
      current = { ...current, version: current.version + 1 };
    }
    await work.replaceSections(trx, current.id, sections);
    if (options.register) {
      const registered = await work.updateAssessmentAtVersion(trx, current.id, current.version, {
        ...columns(input),
        status: 'registered',
        registered_on: today,
        completed_by: ctx.actor.id,
        completing_agency_id: ctx.actor.agencyId,
      });
      if (!registered) throw staleAssessment();
      await repo.touchCase(trx, caseId, { next_review_due: addCalendarDays(today, REVIEW_INTERVAL_DAYS) });
      await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.assessment_registered', `Early help assessment registered by ${actor?.name ?? 'a practitioner'} (${actor?.agency_name ?? 'an agency'}), with the family’s consent`);
    }
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
}
