import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import type { Answer, Question } from './answers.ts';
import * as repo from './repository.ts';
import { hashToken } from './service.ts';

/**
 * Answering a survey. Practitioners answer signed in, once each (who has answered is kept apart from the answers,
 * and an anonymous survey's response keeps nobody). Children answer through a one-time link with no account: the
 * link is taken in the same transaction as the response is saved, so a link answers once however many submit.
 */

/** Why a survey cannot be answered now: not open yet, closed, already answered, a link already used. */
export class NotAnswerable extends HttpError {
  constructor(
    statusCode: 404 | 409 | 410,
    readonly reason: 'unknown' | 'not_open' | 'closed' | 'answered' | 'used',
  ) {
    super(statusCode, REASONS[reason].title, REASONS[reason].message);
  }
}

const REASONS = {
  unknown: { title: 'This link does not work', message: 'Check the link you were given. If it still does not work, ask the person who gave it to you for a new one.' },
  not_open: { title: 'This survey is not open yet', message: 'Please come back when it opens.' },
  closed: { title: 'This survey has closed', message: 'Thank you for wanting to take part. It is no longer taking answers.' },
  answered: { title: 'You have already answered this survey', message: 'Each person answers once. Thank you for taking part.' },
  used: { title: 'This link has already been used', message: 'Each link can only be used once, and this one has been. Thank you for taking part.' },
} as const;

type Survey = NonNullable<Awaited<ReturnType<typeof repo.findSurvey>>>;

function assertOpen(survey: Survey, today = ukToday()) {
  if (survey.status === 'draft') throw new NotAnswerable(410, 'not_open');
  if (survey.status === 'closed' || survey.closes_on < today) throw new NotAnswerable(410, 'closed');
  if (survey.opens_on > today) throw new NotAnswerable(410, 'not_open');
}

/** A practitioners' survey, as its form: open, for practitioners, and not yet answered by this user. */
export async function practitionerSurvey(ctx: RequestContext, id: string): Promise<{ survey: Survey; questions: Question[] }> {
  const survey = await repo.findSurvey(ctx.db, id);
  if (!survey || survey.audience !== 'practitioners' || survey.status === 'draft') throw new NotFoundError();
  assertOpen(survey);
  if (await repo.hasResponded(ctx.db, id, ctx.actor.id)) throw new NotAnswerable(409, 'answered');
  return { survey, questions: await repo.questionsOf(ctx.db, id) };
}

export async function submitPractitionerResponse(ctx: RequestContext, id: string, answers: readonly Answer[]): Promise<void> {
  const { survey } = await practitionerSurvey(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.claimRespondent(trx, id, ctx.actor.id))) throw new NotAnswerable(409, 'answered');
    await repo.insertResponse(trx, { surveyId: id, linkId: null, userId: survey.anonymous ? null : ctx.actor.id, submittedOn: ukToday() }, answers);
  });
}

/** The survey behind a one-time link, if the link exists, is unused and its survey is open. */
export async function childSurvey(db: Kysely<Database>, token: string): Promise<{ survey: Survey; questions: Question[]; linkId: string }> {
  const link = /^[A-Za-z0-9_-]{8,64}$/.test(token) ? await repo.findLinkByHash(db, hashToken(token)) : undefined;
  if (!link) throw new NotAnswerable(404, 'unknown');
  if (link.used_at) throw new NotAnswerable(410, 'used');
  const survey = (await repo.findSurvey(db, link.survey_id))!;
  assertOpen(survey);
  return { survey, questions: await repo.questionsOf(db, survey.id), linkId: link.id };
}

/** Saves a child's answers and uses up the link, together; a second submission of the same link is refused. */
export async function submitChildResponse(db: Kysely<Database>, token: string, answers: readonly Answer[]): Promise<void> {
  const { survey, linkId } = await childSurvey(db, token);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.takeLink(trx, linkId))) throw new NotAnswerable(410, 'used');
    await repo.insertResponse(trx, { surveyId: survey.id, linkId, userId: null, submittedOn: ukToday() }, answers);
  });
}

/** The practitioners' surveys open to this user now, for the surveys page. */
export async function surveysToAnswer(ctx: RequestContext) {
  return repo.openPractitionerSurveys(ctx.db, ctx.actor.id, ukToday());
}
