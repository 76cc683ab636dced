import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/types.ts';
import { synthesise as careLeavers } from '../domains/care-leavers/synthetic.ts';
import { synthesise as casework } from '../domains/casework/synthetic.ts';
import { synthesise as childProtection } from '../domains/child-protection/synthetic.ts';
import { synthesise as childrenInCare } from '../domains/children-in-care/synthetic.ts';
import { synthesise as earlyHelp } from '../domains/early-help/synthetic.ts';
import { synthesise as frontDoor } from '../domains/front-door/synthetic.ts';
import { synthesise as lado } from '../domains/lado/synthetic.ts';
import { synthesise as missing } from '../domains/missing/synthetic.ts';
import { synthesise as outsideHome } from '../domains/outside-home/synthetic.ts';
import { synthesise as panels } from '../domains/panels/synthetic.ts';
import { synthesise as privateFostering } from '../domains/private-fostering/synthetic.ts';
import { synthesise as marac } from '../domains/marac/synthetic.ts';
import { synthesise as practiceReviews } from '../domains/practice-reviews/synthetic.ts';
import { synthesise as cdop } from '../domains/cdop/synthetic.ts';
import { synthesise as disagreements } from '../domains/disagreements/synthetic.ts';
import { synthesise as caseAudits } from '../domains/case-audits/synthetic.ts';
import { synthesise as section11 } from '../domains/section11/synthetic.ts';
import { synthesise as board } from '../domains/board/synthetic.ts';
import { estimatePopulation } from '../domains/dataset/synthetic.ts';
import { synthesise as training } from '../domains/training/synthetic.ts';
import { synthesise as surveys } from '../domains/surveys/synthetic.ts';
import { synthesise as childsVoice } from '../domains/childs-voice/synthetic.ts';
import { synthesise as practiceTools } from '../domains/practice-tools/synthetic.ts';
import { postcodeKey } from '../domains/people/identifiers.ts';
import { searchKey } from '../domains/people/names.ts';
import { synthesise as referrals } from '../domains/referrals/synthetic.ts';
import { addCalendarDays, addMonths, ukToday } from '../platform/calendar/working-days.ts';
import { idMaker } from './ids.ts';
import { simulateJourney, type Window } from './model.ts';
import { buildOrganisation, workerFor } from './organisation.ts';
import { type Household, households } from './population.ts';
import { Rng } from './rng.ts';
import { SCALES, type ScaleName } from './scales.ts';
import type { Journey, Synthesise, SyntheticContext } from './types.ts';
import { RowWriter } from './writer.ts';

/** Each capability's part, in the order their rows depend on each other. */
const PARTS: [string, Synthesise][] = [
  ['front-door', frontDoor],
  ['early-help', earlyHelp],
  ['panels', panels],
  ['referrals', referrals],
  ['child-protection', childProtection],
  ['children-in-care', childrenInCare],
  ['care-leavers', careLeavers],
  ['missing', missing],
  ['outside-home', outsideHome],
  ['private-fostering', privateFostering],
  ['lado', lado],
  ['marac', marac],
  ['cdop', cdop],
  ['disagreements', disagreements],
  ['practice-reviews', practiceReviews],
  ['casework', casework],
  ['case-audits', caseAudits],
  ['section11', section11],
  ['board', board],
  ['training', training],
  ['surveys', surveys],
  ['childs-voice', childsVoice],
  ['practice-tools', practiceTools],
];

export interface GenerateOptions {
  scale: ScaleName;
  seed: number;
  years: number;
  /** The last day of the data (today unless given). */
  end?: string;
  /** Called as children are written: how many so far, of about how many. */
  progress?: (done: number, total: number) => void;
}

export const windowOf = (years: number, end: string): Window => ({ start: addCalendarDays(addMonths(end, -12 * years), 1), end });

/**
 * Fills an empty, migrated database with a synthetic local authority: its organisation, its population and every
 * child's journey, in one transaction (a failure leaves the database empty). Deterministic: the same scale, seed,
 * years and end date give the same rows, ids included.
 */
