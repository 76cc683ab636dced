import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** The few indexed reads the work inbox makes on every page. */

/** Open cases led by these users, with whether their assessment is registered. */
export const openCasesLedBy = (db: Kysely<Database>, userIds: readonly string[]) =>
  db
    .selectFrom('early_help_cases')
    .innerJoin('people', 'people.id', 'early_help_cases.person_id')
    .select((eb) => [
      'early_help_cases.id',
      'early_help_cases.person_id',
      'early_help_cases.lead_professional_id',
      'early_help_cases.opened_on',
      'early_help_cases.next_review_due',
      'people.given_name',
      'people.family_name',
      eb
        .exists(
          eb
            .selectFrom('early_help_assessments')
            .select('early_help_assessments.id')
            .whereRef('early_help_assessments.case_id', '=', 'early_help_cases.id')
            .where('early_help_assessments.status', '=', 'registered'),
        )
        .as('registered'),
    ])
    .where('early_help_cases.lead_professional_id', 'in', userIds)
    .where('early_help_cases.status', '=', 'open')
    .limit(500)
    .execute();

/** Plan actions these users own that are not done, on open cases. */
export const openActionsOwnedBy = (db: Kysely<Database>, userIds: readonly string[]) =>
  db
    .selectFrom('early_help_actions')
    .innerJoin('early_help_cases', 'early_help_cases.id', 'early_help_actions.case_id')
    .innerJoin('people', 'people.id', 'early_help_cases.person_id')
    .select(['early_help_actions.id', 'early_help_actions.case_id', 'early_help_actions.owner_id', 'early_help_actions.due_on', 'early_help_cases.person_id', 'people.given_name', 'people.family_name'])
    .where('early_help_actions.owner_id', 'in', userIds)
    .where('early_help_actions.completed_on', 'is', null)
    .where('early_help_cases.status', '=', 'open')
    .limit(500)
    .execute();

/** Open cases with no lead professional yet. */
export const unallocatedCases = (db: Kysely<Database>) =>
  db
    .selectFrom('early_help_cases')
    .innerJoin('people', 'people.id', 'early_help_cases.person_id')
    .select(['early_help_cases.id', 'early_help_cases.person_id', 'early_help_cases.opened_on', 'people.given_name', 'people.family_name'])
    .where('early_help_cases.status', '=', 'open')
    .where('early_help_cases.lead_professional_id', 'is', null)
    .orderBy('early_help_cases.opened_on')
    .limit(500)
    .execute();

export const agenciesOfUsers = (db: Kysely<Database>, userIds: readonly string[]) =>
  db.selectFrom('users').select(['id', 'agency_id']).where('id', 'in', userIds).execute();
