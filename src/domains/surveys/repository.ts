import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Answer, Question } from './answers.ts';

/** The SQL of surveys: the survey and its questions, one-time links, responses and answers. */

export type SurveyRow = Awaited<ReturnType<typeof findSurvey>> & object;

export function findSurvey(db: Kysely<Database>, id: string) {
  return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSurveys(db: Kysely<Database>) {
  return db
    .selectFrom('surveys')
    .selectAll('surveys')
    .select((eb) => [
      eb.selectFrom('survey_responses').select(eb.fn.countAll<string>().as('n')).whereRef('survey_responses.survey_id', '=', 'surveys.id').as('responses'),
      eb.selectFrom('survey_questions').select(eb.fn.countAll<string>().as('n')).whereRef('survey_questions.survey_id', '=', 'surveys.id').as('questions'),
    ])
    .orderBy('opens_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function questionsOf(db: Kysely<Database>, surveyId: string): Promise<Question[]> {
  return db.selectFrom('survey_questions').select(['id', 'position', 'kind', 'text', 'hint', 'required', 'options']).where('survey_id', '=', surveyId).orderBy('position').execute();
}

export async function responseCount(db: Kysely<Database>, surveyId: string): Promise<number> {
  const row = await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<string>().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function linkCounts(db: Kysely<Database>, surveyId: string): Promise<{ issued: number; used: number; batches: number }> {
  const row = await db
    .selectFrom('survey_links')
    .select((eb) => [eb.fn.countAll<string>().as('issued'), eb.fn.count<string>('used_at').as('used'), eb.fn.max('batch').as('batches')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return { issued: Number(row.issued), used: Number(row.used), batches: Number(row.batches ?? 0) };
}

export async function nextPosition(db: Kysely<Database>, surveyId: string): Promise<number> {
  const row = await db.selectFrom('survey_questions').select((eb) => eb.fn.max('position').as('p')).where('survey_id', '=', surveyId).executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

export function findLinkByHash(db: Kysely<Database>, tokenHash: string) {
  return db.selectFrom('survey_links').select(['id', 'survey_id', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Takes a link for one response: only one caller can, however many submit at once (the row is locked by the update). */
export async function takeLink(db: Kysely<Database>, linkId: string): Promise<boolean> {
  const taken = await db.updateTable('survey_links').set({ used_at: new Date() }).where('id', '=', linkId).where('used_at', 'is', null).returning('id').executeTakeFirst();
  return Boolean(taken);
}

/** Records that a user has answered; false when they already had (one response each). */
export async function claimRespondent(db: Kysely<Database>, surveyId: string, userId: string): Promise<boolean> {
  const row = await db.insertInto('survey_respondents').values({ survey_id: surveyId, user_id: userId }).onConflict((oc) => oc.columns(['survey_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();
  return Boolean(row);
}

export async function hasResponded(db: Kysely<Database>, surveyId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('survey_respondents').select('user_id').where('survey_id', '=', surveyId).where('user_id', '=', userId).executeTakeFirst());
}

export async function insertResponse(db: Kysely<Database>, response: { surveyId: string; linkId: string | null; userId: string | null; submittedOn: string }, answers: readonly Answer[]): Promise<string> {
  const { id } = await db
    .insertInto('survey_responses')
    .values({ survey_id: response.surveyId, link_id: response.linkId, user_id: response.userId, submitted_on: response.submittedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (answers.length) {
    await db
      .insertInto('survey_answers')
      .values(answers.map((a) => ({ response_id: id, question_id: a.questionId, choices: a.choices, scale: a.scale, text: a.text })))
      .execute();
  }
  return id;
}

/**
 * Every response with its answers, and its author's name only when asked (a named survey): an anonymous survey's
 * responses are read without joining users at all.
 */
export async function responsesOf(db: Kysely<Database>, surveyId: string, named: boolean): Promise<{ answers: Answer[]; by: string | null }[]> {
  const rows = await db
    .selectFrom('survey_answers')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .select(['survey_answers.response_id', 'survey_answers.question_id', 'survey_answers.choices', 'survey_answers.scale', 'survey_answers.text', 'survey_responses.user_id'])
    .where('survey_responses.survey_id', '=', surveyId)
    .orderBy('survey_responses.created_at')
    .orderBy('survey_responses.id')
    .execute();
  const names = named ? await userNames(db, [...new Set(rows.map((r) => r.user_id).filter((u): u is string => Boolean(u)))]) : new Map<string, string>();
  const byResponse = new Map<string, { answers: Answer[]; by: string | null }>();
  for (const r of rows) {
    const entry = byResponse.get(r.response_id) ?? { answers: [], by: named && r.user_id ? (names.get(r.user_id) ?? null) : null };
    entry.answers.push({ questionId: r.question_id, choices: r.choices, scale: r.scale, text: r.text });
    byResponse.set(r.response_id, entry);
  }
  return [...byResponse.values()];
}

async function userNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Surveys open to practitioners today, and whether this user has answered each. */
export function openPractitionerSurveys(db: Kysely<Database>, userId: string, today: string) {
  return db
    .selectFrom('surveys')
    .select(['surveys.id', 'surveys.title', 'surveys.closes_on', 'surveys.anonymous'])
    .select((eb) => eb.exists(eb.selectFrom('survey_respondents').select(sql`1`.as('one')).whereRef('survey_respondents.survey_id', '=', 'surveys.id').where('survey_respondents.user_id', '=', userId)).as('answered'))
    .where('audience', '=', 'practitioners')
    .where('status', '=', 'open')
    .where('opens_on', '<=', today)
    .where('closes_on', '>=', today)
    .orderBy('closes_on')
    .execute();
}
