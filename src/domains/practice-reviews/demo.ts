import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays, addWorkingDays } from '../../platform/calendar/working-days.ts';
import type { PracticeReviewActionsTable, Rag } from './tables.ts';
import { CHILD_CHRONOLOGY_SUMMARY, REVIEW_RECORD } from './service.ts';

type Step = { what: string; agency: string; owner: string; due: number; rag: Rag; updates: [number, Rag, string][]; evidence?: string };

/**
 * Three reviews in different states: one just referred (notification and rapid review clocks running), one local
 * review under way, and one published with its recommendations' actions in every RAG status (one overdue), and a
 * learning briefing from it. Days are counted back from today so the clocks are live whenever the demo is seeded.
 */
const REVIEWS = [
  { title: 'Child T', ago: 3, agency: 'police', summary: 'A nine-month-old baby was admitted to hospital with a fractured skull and older rib fractures. Non-accidental injury is suspected.', stage: 'new' as const, children: 1 },
  { title: 'Child M', ago: 150, agency: 'health', summary: 'A 14-year-old was found seriously injured after going missing; criminal exploitation was known to several agencies.', stage: 'reviewing' as const, children: 1 },
  { title: 'Children P and Q', ago: 480, agency: 'csc', summary: 'Two brothers were found living in serious neglect; the family had been known to early help and health visiting for two years.', stage: 'published' as const, children: 2 },
];

const PUBLISHED_RECOMMENDATIONS: { text: string; steps: Step[] }[] = [
  {
    text: 'Agencies should make sure that neglect is assessed using the partnership’s neglect tool when a family has been known for more than six months.',
    steps: [
      { what: 'Train all early help practitioners in the neglect assessment tool', agency: 'eh', owner: 'Early Help Service Manager', due: -60, rag: 'complete', updates: [[-120, 'amber', 'Training dates set; two of five sessions held.'], [-70, 'complete', 'All five sessions held; 46 practitioners trained.']], evidence: 'Attendance records for five sessions: 46 of 49 practitioners trained. The rest booked on the next course.' },
      { what: 'Audit the use of the neglect tool in children’s social care assessments', agency: 'csc', owner: 'Head of Quality Assurance', due: -10, rag: 'red', updates: [[-40, 'amber', 'Audit sample chosen.'], [-5, 'red', 'Auditor on long-term sick leave; audit not started.']] },
    ],
  },
  {
    text: 'Health visitors should share concerns about missed appointments with the family’s lead professional.',
    steps: [
      { what: 'Change the missed appointments policy to include telling the lead professional', agency: 'health', owner: 'Named Nurse for Safeguarding', due: 45, rag: 'amber', updates: [[-20, 'amber', 'Draft policy written; waiting for the trust’s policy group.']] },
      { what: 'Remind school designated safeguarding leads to record and share patterns of absence', agency: 'school', owner: 'Designated Safeguarding Lead', due: 90, rag: 'green', updates: [[-15, 'green', 'Item on the agenda for the next DSL network meeting.']] },
    ],
  },
  {
    text: 'The partnership should publish a learning briefing on recognising neglect in older children.',
    steps: [
      { what: 'Write and publish a learning briefing on neglect in older children', agency: 'partnership', owner: 'Partnership Business Manager', due: -30, rag: 'complete', updates: [[-35, 'complete', 'Briefing issued to all agencies.']], evidence: 'Learning briefing “Seeing neglect in older children” issued and on the partnership website.' },
    ],
  },
];

