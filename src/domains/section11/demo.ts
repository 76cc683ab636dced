import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import * as repo from './repository.ts';
import type { Rating, ReturnStatus } from './tables.ts';

/**
 * Two rounds for the demo partnership. The last one, about two years ago, is closed with every return submitted
 * and challenge-day notes. The current one is open and past its deadline: three agencies have submitted, early help
 * and health are drafting under agreed extensions (one due soon, one on track), and the school has not started, so
 * it is overdue. Ratings are patterned per agency so the year-on-year comparison shows movement both ways.
 */

const AGENCIES = ['csc', 'eh', 'police', 'health', 'school', 'vol'] as const;
type Key = (typeof AGENCIES)[number];

/** Who answered for each agency in the demo (the police and the voluntary sector have no demo answerer). */
const ANSWERER: Partial<Record<Key, string>> = { csc: 'morgan.hale@cairn.example', eh: 'kit.ellery@cairn.example', health: 'jo.nyland@cairn.example', school: 'pat.quinn@cairn.example' };

/** Ratings by standard (1–9) per agency: last round and this round. */
const PATTERN: Record<'last' | 'now', Partial<Record<Key, Rating[]>>> = {
  last: {
    csc: ['met', 'met', 'met', 'partly_met', 'partly_met', 'met', 'met', 'met', 'partly_met'],
    eh: ['met', 'met', 'partly_met', 'met', 'partly_met', 'met', 'met', 'met', 'met'],
    police: ['met', 'met', 'met', 'not_met', 'met', 'met', 'met', 'partly_met', 'partly_met'],
    health: ['met', 'met', 'met', 'met', 'partly_met', 'met', 'met', 'met', 'partly_met'],
    school: ['met', 'partly_met', 'met', 'partly_met', 'met', 'met', 'partly_met', 'met', 'unanswered'],
    vol: ['met', 'met', 'partly_met', 'met', 'not_met', 'partly_met', 'met', 'met', 'met'],
  },
  now: {
    csc: ['met', 'met', 'met', 'met', 'partly_met', 'met', 'met', 'met', 'met'],
    eh: ['met', 'met', 'met', 'met', 'unanswered', 'unanswered', 'unanswered', 'unanswered', 'unanswered'],
    police: ['met', 'met', 'met', 'partly_met', 'met', 'met', 'partly_met', 'met', 'met'],
    health: ['met', 'met', 'partly_met'],
    vol: ['met', 'met', 'met', 'met', 'partly_met', 'met', 'met', 'met', 'not_met'],
  },
};

const EVIDENCE: Record<Rating, string> = {
  met: 'Policy current and reviewed this year; our internal audit found it followed in the cases sampled.',
  partly_met: 'In place for most teams; the audit found gaps in two services.',
  not_met: 'Not yet in place; a plan has been agreed by the senior leadership team.',
  unanswered: '',
};
const ACTION = 'Close the gaps the audit found, and re-audit in six months.';

export async function seedSection11Demo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const tess = org.userIds['tess.marlow@cairn.example'];
  if (!tess || !AGENCIES.every((k) => org.agencyIds[k])) return;
  const agencyIds = AGENCIES.map((k) => org.agencyIds[k]!);

  const lastOpens = addMonths(today, -26);
  const last = uuidv7();
  await repo.insertRound(db, { id: last, title: `Section 11 self-assessment ${lastOpens.slice(0, 4)}`, opens_on: lastOpens, due_on: addCalendarDays(lastOpens, 61), challenge_on: addCalendarDays(lastOpens, 90), closed_on: addCalendarDays(lastOpens, 120), created_by: tess }, agencyIds, tess);
  await fill(db, org, last, 'last', lastOpens, addCalendarDays(lastOpens, 50), () => 'submitted');
  const lastReturns = await repo.returnsOfRound(db, last);
  const notes: Partial<Record<Key, [string, string, string]>> = {
    police: ['Standard 4: how do children and families shape the service?', 'Feedback is collected after custody visits but not yet used in planning.', 'Add a children’s voice item to the quarterly service review.'],
    vol: ['Standard 5: fewer than half of volunteers have had safeguarding training.', 'A new induction module is being written.', 'Every volunteer trained within three months of starting; report back at the next board.'],
  };
  for (const [key, [challenged, answer, agreed]] of Object.entries(notes) as [Key, [string, string, string]][]) {
    const ret = lastReturns.find((r) => r.agency_id === org.agencyIds[key]);
    if (ret) await repo.insertChallenge(db, { return_id: ret.id, challenged, agency_answer: answer, agreed_actions: agreed, created_by: tess });
  }

  const nowOpens = addCalendarDays(today, -65);
  const current = uuidv7();
  await repo.insertRound(db, { id: current, title: `Section 11 self-assessment ${today.slice(0, 4)}`, opens_on: nowOpens, due_on: addCalendarDays(today, -4), challenge_on: addCalendarDays(today, 30), created_by: tess }, agencyIds, tess);
  const status = (key: Key): ReturnStatus => (key === 'eh' || key === 'health' ? 'draft' : key === 'school' ? 'not_started' : 'submitted');
  await fill(db, org, current, 'now', nowOpens, addCalendarDays(today, -10), status);
  // Extensions agreed for the two agencies still drafting: early help's is due soon, health's further off.
  const extensions: Partial<Record<Key, number>> = { eh: 6, health: 25 };
  for (const r of await repo.returnsOfRound(db, current)) {
    const key = AGENCIES.find((k) => org.agencyIds[k] === r.agency_id)!;
    if (extensions[key]) await db.updateTable('section11_returns').set({ extended_to: addCalendarDays(today, extensions[key]) }).where('id', '=', r.id).execute();
  }
}

async function fill(db: Kysely<Database>, org: DemoOrganisation, roundId: string, which: 'last' | 'now', opens: string, submittedOn: string, status: (key: Key) => ReturnStatus) {
  const standards = await repo.roundStandards(db, roundId);
  for (const r of await repo.returnsOfRound(db, roundId)) {
    const key = AGENCIES.find((k) => org.agencyIds[k] === r.agency_id)!;
    const st = status(key);
    const pattern = PATTERN[which][key] ?? [];
    const by = ANSWERER[key] ? org.userIds[ANSWERER[key]] ?? null : null;
    const ratings = standards.slice(0, pattern.length).map((s, i) => {
      const rating = pattern[i]!;
      const short = rating === 'partly_met' || rating === 'not_met';
      return { return_id: r.id, round_standard_id: s.id, rating, evidence: EVIDENCE[rating] || null, action: short ? ACTION : null, action_due_on: short ? addMonths(opens, 9) : null };
    });
    if (st === 'not_started') continue;
    const submitted = st === 'submitted';
    await repo.saveRatings(db, r.id, r.version, { status: st, submitted_at: submitted ? new Date(`${submittedOn}T11:00:00Z`) : null, submitted_by: submitted ? by : null }, ratings);
  }
}
