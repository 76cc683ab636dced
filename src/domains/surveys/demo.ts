import type { Kysely } from 'kysely';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import type { Answer } from './answers.ts';
import * as repo from './repository.ts';
import { hashToken, newToken } from './service.ts';
import type { QuestionKind } from './tables.ts';

type DemoQuestion = { kind: QuestionKind; text: string; hint?: string; required: boolean; options?: string[] };

export const CHILDREN_QUESTIONS: DemoQuestion[] = [
  { kind: 'scale', text: 'How safe do you feel at home?', required: true },
  { kind: 'scale', text: 'How safe do you feel at school?', required: true },
  { kind: 'single', text: 'Do you know who to talk to if you are worried?', required: true, options: ['Yes', 'No', 'Not sure'] },
  { kind: 'multiple', text: 'Who would you talk to?', required: false, options: ['Someone at home', 'A teacher', 'A friend', 'My social worker', 'Childline'] },
  { kind: 'text', text: 'What would make things better for you?', required: false },
];

const PRACTITIONER_QUESTIONS: DemoQuestion[] = [
  { kind: 'scale', text: 'How confident are you in using the threshold document?', required: true },
  { kind: 'single', text: 'How often do you hear back about a contact you made?', required: true, options: ['Always', 'Usually', 'Sometimes', 'Never'] },
  { kind: 'multiple', text: 'Which multi-agency training have you attended this year?', required: false, options: ['Neglect', 'Child exploitation', 'Domestic abuse', 'Working together'] },
  { kind: 'text', text: 'What one thing would make multi-agency working better?', required: true },
];

const CHILD_WORDS = ['More people to listen to me.', 'Less homework.', 'If I could see my dad more.', 'A quiet place at school.', 'Nothing, it is good now.', 'Being told what is going on.'];
const PRACTITIONER_WORDS = ['Feedback on every contact, even a short one.', 'Shared training with the police.', 'Knowing who the lead professional is.', 'Fewer forms.', 'A named person at the front door.'];

async function insertSurvey(db: Kysely<Database>, by: string, survey: { title: string; audience: 'children' | 'practitioners'; introduction: string; anonymous: boolean; opensOn: string; closesOn: string; status: 'open' | 'closed' }, questions: DemoQuestion[]) {
  const { id } = await db
    .insertInto('surveys')
    .values({ title: survey.title, audience: survey.audience, introduction: survey.introduction, anonymous: survey.anonymous, opens_on: survey.opensOn, closes_on: survey.closesOn, status: survey.status, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('survey_questions').values(questions.map((q, i) => ({ survey_id: id, position: i + 1, kind: q.kind, text: q.text, hint: q.hint ?? null, required: q.required, options: q.options ?? [], created_by: by }))).execute();
  return { id, questions: await repo.questionsOf(db, id) };
}

/** A spread of answers that differs by respondent, so results have shape: `n` picks the answers. */
function answersFor(questions: Awaited<ReturnType<typeof repo.questionsOf>>, n: number, words: readonly string[]): Answer[] {
  return questions.flatMap((q, i): Answer[] => {
    const k = (n * 7 + i * 3) % 11;
    if (q.kind === 'scale') return [{ questionId: q.id, choices: [], scale: [5, 4, 4, 3, 5, 2, 4, 5, 3, 1, 4][k]!, text: null }];
    if (q.kind === 'single') return [{ questionId: q.id, choices: [q.options[[0, 0, 1, 0, 2, 0, 1, 0, 0, 2, 0][k]! % q.options.length]!], scale: null, text: null }];
    if (q.kind === 'multiple') return k % 4 === 3 && !q.required ? [] : [{ questionId: q.id, choices: q.options.filter((_o, j) => (k * 3 + j * 5) % 7 < 3), scale: null, text: null }].filter((a) => a.choices.length);
    return k % 3 === 1 && !q.required ? [] : [{ questionId: q.id, choices: [], scale: null, text: words[n % words.length]! }];
  });
}

/**
 * Two surveys from the business manager: a children and young people's survey open now, with 40 one-time links
 * handed out and 30 answered, and a practitioners' survey closed last month with its results.
 */
export async function seedSurveysDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const tess = org.userIds['tess.marlow@cairn.example'];
  if (!tess) return;

  const children = await insertSurvey(db, tess, {
    title: 'Feeling safe: what do you think?', audience: 'children', anonymous: true, status: 'open',
    introduction: 'We want to know how safe you feel and who you would talk to. It takes about 5 minutes. You do not have to answer every question.',
    opensOn: addCalendarDays(today, -21), closesOn: addCalendarDays(today, 21),
  }, CHILDREN_QUESTIONS);
  const links = await db
    .insertInto('survey_links')
    .values(Array.from({ length: 40 }, () => ({ survey_id: children.id, token_hash: hashToken(newToken()), batch: 1, created_by: tess, created_at: new Date(`${addCalendarDays(today, -21)}T10:00:00Z`) })))
    .returning('id')
    .execute();
  for (const [n, link] of links.slice(0, 30).entries()) {
    await db.updateTable('survey_links').set({ used_at: new Date(`${addCalendarDays(today, -20 + (n % 19))}T15:00:00Z`) }).where('id', '=', link.id).execute();
    await repo.insertResponse(db, { surveyId: children.id, linkId: link.id, userId: null, submittedOn: addCalendarDays(today, -20 + (n % 19)) }, answersFor(children.questions, n, CHILD_WORDS));
  }

  const practitioners = await insertSurvey(db, tess, {
    title: 'Multi-agency working: practitioner survey', audience: 'practitioners', anonymous: true, status: 'closed',
    introduction: 'The partnership asks every year how multi-agency working feels from where you are. Your answers are anonymous.',
    opensOn: addCalendarDays(today, -70), closesOn: addCalendarDays(today, -35),
  }, PRACTITIONER_QUESTIONS);
  const respondents = Object.entries(org.userIds).filter(([email]) => email !== 'tess.marlow@cairn.example').slice(0, 12);
  for (const [n, [, userId]] of respondents.entries()) {
    await db.insertInto('survey_respondents').values({ survey_id: practitioners.id, user_id: userId }).execute();
    await repo.insertResponse(db, { surveyId: practitioners.id, linkId: null, userId: null, submittedOn: addCalendarDays(today, -69 + n * 2) }, answersFor(practitioners.questions, n, PRACTITIONER_WORDS));
  }
}
