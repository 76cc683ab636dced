import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { CASE_SOURCE } from './repository.ts';
import { CHILD_CHRONOLOGY_SUMMARY, MARAC_RECORD } from './service.ts';

interface Household {
  victimId: string;
  perpetratorId: string | null;
  childIds: string[];
}

/** Demo households: two parents of the same children in the synthetic population (never restricted records). */
async function households(db: Kysely<Database>, wanted: number): Promise<Household[]> {
  const links = await db
    .selectFrom('relationships as r')
    .innerJoin('people as a', 'a.id', 'r.person_id')
    .innerJoin('people as c', 'c.id', 'r.related_person_id')
    .select(['r.person_id as parent', 'r.related_person_id as child'])
    .where('r.kind', '=', 'parent')
    .where('a.restricted', '=', false)
    .where('c.restricted', '=', false)
    .where('c.person_type', '=', 'child')
    .orderBy('r.related_person_id', 'desc')
    .limit(400)
    .execute();
  const byParents = new Map<string, Household>();
  for (const l of links) {
    const parents = links.filter((x) => x.child === l.child).map((x) => x.parent).sort();
    const key = parents.join('+');
    const found = byParents.get(key) ?? { victimId: parents[0]!, perpetratorId: parents[1] ?? null, childIds: [] };
    if (!found.childIds.includes(l.child)) found.childIds.push(l.child);
    byParents.set(key, found);
  }
  return [...byParents.values()].slice(0, wanted);
}

interface Story {
  /** Days before today it was referred. */
  ago: number;
  agency: string;
  referrer: string;
  dash: number | null;
  basis: 'dash' | 'professional_judgement' | 'escalation';
  reason?: string;
  /** Days before today it closed, if it has. */
  closedAgo?: number;
  /** Index of the earlier story this one repeats (same household, within 12 months). */
  repeats?: number;
}

const STORIES: Story[] = [
  { ago: 420, agency: 'police', referrer: 'PC Aled Varrow', dash: 16, basis: 'dash', closedAgo: 390 },
  { ago: 160, agency: 'idva', referrer: 'Hester Quayle, IDVA', dash: 15, basis: 'dash', closedAgo: 130 },
  { ago: 20, agency: 'police', referrer: 'PC Aled Varrow', dash: 18, basis: 'dash' },
  { ago: 9, agency: 'idva', referrer: 'Hester Quayle, IDVA', dash: 11, basis: 'escalation', reason: 'Third police call-out in two months; the victim reports the abuse is getting worse.', repeats: 1 },
  { ago: 3, agency: 'health', referrer: 'Midwife, Brackenshire Community Health', dash: 14, basis: 'dash' },
];

/**
 * A few MARAC cases in the demo population: one closed last year and one this year (so the figures have two
 * years), one discussed at the last meeting and carried forward with an overdue action, a repeat referral of the
 * victim closed this year, and a new referral, with the next meeting a week away.
 */
export async function seedMaracDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const dana = org.userIds['dana.okafor@cairn.example'];
  const marac = org.agencyIds.marac;
  if (!dana || !marac) return;
  const homes = await households(db, STORIES.length);
  if (homes.length < 4) return;
  const day = (ago: number) => addCalendarDays(today, -ago);
  const meetingOn = (ago: number) => {
    const id = uuidv7();
    return { id, held_on: day(ago), created_by: dana };
  };
  const lastYear = meetingOn(410);
  const spring = meetingOn(150);
  const last = meetingOn(14);
  const next = meetingOn(-7);
  await db.insertInto('marac_meetings').values([lastYear, spring, last, next]).execute();
  const ids: string[] = [];
  for (const [i, s] of STORIES.entries()) {
    const home = homes[(s.repeats ?? i) % homes.length]!;
    const id = uuidv7();
    ids.push(id);
    const closedOn = s.closedAgo === undefined ? null : day(s.closedAgo);
    await db.insertInto('marac_cases').values({
      id, victim_id: home.victimId, perpetrator_id: home.perpetratorId, referring_agency: s.agency, referrer_name: s.referrer, referred_on: day(s.ago),
      dash_score: s.dash, risk_basis: s.basis, risk_reason: s.reason ?? null, repeat_of: s.repeats === undefined ? null : ids[s.repeats]!,
      closed_on: closedOn, closure_reason: closedOn ? 'actions_complete' : null, created_by: dana, version: closedOn ? 2 : 1,
    }).execute();
    if (home.childIds.length) await db.insertInto('marac_case_children').values(home.childIds.map((person_id) => ({ case_id: id, person_id }))).execute();
    const people = [home.victimId, ...(home.perpetratorId ? [home.perpetratorId] : []), ...home.childIds];
    await db.insertInto('involvements').values(people.map((person_id) => ({ person_id, agency_id: marac, basis: 'marac' as const, detail: 'MARAC case', start_date: day(s.ago), end_date: closedOn, source_type: CASE_SOURCE, source_id: id, created_by: dana }))).execute();
    if (home.childIds.length) {
      await db.insertInto('chronology').values(home.childIds.map((person_id) => ({ person_id, occurred_at: ukMoment(day(s.ago), '11:00')!, entry_type: 'marac.referred', summary: CHILD_CHRONOLOGY_SUMMARY, agency_id: marac, recorded_by: dana, record_type: MARAC_RECORD, record_id: id }))).execute();
    }
  }
  const discuss = async (caseIndex: number, meeting: { id: string; held_on: string }, outcome: 'closed' | 'carried' | null, actions: { what: string; agency: string; owner: string; due: number; done: number | null }[]) => {
    const discussionId = uuidv7();
    await db.insertInto('marac_discussions').values({
      id: discussionId, meeting_id: meeting.id, case_id: ids[caseIndex]!, created_by: dana, version: outcome ? 2 : 1,
      summary: outcome ? 'Police shared the call-out history; the IDVA shared the victim’s view of the risk; children’s social care and the school shared what they know of the children. Housing confirmed the tenancy.' : null,
      outcome,
    }).execute();
    if (actions.length) {
      await db.insertInto('marac_actions').values(actions.map((a) => ({
        case_id: ids[caseIndex]!, discussion_id: discussionId, what: a.what, agency: a.agency, owner: a.owner,
        due_on: addCalendarDays(meeting.held_on, a.due), done_on: a.done === null ? null : addCalendarDays(meeting.held_on, a.done), created_by: dana,
      }))).execute();
    }
  };
  await discuss(0, lastYear, 'closed', [{ what: 'Fit a door alarm and locks (sanctuary scheme)', agency: 'housing', owner: 'Housing options officer', due: 10, done: 8 }]);
  await discuss(1, spring, 'closed', [{ what: 'Agree a safety plan with the victim', agency: 'idva', owner: 'Hester Quayle', due: 7, done: 5 }, { what: 'Flag the address for an urgent police response', agency: 'police', owner: 'PC Aled Varrow', due: 2, done: 4 }]);
  await discuss(2, last, 'carried', [
    { what: 'Share the MARAC actions with the children’s school', agency: 'education', owner: 'Designated safeguarding lead', due: 3, done: 2 },
    { what: 'Apply for a non-molestation order with the victim', agency: 'idva', owner: 'Hester Quayle', due: 10, done: null },
  ]);
  await discuss(2, next, null, []);
  await discuss(3, next, null, []);
}
