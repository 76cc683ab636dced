import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import { EPISODE_CEASED_REASONS, LEGAL_STATUSES, PLACEMENT_TYPES, REVIEW_PARTICIPATION } from '../../platform/codes/ssda903.ts';
import { formatDate } from '../../platform/views/format.ts';
import { random } from '../people/synthetic.ts';
import { nextReview } from './clocks.ts';
import { CHECK_KINDS, type CheckKind } from './labels.ts';
import { ageAt } from './rules-903.ts';

type Table = 'cin_episodes' | 'case_allocations' | 'care_periods' | 'care_episodes' | 'care_reviews' | 'care_checks' | 'visits' | 'chronology';
type Rows = { [T in Table]: Insertable<Database[T]>[] };

const NIA = 'nia.brooks@cairn.example';
const ROB = 'rob.delaney@cairn.example';
const IRIS = 'iris.fenwick@cairn.example';

/** One move in a child's care: days before today, then what the episode became. */
interface Move {
  ago: number;
  ls?: string;
  place?: string;
  provider?: string | null;
  carer?: string | null;
  urn?: string | null;
  postcode?: string | null;
  rne: string;
  why?: string | null;
}
interface Story {
  what: string;
  start: number;
  ls: string;
  place: string;
  provider: string | null;
  carer: string;
  urn: string | null;
  postcode: string | null;
  need: string;
  moves?: Move[];
  /** Days before today that reviews were held. */
  reviews?: number[];
  visits?: number[];
  checks?: [CheckKind, number][];
  uasc?: boolean;
  ended?: { ago: number; rec: string };
  worker?: string;
  /** The ages today the story suits (a UASC is a teenager; the long-term measure is for under-16s). */
  ages?: [number, number];
}

/** About twelve children, each at a different point, dated back from today so every clock shows every state. */
const STORIES: Story[] = [
  { what: 'newly looked after', start: 5, ls: 'V2', place: 'U6', provider: 'PR1', carer: 'Mr and Mrs Thornbury', urn: 'SC401122', postcode: 'ZZ99 3HA', need: 'N4', visits: [2] },
  { what: 'newly looked after on an interim care order, with kin', start: 12, ls: 'C1', place: 'U3', provider: 'PR1', carer: 'Aunt, Ms Kestrel', urn: 'SC401122', postcode: 'ZZ99 5JB', need: 'N1', visits: [10], checks: [['pep', 4]] },
  {
    what: 'three placements this year',
    start: 300, ls: 'V2', place: 'U6', provider: 'PR4', carer: 'Mr Pennant', urn: 'SC512340', postcode: 'ZZ99 6KD', need: 'N5',
    moves: [
      { ago: 200, place: 'K2', provider: 'PR4', carer: 'Larch House', urn: 'SC498812', postcode: 'ZZ99 8LA', rne: 'P', why: 'CREQB' },
      { ago: 90, place: 'U6', provider: 'PR1', carer: 'Ms Odell', urn: 'SC401122', postcode: 'ZZ99 2MB', rne: 'P', why: 'CARPL' },
      { ago: 40, ls: 'C2', rne: 'L' },
    ],
    reviews: [280, 190], visits: [290, 195, 150, 85, 30], checks: [['initial_health', 285], ['dental', 200], ['pep', 100]],
  },
  {
    what: 'long-term stable placement',
    start: 1300, ls: 'C1', place: 'U6', provider: 'PR1', carer: 'Mr and Mrs Harwood', urn: 'SC401122', postcode: 'ZZ99 4NC', need: 'N1',
    moves: [{ ago: 1100, ls: 'C2', place: 'U4', rne: 'U', why: 'PLACE' }],
    ages: [6, 15],
    reviews: [1275, 1190, 1010, 830, 650, 470, 290, 110], visits: [400, 300, 200, 110, 20], checks: [['initial_health', 1280], ['review_health', 200], ['dental', 150], ['immunisations', 150], ['sdq', 170], ['pep', 60]],
  },
  { what: 'review overdue', start: 400, ls: 'C2', place: 'U4', provider: 'PR4', carer: 'Ms Brackwater', urn: 'SC512340', postcode: 'ZZ99 7PD', need: 'N1', reviews: [380, 300], visits: [100, 50, 10], checks: [['initial_health', 385], ['review_health', 40], ['dental', 90], ['pep', 70]] },
  { what: 'health assessment overdue', start: 60, ls: 'V2', place: 'U6', provider: 'PR1', carer: 'Mr Sallow', urn: 'SC401122', postcode: 'ZZ99 1QE', need: 'N4', reviews: [35], visits: [55, 20] },
  { what: 'unaccompanied asylum-seeking child', start: 150, ls: 'V2', place: 'U6', provider: 'PR5', carer: 'Mrs Greaves', urn: 'SC620021', postcode: 'ZZ99 9RF', need: 'N8', uasc: true, ages: [15, 17], reviews: [125, 40], visits: [140, 100, 60, 20], checks: [['initial_health', 130], ['pep', 100]] },
  {
    what: 'left care, returned home',
    start: 700, ls: 'V2', place: 'U6', provider: 'PR1', carer: 'Mr and Mrs Alderney', urn: 'SC401122', postcode: 'ZZ99 2SG', need: 'N4',
    reviews: [680, 590, 410, 230], visits: [600, 400, 250], checks: [['initial_health', 690]], ended: { ago: 200, rec: 'E4A' }, worker: ROB, ages: [6, 17],
  },
  { what: 'visit overdue', start: 200, ls: 'C2', place: 'U6', provider: 'PR4', carer: 'Ms Fallowfield', urn: 'SC512340', postcode: 'ZZ99 3TH', need: 'N1', reviews: [180, 95], visits: [190, 60], checks: [['initial_health', 185], ['pep', 40]] },
  {
    what: 'in respite while carers are away',
    start: 250, ls: 'C2', place: 'U4', provider: 'PR1', carer: 'Mr and Mrs Copse', urn: 'SC401122', postcode: 'ZZ99 6UJ', need: 'N1',
    moves: [{ ago: 5, place: 'T3', provider: null, carer: 'Respite carer Ms Rowan', urn: null, postcode: null, rne: 'P', why: null }],
    reviews: [230, 140], visits: [240, 120, 30], checks: [['initial_health', 235], ['dental', 100], ['pep', 50]],
  },
  { what: 'placed with parents', start: 500, ls: 'C2', place: 'P1', provider: 'PR0', carer: 'Mother', urn: null, postcode: 'ZZ99 4VK', need: 'N1', reviews: [480, 390, 210, 30], visits: [70, 25], checks: [['initial_health', 490], ['review_health', 120], ['dental', 120]], worker: ROB },
  { what: 'children’s home, PEP overdue', ages: [11, 17], start: 220, ls: 'C2', place: 'K2', provider: 'PR4', carer: 'Oakmere House', urn: 'SC498812', postcode: 'ZZ99 8WL', need: 'N6', reviews: [200, 110], visits: [210, 100, 35], checks: [['initial_health', 205], ['pep', 190]] },
];

