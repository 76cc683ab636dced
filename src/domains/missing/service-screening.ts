import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { ExploitationLevel } from '../../db/types-social-care.ts';
import { auditChange, authoriseCase, type RequestContext } from '../../platform/access/authorise.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { createReferral, FieldError, listPanels } from '../panels/service.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { EXPLOITATION_INDICATORS, EXPLOITATION_KIND_KEYS, EXPLOITATION_KINDS, EXPLOITATION_LEVELS } from './labels.ts';
import { MomentProblem } from './service.ts';
import * as repo from './repository.ts';
import type { ScreeningInput } from './schema.ts';

export const SCREENING_RECORD = 'exploitation_screening';

/** The form field that rates each kind of exploitation. */
const FIELD_OF_KIND = { sexual_exploitation: 'sexualExploitation', criminal_exploitation: 'criminalExploitation', trafficking: 'trafficking' } as const;

const concerning = (level: ExploitationLevel) => level === 'medium' || level === 'high';

/** A screening at medium or high on any kind of exploitation goes to the MET hub (missing, exploited, trafficked). */
export const needsMetHub = (s: Pick<ScreeningInput, 'sexualExploitation' | 'criminalExploitation' | 'trafficking'>) =>
  concerning(s.sexualExploitation) || concerning(s.criminalExploitation) || concerning(s.trafficking);

/** Screening is social care work on the child's case: any children's social care practitioner or manager. */
const authoriseScreening = (ctx: RequestContext, personId: string, options: { audit?: boolean } = {}) => authoriseCase(ctx, personId, [], 'socialcare.work', options);

export async function screeningForm(ctx: RequestContext, personId: string) {
  await authoriseScreening(ctx, personId);
  const [heading, history, metHub] = await Promise.all([personHeading(ctx, personId), repo.screeningsOf(ctx.db, personId), metHubPanel(ctx)]);
  return { heading, latest: history[0] ?? null, metHub };
}

async function metHubPanel(ctx: RequestContext) {
  const { panels } = await listPanels(ctx);
  return panels.find((p) => p.kind === 'met_hub' && p.active) ?? null;
}

export function screeningProblems(input: Pick<ScreeningInput, 'screenedOn' | 'reviewDue' | 'referToMetHub'> & Parameters<typeof needsMetHub>[0], today = ukToday()): MomentProblem[] {
  const problems: MomentProblem[] = [];
  if (input.screenedOn > today) problems.push(new MomentProblem('screenedOn', 'The date of the screening must be today or in the past'));
  if (input.reviewDue && input.reviewDue <= input.screenedOn) problems.push(new MomentProblem('reviewDue', 'The review date must be after the screening'));
  if (needsMetHub(input) && !input.referToMetHub) problems.push(new MomentProblem('referToMetHub', 'Select whether to refer the child to the MET hub'));
  return problems;
}

/**
 * Records an exploitation screening; its review falls due 3 months on unless the worker chose a date. When any
 * level is medium or high and the worker asks, the child is referred to the MET hub through the panels service
 * (its own transaction, with its own checks: one open referral per child per panel), and the screening names it.
 */
export async function recordScreening(ctx: RequestContext, personId: string, input: ScreeningInput & { idempotencyKey: string | null }): Promise<{ id: string; referralId: string | null }> {
  const decision = await authoriseScreening(ctx, personId, { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: SCREENING_RECORD } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, referralId: null };
  const [problem] = screeningProblems(input);
  if (problem) throw problem;
  let referralId: string | null = null;
  if (needsMetHub(input) && input.referToMetHub === 'yes') {
    const panel = await metHubPanel(ctx);
    if (!panel) throw new MomentProblem('referToMetHub', 'There is no MET hub panel open to referrals. Ask an administrator, or select no.');
    const issues = EXPLOITATION_KIND_KEYS.filter((k) => concerning(input[FIELD_OF_KIND[k]])).map((k) => EXPLOITATION_KINDS[k].panelIssue as string);
    if (input.indicators.includes('going_missing')) issues.push('missing');
    try {
      referralId = await createReferral(ctx, personId, panel.id, {
        route: 'social_care',
        presentingIssues: issues,
        reason: `Exploitation screening on ${formatDate(input.screenedOn)}: ${levelsText(input)}. ${input.summary}`.slice(0, 5000),
        idempotencyKey: uuidv7(),
      });
    } catch (error) {
      if (error instanceof FieldError) throw new MomentProblem('referToMetHub', error.message);
      throw error;
    }
  }
  const reviewDue = input.reviewDue || dueDate('exploitationReview', input.screenedOn);
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertScreening(trx, {
      id,
      person_id: personId,
      screened_on: input.screenedOn,
      sexual_exploitation: input.sexualExploitation,
      criminal_exploitation: input.criminalExploitation,
      trafficking: input.trafficking,
      indicators: input.indicators,
      summary: input.summary,
      review_due: reviewDue,
      panel_referral_id: referralId,
      created_by: ctx.actor.id,
    });
    const referred = referralId ? ' Referred to the MET hub.' : '';
    await chronicle(trx, ctx, personId, 'exploitation.screened', `Exploitation screening: ${levelsText(input)}. Review due ${formatDate(reviewDue)}.${referred}`, { type: SCREENING_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', personId, decision);
  };
  if (claim) await once(ctx.db, { ...claim, resourceId: id }, write);
  else await ctx.db.transaction().execute(write);
  return { id, referralId };
}


/** "sexual exploitation low, criminal exploitation medium, trafficking none". */
export function levelsText(s: Pick<ScreeningInput, 'sexualExploitation' | 'criminalExploitation' | 'trafficking'>): string {
  const parts = [
    ['sexual exploitation', s.sexualExploitation],
    ['criminal exploitation', s.criminalExploitation],
    ['trafficking', s.trafficking],
  ] as const;
  return parts.map(([name, level]) => `${name} ${EXPLOITATION_LEVELS[level].name.toLowerCase()}`).join(', ');
}

export const indicatorLabels = (codes: readonly string[]) => codes.map((c) => EXPLOITATION_INDICATORS[c] ?? c);