export async function seedPracticeReviewsDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const owen = org.userIds['owen.pryce@cairn.example'];
  const partnership = org.agencyIds.partnership;
  if (!owen || !partnership) return;
  // Children a little way down the list, so the reviews seldom share a child with the other functions' demo cases.
  const children = (await db.selectFrom('people').select('id').where('person_type', '=', 'child').where('restricted', '=', false).orderBy('id').limit(12).execute()).slice(-4);
  if (children.length < 4) return;
  let next = 0;
  const agencies = await db.selectFrom('agencies').select(['id']).execute();
  for (const r of REVIEWS) {
    const id = uuidv7();
    const aware = addCalendarDays(today, -r.ago);
    const kids = children.slice(next, next + r.children).map((c) => c.id);
    next += r.children;
    const decided = r.stage === 'new' ? null : addWorkingDays(aware, 22);
    const published = r.stage === 'published' ? addCalendarDays(today, -100) : null;
    await db.insertInto('practice_reviews').values({
      id, reference: `PR ${aware.slice(0, 4)}/${String(REVIEWS.indexOf(r) + 1).padStart(2, '0')}`, title: r.title, referring_agency_id: org.agencyIds[r.agency]!,
      incident_on: addCalendarDays(aware, -2), aware_on: aware, summary: r.summary, notified_on: r.stage === 'new' ? null : addWorkingDays(aware, 3),
      rapid_review_held_on: decided ? addWorkingDays(aware, 16) : null, rapid_review_agency_ids: decided ? agencies.slice(0, 5).map((a) => a.id) : [], rapid_review_recommendation: decided ? 'lcspr' : null,
      decision: decided ? 'lcspr' : null, decided_on: decided, decision_rationale: decided ? 'The case meets the criteria for a local review: there is learning for several agencies about how they worked together.' : null,
      terms_agreed_on: decided ? addWorkingDays(decided, 15) : null, report_received_on: published ? addCalendarDays(published, -40) : null, published_on: published,
      created_by: owen, version: decided ? 5 : 1,
    }).execute();
    await db.insertInto('practice_review_children').values(kids.map((person_id) => ({ review_id: id, person_id }))).execute();
    await db.insertInto('involvements').values(kids.map((person_id) => ({ person_id, agency_id: partnership, basis: 'practice_review' as const, detail: 'Practice review', start_date: aware, source_type: REVIEW_RECORD, source_id: id, created_by: owen }))).execute();
    await db.insertInto('chronology').values(kids.map((person_id) => ({ person_id, occurred_at: ukMoment(aware, '11:00')!, entry_type: 'practice_review.referred', summary: CHILD_CHRONOLOGY_SUMMARY, agency_id: partnership, recorded_by: owen, record_type: REVIEW_RECORD, record_id: id }))).execute();
    if (!decided) continue;
    await db.insertInto('practice_review_reviewers').values([{ review_id: id, position: 0, name: 'Dr Halima Stroud', independent: true }, ...(published ? [{ review_id: id, position: 1, name: 'Gareth Pennock', independent: true }] : [])]).execute();
    const recommendations = published ? PUBLISHED_RECOMMENDATIONS : [{ text: 'Agencies should share information about children missing from home with the exploitation hub the same day.', steps: [
      { what: 'Add the exploitation hub to the missing notification list', agency: 'police', owner: 'Detective Inspector, Public Protection Unit', due: 20, rag: 'green' as Rag, updates: [[-10, 'green', 'Notification list updated in draft.']] as [number, Rag, string][] },
      { what: 'Review return home interview timescales for children at risk of exploitation', agency: 'csc', owner: 'Head of Service, Adolescent Safeguarding', due: 35, rag: 'amber' as Rag, updates: [[-8, 'amber', 'Capacity in the team is limited; options paper due next month.']] as [number, Rag, string][] },
    ] }];
    for (const [i, m] of recommendations.entries()) {
      const recommendationId = uuidv7();
      await db.insertInto('practice_review_recommendations').values({ id: recommendationId, review_id: id, number: i + 1, text: m.text, created_by: owen }).execute();
      for (const s of m.steps) {
        const actionId = uuidv7();
        const last = s.updates.at(-1)!;
        const row: Insertable<PracticeReviewActionsTable> = {
          id: actionId, review_id: id, recommendation_id: recommendationId, what: s.what, agency_id: org.agencyIds[s.agency]!, owner: s.owner, due_on: addCalendarDays(today, s.due), rag: s.rag,
          evidence: s.evidence ?? null, completed_on: s.rag === 'complete' ? addCalendarDays(today, last[0]) : null, created_by: owen, version: 1 + s.updates.length,
        };
        await db.insertInto('practice_review_actions').values(row).execute();
        const agreed = published ?? decided;
        await db.insertInto('practice_review_action_updates').values([
          { action_id: actionId, recorded_on: agreed, rag: 'green', note: 'Action agreed', created_by: owen },
          ...s.updates.map(([day, rag, note]) => ({ action_id: actionId, recorded_on: addCalendarDays(today, day), rag, note, created_by: owen })),
        ]).execute();
      }
    }
    if (published) {
      const briefingId = uuidv7();
      await db.insertInto('practice_review_briefings').values({ id: briefingId, title: 'Seeing neglect in older children', issued_on: addCalendarDays(today, -35), audience: 'All practitioners and managers in every partner agency', key_messages: 'Neglect of older children can look like a child who “chooses” not to come to school or to eat.\nUse the neglect tool when a family has been known for six months or more.\nMissed health appointments are information: share them with the lead professional.', created_by: owen }).execute();
      await db.insertInto('practice_review_briefing_reviews').values({ briefing_id: briefingId, review_id: id }).execute();
    }
  }
}