/**
 * Children in care for the demo: about twelve children at every stage (newly looked after, moved three times this
 * year, long-term stable, review, visit, health and PEP clocks overdue, a UASC, respite, placed with parents, one
 * who left care). Each has an open referral and is allocated (to Nia Brooks mostly); Iris Fenwick is the IRO.
 * Rows are written directly, coherent with the state machine and the 903 rules. Deterministic.
 */
export async function seedChildrenInCareDemo(db: Kysely<Database>, org: DemoOrganisation, today: string, children: string[]): Promise<void> {
  const rnd = random(903);
  const rows: Rows = { cin_episodes: [], case_allocations: [], care_periods: [], care_episodes: [], care_reviews: [], care_checks: [], visits: [], chronology: [] };
  const people = children.length ? await db.selectFrom('people').select(['id', 'date_of_birth']).where('id', 'in', children).execute() : [];
  const dob = new Map(people.map((p) => [p.id, p.date_of_birth]));
  const csc = org.agencyIds.csc!;
  const iro = org.userIds[IRIS]!;
  const team = org.teamIds['Children in Care Team']!;
  // Stories that need an age take a child of that age first; the rest take whoever is left.
  const unused = new Set(children);
  const ageOf = (id: string) => (dob.get(id) ? ageAt(dob.get(id)!, today) : 10);
  const cast: [Story, string][] = [];
  for (const story of [...STORIES].sort((a, b) => Number(Boolean(b.ages)) - Number(Boolean(a.ages)))) {
    const fits = [...unused].find((id) => !story.ages || (ageOf(id) >= story.ages[0] && ageOf(id) <= story.ages[1])) ?? [...unused].find((id) => ageOf(id) < 17);
    if (!fits) continue;
    unused.delete(fits);
    cast.push([story, fits]);
  }
  for (const [story, personId] of cast) {
    const birth = dob.get(personId) ?? addMonths(today, -12 * 10);
    const day = (ago: number) => {
      const d = addCalendarDays(today, -ago);
      return d <= birth ? addCalendarDays(birth, 1 + Math.floor(rnd() * 3)) : d;
    };
    const start = day(story.start);
    const worker = org.userIds[story.worker ?? NIA]!;
    const note = (date: string, entry_type: string, summary: string, record_type: string, record_id: string, by = worker) =>
      rows.chronology.push({ person_id: personId, occurred_at: new Date(`${date}T10:${String(rows.chronology.length % 60).padStart(2, '0')}:00Z`), entry_type, summary, agency_id: csc, recorded_by: by, record_type, record_id });
    const referral = addCalendarDays(start, -10) > birth ? addCalendarDays(start, -10) : start;
    rows.cin_episodes.push({ id: uuidv7(), person_id: personId, referral_date: referral, referral_source: '5A', referral_reason: 'Concerns about the care the child was receiving at home', primary_need: story.need, created_by: worker });
    rows.case_allocations.push({ person_id: personId, worker_id: worker, team_id: team, start_date: referral, reason: 'FCONTA', created_by: worker });
    const periodId = uuidv7();
    const end = story.ended ? day(story.ended.ago) : null;
    rows.care_periods.push({ id: periodId, person_id: personId, episode_id: rows.cin_episodes.at(-1)!.id!, start_date: start, category_of_need: story.need, uasc: Boolean(story.uasc), iro_id: iro, end_date: end, created_by: worker });
    note(start, 'care.started', `Became looked after on ${formatDate(start)}: ${LEGAL_STATUSES[story.ls]!.toLowerCase()}; ${PLACEMENT_TYPES[story.place]!.toLowerCase()}${story.uasc ? ' (unaccompanied asylum-seeking child)' : ''}`, 'care_period', periodId);
    let current = { ls: story.ls, place: story.place, provider: story.provider, carer: story.carer as string | null, urn: story.urn, postcode: story.postcode, rne: 'S', from: start };
    const home = story.uasc ? null : 'ZZ99 1AB';
    for (const move of story.moves ?? []) {
      const on = day(move.ago);
      if (on <= current.from) continue;
      rows.care_episodes.push({ period_id: periodId, person_id: personId, start_date: current.from, reason_new_episode: current.rne, legal_status: current.ls, placement_type: current.place, placement_provider: current.provider, carer_name: current.carer, urn: current.urn, home_postcode: home, placement_postcode: current.postcode, end_date: on, reason_ceased: 'X1', reason_place_change: move.why ?? null, created_by: worker });
      current = { ls: move.ls ?? current.ls, place: move.place ?? current.place, provider: move.provider !== undefined ? move.provider : current.provider, carer: move.carer !== undefined ? move.carer : current.carer, urn: move.urn !== undefined ? move.urn : current.urn, postcode: move.postcode !== undefined ? move.postcode : current.postcode, rne: move.rne, from: on };
      note(on, 'care.changed', `Change on ${formatDate(on)}: ${LEGAL_STATUSES[current.ls]!.toLowerCase()}; ${PLACEMENT_TYPES[current.place]!.toLowerCase()}`, 'care_period', periodId);
    }
    rows.care_episodes.push({ period_id: periodId, person_id: personId, start_date: current.from, reason_new_episode: current.rne, legal_status: current.ls, placement_type: current.place, placement_provider: current.provider, carer_name: current.carer, urn: current.urn, home_postcode: home, placement_postcode: current.postcode, end_date: end, reason_ceased: story.ended?.rec ?? null, reason_place_change: null, created_by: worker });
    if (end) note(end, 'care.ended', `Left care on ${formatDate(end)}: ${EPISODE_CEASED_REASONS[story.ended!.rec]!.toLowerCase()}`, 'care_period', periodId);
    const held: string[] = [];
    for (const ago of [...(story.reviews ?? [])].sort((a, b) => b - a)) {
      const on = day(ago);
      if (on < start || (end && on > end)) continue;
      const participation = ageAt(birth, on) < 4 ? 'PN0' : (['PN1', 'PN1', 'PN2', 'PN5', 'PN6'] as const)[Math.floor(rnd() * 5)]!;
      const id = uuidv7();
      rows.care_reviews.push({ id, period_id: periodId, person_id: personId, due_date: nextReview(start, held).due, held_on: on, chair_id: iro, participation, summary: 'Care plan reviewed with the child, carers and social worker. Placement meeting needs; contact arrangements continue.', created_by: iro });
      held.push(on);
      note(on, 'care.review_held', `Looked-after review held on ${formatDate(on)}: ${REVIEW_PARTICIPATION[participation]!.toLowerCase()}`, 'care_review', id, iro);
    }
    for (const ago of story.visits ?? []) {
      const on = day(ago);
      if (on < start || (end && on > end)) continue;
      rows.visits.push({ person_id: personId, visit_date: on, purpose: 'looked_after', child_seen: true, seen_alone: rnd() < 0.6, visited_by: worker, notes: 'Visited in placement; the child was seen and spoke about school and contact.', created_by: worker });
    }
    for (const [kind, ago] of story.checks ?? []) {
      const on = day(ago);
      if (on < start || (end && on > end)) continue;
      const age = ageAt(birth, on);
      if (kind === 'sdq' && (age < 4 || age > 16)) continue;
      if (kind === 'pep' && (age < 4 || age > 17)) continue;
      const id = uuidv7();
      rows.care_checks.push({ id, period_id: periodId, person_id: personId, kind, done_on: on, score: kind === 'sdq' ? 8 + Math.floor(rnd() * 18) : null, notes: null, created_by: worker });
      note(on, 'care.check_recorded', `${CHECK_KINDS[kind]} on ${formatDate(on)}`, 'care_check', id);
    }
  }
  for (const table of Object.keys(rows) as Table[]) {
    if (rows[table].length) await db.insertInto(table).values(rows[table] as never).execute();
  }
}
