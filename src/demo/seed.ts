import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, InvolvementBasis } from '../db/types.ts';
import { postcodeKey } from '../domains/people/identifiers.ts';
import { searchKey } from '../domains/people/names.ts';
import { seedEarlyHelpDemo } from '../domains/early-help/demo.ts';
import { seedFrontDoorDemo } from '../domains/front-door/demo.ts';
import { seedLadoDemo } from '../domains/lado/demo.ts';
import { seedMaracDemo } from '../domains/marac/demo.ts';
import { seedDisagreementsDemo } from '../domains/disagreements/demo.ts';
import { seedPracticeReviewsDemo } from '../domains/practice-reviews/demo.ts';
import { seedCdopDemo } from '../domains/cdop/demo.ts';
import { seedOutsideHomeDemo } from '../domains/outside-home/demo.ts';
import { seedPanelsDemo } from '../domains/panels/demo.ts';
import { seedPrivateFosteringDemo } from '../domains/private-fostering/demo.ts';
import { seedRetentionDemo } from '../domains/governance/retention-demo.ts';
import { seedSarDemo } from '../domains/governance/sar-demo.ts';
import { seedDocumentsDemo } from '../domains/documents/demo.ts';
import { seedCaseAuditsDemo } from '../domains/case-audits/demo.ts';
import { seedSection11Demo } from '../domains/section11/demo.ts';
import { seedBoardDemo } from '../domains/board/demo.ts';
import { seedDatasetDemo } from '../domains/dataset/demo.ts';
import { seedAnnualReportDemo } from '../domains/dataset/report/demo.ts';
import { seedTrainingDemo } from '../domains/training/demo.ts';
import { seedSurveysDemo } from '../domains/surveys/demo.ts';
import { seedChildsVoiceDemo } from '../domains/childs-voice/demo.ts';
import { seedPracticeToolsDemo } from '../domains/practice-tools/demo.ts';
import { generateFamilies, random } from '../domains/people/synthetic.ts';
import { ukToday } from '../platform/calendar/working-days.ts';
import { seedOrganisation } from './organisation.ts';
import { seedSocialCareDemo } from './social-care.ts';

type Rows = {
  [T in 'people' | 'person_names' | 'person_addresses' | 'chronology' | 'restricted_access' | 'involvements' | 'relationships']: Insertable<Database[T]>[];
};

export const DEMO_SEED = 2026;
export const DEMO_CHILDREN = 200;

/**
 * On an empty database, creates the demo partnership: agencies, teams, one user per role, about two hundred
 * synthetic children with their families, and their contacts, early help cases, panel referrals and social care.
 * Deterministic: the same seed gives the same people.
 */