export async function generateAuthority(db: Kysely<Database>, options: GenerateOptions): Promise<{ children: number; rows: number }> {
  const existing = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('The database already holds data: the synthetic authority is generated into an empty database only.');
  const window = windowOf(options.years, options.end ?? ukToday());
  const { children } = SCALES[options.scale];
  const expected = Math.round(children * (21 + options.years) / 18);
  const writer = new RowWriter();
  let made = 0;
  await db.transaction().execute(async (trx) => {
    // Some records point at each other (a step-up contact and its early help case), so foreign keys are not
    // checked row by row while loading; every id comes from the model, and the tests check the links.
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const org = await buildOrganisation(trx, options.scale, options.seed);
    const id = idMaker(options.seed);
    const shared = new Map<string, string>();
    const context = (rng: Rng): SyntheticContext => ({
      end: window.end,
      rng,
      org,
      worker: (kind, child) => workerFor(org, kind, child),
      id,
      stamp: (at, by) => {
        const moment = typeof at === 'string' ? new Date(`${at}T09:00:00Z`) : at;
        return { created_at: moment, updated_at: moment, created_by: by };
      },
      once: (key, make) => {
        let value = shared.get(key);
        if (value === undefined) {
          value = make();
          shared.set(key, value);
        }
        return value;
      },
      add: (table, row) => writer.add(table, row as Record<string, unknown>),
      chronology: (e) => {
        const at = typeof e.at === 'string' ? new Date(`${e.at}T09:00:00Z`) : e.at;
        writer.add('chronology', { id: id(at), person_id: e.personId, occurred_at: at, entry_type: e.type, summary: e.summary, agency_id: e.agencyId, recorded_by: e.by, record_type: e.recordType, record_id: e.recordId, created_at: at });
      },
    });
    const parts = PARTS.map(([name, part]) => [part, context(Rng.for(options.seed, name))] as const);
    const people = context(Rng.for(options.seed, 'people'));
    const recorder = org.partnerUserIds.csc;
    for (const household of households({ seed: options.seed, children, start: window.start, end: window.end })) {
      const journeys = household.children.map((child) => {
        const since = household.address.since < child.dateOfBirth ? child.dateOfBirth : household.address.since;
        child.personId = id(since);
        return child;
      });
      writePeople(people, household, recorder);
      for (const child of journeys) {
        const journey = simulateJourney(child, window, options.seed, id);
        writeChild(people, household, journey, recorder);
        for (const [part, ctx] of parts) part(journey, ctx);
      }
      made += household.children.length;
      if (writer.queued() >= 60_000) {
        await writer.flush(trx);
        options.progress?.(made, expected);
      }
    }
    await writer.drain(trx);
    await estimatePopulation(trx, window);
    options.progress?.(made, made);
  });
  await sql`ANALYZE`.execute(db);
  return { children: made, rows: writer.written };
}

function writePeople(ctx: SyntheticContext, household: Household, recorder: string): void {
  for (const adult of household.adults) {
    adult.personId = ctx.id(household.address.since);
    person(ctx, household, recorder, { id: adult.personId, type: 'adult', given: adult.givenName, family: adult.familyName, dob: adult.dateOfBirth, sex: adult.sex, nhs: adult.nhsNumber, upn: null, disabled: false, team: null });
  }
  for (let a = 1; a < household.adults.length; a++) {
    ctx.add('relationships', { id: ctx.id(household.address.since), person_id: household.adults[0]!.personId, related_person_id: household.adults[a]!.personId, kind: 'partner', ...ctx.stamp(household.address.since, recorder) });
  }
}

function writeChild(ctx: SyntheticContext, household: Household, journey: Journey, recorder: string): void {
  const child = household.children.find((c) => c.personId === journey.child.personId)!;
  child.parentIds = household.adults.map((a) => a.personId);
  const open = journey.episodes.at(-1)?.phases.at(-1);
  const team = open && open.end === null ? ctx.worker(open.team, child).teamId : null;
  person(ctx, household, recorder, { id: child.personId, type: 'child', given: child.givenName, family: child.familyName, dob: child.dateOfBirth, sex: child.sex, nhs: child.nhsNumber, upn: child.upn, disabled: child.disabled, team });
  for (const parent of household.adults) {
    ctx.add('relationships', { id: ctx.id(child.dateOfBirth), person_id: parent.personId, related_person_id: child.personId, kind: 'parent', ...ctx.stamp(child.dateOfBirth, recorder) });
  }
}

function person(
  ctx: SyntheticContext,
  household: Household,
  recorder: string,
  p: { id: string; type: 'adult' | 'child'; given: string; family: string; dob: string; sex: 'M' | 'F'; nhs: string | null; upn: string | null; disabled: boolean; team: string | null },
): void {
  const since = household.address.since < p.dob ? p.dob : household.address.since;
  ctx.add('people', {
    id: p.id, person_type: p.type, given_name: p.given, family_name: p.family, date_of_birth: p.dob, date_of_death: null, expected_date_of_delivery: null, sex: p.sex, ethnicity: household.ethnicity,
    nhs_number: p.nhs, upn: p.upn, language: household.language, disabilities: p.disabled ? ['LD'] : ['NONE'], allocated_team_id: p.team, search_name: searchKey(p.given, p.family), ...ctx.stamp(since, recorder),
  });
  ctx.add('person_addresses', { id: ctx.id(since), person_id: p.id, line1: household.address.line1, town: household.address.town, postcode: household.address.postcode, postcode_key: postcodeKey(household.address.postcode), start_date: since, end_date: null, ...ctx.stamp(since, recorder) });
  ctx.chronology({ personId: p.id, at: since, type: 'person.created', summary: 'Record created in the person index', agencyId: null, by: recorder, recordType: 'person', recordId: p.id });
}
