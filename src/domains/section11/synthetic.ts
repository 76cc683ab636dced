import { DEFAULT_SECTION11_STANDARDS } from '../../db/migrations/0028_section11.ts';
import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import type { Rating } from './tables.ts';

/**
 * Section 11 in the synthetic authority: a round every two years (seed 003's board ran one every two years, opening
 * in May with returns due in July and a challenge day after), going back three rounds from the end of the data,
 * asking every partner agency about the nine default standards. Ratings are drawn near seed 001's figures (about
 * 83% met, 15% partly met, 1% not met, 1% not answered). A round still open at the end has some returns in draft or
 * not started. Partnership-wide rows, so they are made once (`ctx.once`), whichever child comes first.
 */
const ROUNDS = 3;
const RATING_WEIGHTS: Record<Rating, number> = { met: 83, partly_met: 15, not_met: 1, unanswered: 1 };
const AGENCIES: readonly AgencyKey[] = ['csc', 'eh', 'police', 'health', 'school', 'vol', 'housing', 'probation'];

export const synthesise: Synthesise = (_journey, ctx) => {
  ctx.once('section11-rounds', () => {
    synthesiseRounds(ctx);
    return 'done';
  });
};

export function synthesiseRounds(ctx: SyntheticContext): void {
  const { rng, end } = ctx;
  const manager = ctx.org.functions.business.userId;
  const endYear = Number(end.slice(0, 4));
  // The latest even year whose round had opened by the end of the data.
  let last = endYear - (endYear % 2);
  if (`${last}-05-19` > end) last -= 2;
  for (let year = last - 2 * (ROUNDS - 1); year <= last; year += 2) {
    const opens = `${year}-05-19`;
    const due = `${year}-07-19`;
    const challenge = `${year}-09-15`;
    const closes = `${year}-12-15`;
    const closed = closes <= end ? closes : null;
    const roundId = ctx.id(opens);
    ctx.add('section11_rounds', { id: roundId, title: `Section 11 self-assessment ${year}`, opens_on: opens, due_on: due, challenge_on: challenge, closed_on: closed, idempotency_key: null, ...ctx.stamp(opens, manager), version: closed ? 2 : 1 });
    const standards = DEFAULT_SECTION11_STANDARDS.map((s) => {
      const id = ctx.id(opens);
      ctx.add('section11_round_standards', { id, round_id: roundId, standard_id: s.id, number: s.number, title: s.title, description: s.description, indicators: s.indicators });
      return id;
    });
    for (const key of AGENCIES) {
      const returnId = ctx.id(opens);
      // Most agencies submit by the deadline, a few late; until the deadline passes some are still drafting.
      const submittedOn = addCalendarDays(due, rng.int(-30, rng.chance(0.85) ? 0 : 20));
      const submitted = submittedOn <= end;
      const status = submitted ? 'submitted' : rng.chance(0.6) ? 'draft' : 'not_started';
      const by = ctx.org.partnerUserIds[key];
      const stamp = ctx.stamp(opens, manager);
      ctx.add('section11_returns', {
        id: returnId, round_id: roundId, agency_id: ctx.org.agencyIds[key], status, submitted_at: submitted ? new Date(`${submittedOn}T10:00:00Z`) : null,
        submitted_by: submitted ? by : null, extended_to: null, ...stamp, updated_at: submitted ? new Date(`${submittedOn}T10:00:00Z`) : stamp.updated_at, version: status === 'not_started' ? 1 : 2,
      });
      if (status === 'not_started') continue;
      standards.forEach((roundStandardId, i) => {
        // A draft has answered the first few standards only.
        const rating: Rating = !submitted && i > 3 ? 'unanswered' : rng.weighted(RATING_WEIGHTS);
        const short = rating === 'partly_met' || rating === 'not_met';
        ctx.add('section11_ratings', {
          return_id: returnId, round_standard_id: roundStandardId, rating,
          evidence: rating === 'unanswered' ? null : 'Evidence held by the agency and seen at challenge day.',
          action: short ? 'Improvement plan agreed by the agency’s safeguarding lead.' : null, action_due_on: short ? addMonths(opens, rng.int(6, 12)) : null,
        });
      });
    }
  }
}
