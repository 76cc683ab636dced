import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { seedCareLeaversDemo } from '../domains/care-leavers/demo.ts';
import { seedChildProtectionDemo } from '../domains/child-protection/demo.ts';
import { seedChildrenInCareDemo } from '../domains/children-in-care/demo.ts';
import { seedMissingDemo } from '../domains/missing/demo.ts';
import { seedReferralsDemo } from '../domains/referrals/demo.ts';
import { addMonths } from '../platform/calendar/working-days.ts';
import type { DemoOrganisation } from './organisation.ts';

/**
 * Children's social care in the demo: children known to social care (and not in early help now) are shared out
 * between referrals, child protection and care, so each capability has children at every stage and no child is
 * on two journeys that could not happen together. Missing episodes fall to older children, some of them in care;
 * care leavers are the young people aged 16 to 21.
 */
export async function seedSocialCareDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const inEarlyHelp = db.selectFrom('early_help_cases').select('person_id').where('status', '<>', 'closed');
  const known = await db
    .selectFrom('people')
    .select(['id', 'date_of_birth'])
    .where('person_type', '=', 'child')
    .where('restricted', '=', false)
    .where('merged_into', 'is', null)
    .where('allocated_team_id', 'is not', null)
    .where('id', 'not in', inEarlyHelp)
    .orderBy('id', 'desc')
    .execute();
  const sixteen = addMonths(today, -16 * 12);
  const younger = known.filter((c) => !c.date_of_birth || c.date_of_birth > sixteen).map((c) => c.id);
  const share = (from: number, to: number) => younger.slice(Math.floor(younger.length * from), Math.floor(younger.length * to));
  const referrals = share(0, 0.35);
  const protection = share(0.35, 0.65);
  const inCare = share(0.65, 1);
  const tenToSixteen = known.filter((c) => c.date_of_birth && c.date_of_birth <= addMonths(today, -10 * 12) && c.date_of_birth > sixteen).map((c) => c.id);
  const leavers = await db
    .selectFrom('people')
    .select('id')
    .where('restricted', '=', false)
    .where('merged_into', 'is', null)
    .where('date_of_birth', '<=', sixteen)
    .where('date_of_birth', '>', addMonths(today, -22 * 12))
    .where('id', 'not in', inEarlyHelp)
    .orderBy('id')
    .limit(8)
    .execute();

  await seedReferralsDemo(db, org, today, referrals);
  await seedChildProtectionDemo(db, org, today, protection);
  await seedChildrenInCareDemo(db, org, today, inCare);
  await seedMissingDemo(db, org, today, tenToSixteen.slice(0, 8));
  await seedCareLeaversDemo(db, org, today, leavers.map((l) => l.id));
}
