import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { claimIdempotencyKey } from '../../platform/http/idempotency.ts';
import { stateMachine } from '../../platform/state-machine.ts';
import { STATUSES } from './labels.ts';
import * as repo from './repository.ts';
import type { QuestionInput, SurveyInput } from './schema.ts';
import type { SurveyStatus } from './tables.ts';

/**
 * The survey builder, the business manager's alone (`partnership.manage`): a survey's details and questions, opening
 * and closing it, and the batches of one-time links children answer through.
 */

export const SURVEY_STATES = stateMachine<SurveyStatus>('survey', { draft: ['open'], open: ['closed'], closed: [] }, { draft: STATUSES.draft, open: STATUSES.open, closed: STATUSES.closed });

/** A one-time link's token: 72 random bits, short enough to type from a printed list. Only its hash is kept. */
export const newToken = () => randomBytes(9).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function surveyList(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  return repo.listSurveys(ctx.db);
}

export async function loadSurvey(ctx: RequestContext, id: string) {
  const survey = await repo.findSurvey(ctx.db, id);
  if (!survey) throw new NotFoundError();
  return survey;
}

/** The builder's page: the survey, its questions, how many have answered, and its links so far. */
export async function surveyPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const survey = await loadSurvey(ctx, id);
  const [questions, responses, links] = await Promise.all([repo.questionsOf(ctx.db, id), repo.responseCount(ctx.db, id), repo.linkCounts(ctx.db, id)]);
  return { survey, questions, responses, links, questionsFixed: questionsFixed(survey.status, responses) };
}

/** Questions cannot change once anyone has answered (their answers would no longer match), nor once closed. */
export const questionsFixed = (status: SurveyStatus, responses: number) => status === 'closed' || responses > 0;

const columns = (input: SurveyInput) => ({
  title: input.title,
  audience: input.audience,
  introduction: input.introduction,
  anonymous: input.anonymous,
  opens_on: input.opensOn,
  closes_on: input.closesOn,
});

export async function createSurvey(ctx: RequestContext, input: SurveyInput, idempotencyKey: string): Promise<string> {
  authorise(ctx, 'partnership.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const id = uuidv7();
    const earlier = await claimIdempotencyKey(trx, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'survey', resourceId: id });
    if (earlier) return earlier;
    await trx.insertInto('surveys').values({ id, ...columns(input), created_by: ctx.actor.id }).execute();
    return id;
  });
}

/** A survey's details change only while it is a draft: once open, people have read them. */
export async function updateSurvey(ctx: RequestContext, id: string, input: SurveyInput & { version: number }): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const survey = await loadSurvey(ctx, id);
  if (survey.status !== 'draft') throw new StateError('A survey’s details can only be changed while it is a draft.');
  if (survey.audience !== input.audience && (await repo.linkCounts(ctx.db, id)).issued) throw new FieldProblem('audience', 'One-time links have been made for this survey, so it stays a survey of children and young people');
  if (!(await updateAtVersion(ctx.db, 'surveys', id, input.version, columns(input)))) throw new ConflictError('Someone else changed this survey while you were editing it.');
}

export async function addQuestion(ctx: RequestContext, surveyId: string, input: QuestionInput): Promise<void> {
  authorise(ctx, 'partnership.manage');
  await ctx.db.transaction().execute(async (trx) => {
    // Lock the survey so a question cannot be added as the first answer arrives, nor two take the same position.
    const survey = await trx.selectFrom('surveys').select(['status']).where('id', '=', surveyId).forUpdate().executeTakeFirst();
    if (!survey) throw new NotFoundError();
    if (questionsFixed(survey.status, await repo.responseCount(trx, surveyId))) throw new StateError('Questions cannot be changed once anyone has answered the survey, or once it has closed.');
    await trx
      .insertInto('survey_questions')
      .values({ survey_id: surveyId, position: await repo.nextPosition(trx, surveyId), kind: input.kind, text: input.text, hint: input.hint, required: input.required, options: input.options, created_by: ctx.actor.id })
      .execute();
  });
}

/** Removes a question (before any answers) and closes the gap, keeping the others in order. */
export async function removeQuestion(ctx: RequestContext, surveyId: string, questionId: string): Promise<void> {
  authorise(ctx, 'partnership.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const survey = await trx.selectFrom('surveys').select(['status']).where('id', '=', surveyId).forUpdate().executeTakeFirst();
    if (!survey) throw new NotFoundError();
    if (questionsFixed(survey.status, await repo.responseCount(trx, surveyId))) throw new StateError('Questions cannot be changed once anyone has answered the survey, or once it has closed.');
    const removed = await trx.deleteFrom('survey_questions').where('id', '=', questionId).where('survey_id', '=', surveyId).returning('position').executeTakeFirst();
    if (!removed) throw new NotFoundError();
    const later = await trx.selectFrom('survey_questions').select(['id', 'position']).where('survey_id', '=', surveyId).where('position', '>', removed.position).orderBy('position').execute();
    for (const q of later) await trx.updateTable('survey_questions').set({ position: q.position - 1, updated_at: new Date() }).where('id', '=', q.id).execute();
  });
}

/** Opens a draft with at least one question, or closes an open survey. */
export async function moveSurvey(ctx: RequestContext, id: string, to: 'open' | 'closed', version: number): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const survey = await loadSurvey(ctx, id);
  SURVEY_STATES.assert(survey.status, to);
  if (to === 'open' && !(await repo.questionsOf(ctx.db, id)).length) throw new StateError('Add at least one question before opening the survey.');
  if (to === 'open' && survey.closes_on < ukToday()) throw new StateError('The survey’s closing date has passed. Change its dates before opening it.');
  if (!(await updateAtVersion(ctx.db, 'surveys', id, version, { status: to }))) throw new ConflictError('Someone else changed this survey first.');
}

/**
 * Makes a batch of one-time links for a children's survey that has not closed. The tokens are returned once, to
 * print; only their hashes are stored. The same form sent twice makes one batch: the second gets null.
 */
export async function makeLinks(ctx: RequestContext, surveyId: string, count: number, idempotencyKey: string): Promise<{ batch: number; tokens: string[] } | null> {
  authorise(ctx, 'partnership.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const survey = await trx.selectFrom('surveys').select(['status', 'audience']).where('id', '=', surveyId).forUpdate().executeTakeFirst();
    if (!survey) throw new NotFoundError();
    if (survey.audience !== 'children') throw new StateError('One-time links are for surveys of children and young people. Practitioners answer signed in.');
    if (survey.status === 'closed') throw new StateError('This survey has closed, so no more links can be made.');
    if (await claimIdempotencyKey(trx, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'survey_links', resourceId: surveyId })) return null;
    const batch = (await repo.linkCounts(trx, surveyId)).batches + 1;
    const tokens = Array.from({ length: count }, newToken);
    await trx.insertInto('survey_links').values(tokens.map((t) => ({ survey_id: surveyId, token_hash: hashToken(t), batch, created_by: ctx.actor.id }))).execute();
    return { batch, tokens };
  });
}
