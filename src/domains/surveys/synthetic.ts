import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { CHILDREN_QUESTIONS } from './demo.ts';
import { hashToken } from './service.ts';

const WORDS = ['More people to listen to me.', 'Being told what is going on.', 'A quiet place at school.', 'Nothing, it is good now.', 'If my family argued less.'];
export const LINKS_PER_SURVEY = 30;
/** Most children say they feel safe; some do not. */
const SCALE_WEIGHTS = { 1: 5, 2: 10, 3: 25, 4: 35, 5: 25 };

/**
 * The partnership's annual survey of children and young people in early help, in the synthetic authority: one a year
 * (June to mid-July) for each year any child's early help was open, made once for the whole run (`ctx.once`), with
 * 30 one-time links of which most are used. Answers are anonymous, so they name no child.
 */
export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  for (const spell of journey.earlyHelp) {
    const year = Number(spell.openedOn.slice(0, 4));
    ctx.once(`children-survey:${year}`, () => annualSurvey(ctx, year));
  }
};

export function annualSurvey(ctx: SyntheticContext, year: number): string {
  const { rng } = ctx;
  const by = ctx.org.functions.business.userId;
  const opensOn = `${year}-06-01`;
  const closesOn = `${year}-07-15`;
  const id = ctx.id(opensOn);
  if (opensOn > ctx.end) return id;
  const closed = closesOn <= ctx.end;
  ctx.add('surveys', {
    id, title: `Feeling safe: children and young people’s survey ${year}`, audience: 'children', anonymous: true, status: closed ? 'closed' : 'open',
    introduction: 'We want to know how safe you feel and who you would talk to.', opens_on: opensOn, closes_on: closesOn, ...ctx.stamp(opensOn, by), version: closed ? 3 : 2,
  });
  const questions = CHILDREN_QUESTIONS.map((q, i) => {
    const qid = ctx.id(opensOn);
    ctx.add('survey_questions', { id: qid, survey_id: id, position: i + 1, kind: q.kind, text: q.text, hint: q.hint ?? null, required: q.required, options: q.options ?? [], ...ctx.stamp(opensOn, by), version: 1 });
    return { ...q, id: qid };
  });
  const last = closed ? closesOn : ctx.end;
  const span = Math.max(0, Math.round((Date.parse(last) - Date.parse(opensOn)) / 86_400_000));
  for (let n = 0; n < LINKS_PER_SURVEY; n++) {
    const linkId = ctx.id(opensOn);
    const used = rng.chance(0.7);
    const on = new Date(Date.parse(`${opensOn}T15:00:00Z`) + rng.int(0, span) * 86_400_000).toISOString().slice(0, 10);
    // The token itself is never kept, so a synthetic link's is made from its id and thrown away.
    ctx.add('survey_links', { id: linkId, survey_id: id, token_hash: hashToken(`synthetic-${linkId}`), batch: 1, used_at: used ? new Date(`${on}T15:00:00Z`) : null, created_at: new Date(`${opensOn}T09:00:00Z`), created_by: by });
    if (!used) continue;
    const responseId = ctx.id(on);
    ctx.add('survey_responses', { id: responseId, survey_id: id, link_id: linkId, user_id: null, submitted_on: on, created_at: new Date(`${on}T15:00:00Z`) });
    for (const q of questions) {
      if (!q.required && rng.chance(0.3)) continue;
      const choices = q.kind === 'single' ? [rng.pick(q.options!)] : q.kind === 'multiple' ? q.options!.filter(() => rng.chance(0.35)) : [];
      if (q.kind === 'multiple' && !choices.length) continue;
      ctx.add('survey_answers', { response_id: responseId, question_id: q.id, choices, scale: q.kind === 'scale' ? Number(rng.weighted(SCALE_WEIGHTS)) : null, text: q.kind === 'text' ? rng.pick(WORDS) : null });
    }
  }
  return id;
}