export async function seedDemoIfEmpty(db: Kysely<Database>, options: { seed?: number; children?: number } = {}): Promise<boolean> {
  const existing = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  await db.transaction().execute(async (trx) => {
    const org = await seedOrganisation(trx);
    const rnd = random((options.seed ?? DEMO_SEED) + 1);
    const families = generateFamilies({ seed: options.seed ?? DEMO_SEED, children: options.children ?? DEMO_CHILDREN });
    const socialCare = org.agencyIds.csc!;
    const recorder = org.userIds['sam.rowe@cairn.example']!;
    const namedManager = org.userIds['morgan.hale@cairn.example']!;
    const allocatedTeam = org.teamIds['Assessment Team North']!;

    // Rows are built first and inserted a table at a time: a few statements instead of thousands keeps the
    // first `npm start` quick.
    const rows: Rows = { people: [], person_names: [], person_addresses: [], chronology: [], restricted_access: [], involvements: [], relationships: [] };
    for (const family of families) {
      const ids: Record<string, string> = {};
      const knownToSocialCare = rnd() < 0.35;
      const restricted = knownToSocialCare && rnd() < 0.05;
      for (const p of family.people) {
        const isChild = p.personType !== 'adult';
        const id = uuidv7();
        ids[p.key] = id;
        rows.people.push({
          id,
          person_type: p.personType,
          given_name: p.givenName,
          family_name: p.familyName,
          date_of_birth: p.dateOfBirth,
          expected_date_of_delivery: p.expectedDateOfDelivery,
          sex: p.sex,
          ethnicity: p.ethnicity,
          nhs_number: p.nhsNumber,
          upn: p.upn,
          language: p.language,
          disabilities: p.disabilities,
          restricted: restricted && isChild,
          allocated_team_id: knownToSocialCare && isChild ? allocatedTeam : null,
          search_name: searchKey(p.givenName, p.familyName),
          created_by: recorder,
        });
        for (const a of p.aliases) {
          rows.person_names.push({ person_id: id, given_name: a.givenName, family_name: a.familyName, kind: 'alias', search_name: searchKey(a.givenName, a.familyName), created_by: recorder });
        }
        for (const a of family.addresses) {
          rows.person_addresses.push({ person_id: id, line1: a.line1, town: a.town, postcode: a.postcode, postcode_key: postcodeKey(a.postcode), start_date: a.startDate, end_date: a.endDate, created_by: recorder });
        }
        rows.chronology.push({ person_id: id, occurred_at: new Date(`${family.addresses[0]!.startDate}T09:00:00Z`), entry_type: 'person.created', summary: 'Record created in the person index', agency_id: socialCare, recorded_by: recorder, record_type: 'person', record_id: id });
        if (restricted && isChild) rows.restricted_access.push({ person_id: id, user_id: namedManager, created_by: namedManager });
        if (isChild) for (const involvement of partnerInvolvements(p, rnd, org.agencyIds)) rows.involvements.push({ person_id: id, ...involvement, created_by: recorder });
      }
      for (const r of family.relationships) rows.relationships.push({ person_id: ids[r.from]!, related_person_id: ids[r.to]!, kind: r.kind, created_by: recorder });
    }
    for (const table of Object.keys(rows) as (keyof Rows)[]) {
      for (let i = 0; i < rows[table].length; i += 1000) {
        await trx.insertInto(table).values(rows[table].slice(i, i + 1000) as never).execute();
      }
    }
    // The children's journeys so far, dated back from today so that clocks show every state.
    const today = ukToday();
    await seedFrontDoorDemo(trx, org, today);
    await seedEarlyHelpDemo(trx, org, today);
    await seedPanelsDemo(trx, org, today);
    await seedSocialCareDemo(trx, org, today);
    await seedPrivateFosteringDemo(trx, org, today);
    await seedMaracDemo(trx, org, today);
    await seedLadoDemo(trx, org, today);
    await seedDisagreementsDemo(trx, org, today);
    await seedPracticeReviewsDemo(trx, org, today);
    await seedCdopDemo(trx, org, today);
    await seedOutsideHomeDemo(trx, org, today);
    await seedSarDemo(trx, org, today);
    await seedRetentionDemo(trx, org, today);
    await seedDocumentsDemo(trx, org, today);
    await seedCaseAuditsDemo(trx, org, today);
    await seedSection11Demo(trx, org, today);
    await seedBoardDemo(trx, org, today);
    await seedTrainingDemo(trx, org, today);
    await seedSurveysDemo(trx, org, today);
    await seedChildsVoiceDemo(trx, org, today);
    await seedPracticeToolsDemo(trx, org, today);
    await seedDatasetDemo(trx, org, today);
    await seedAnnualReportDemo(trx, org, today);
  });
  return true;
}

/** Which partner agencies know a child, so that partner demo users have some children and not others. */
function partnerInvolvements(
  p: { dateOfBirth: string | null; personType: string },
  rnd: () => number,
  agencyIds: Record<string, string>,
): { agency_id: string; basis: InvolvementBasis; detail: string }[] {
  const result: { agency_id: string; basis: InvolvementBasis; detail: string }[] = [];
  const ageYears = p.dateOfBirth ? (Date.parse('2026-09-01') - Date.parse(p.dateOfBirth)) / 31_557_600_000 : -1;
  if (ageYears >= 4 && ageYears < 11 && rnd() < 0.4) {
    result.push({ agency_id: agencyIds.school!, basis: 'consent', detail: 'Parent consented to information sharing with the school' });
  }
  if (ageYears < 5 && rnd() < 0.6) {
    result.push({ agency_id: agencyIds.health!, basis: 'lawful_basis', detail: 'Health visiting service: public task (UK GDPR Article 6(1)(e))' });
  }
  return result;
}
