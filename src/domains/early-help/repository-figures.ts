import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Assessments registered between two dates (inclusive), with what the figures count them by. */
export const registeredAssessments = (db: Kysely<Database>, from: string, to: string) =>
  db
    .selectFrom('early_help_assessments')
    .innerJoin('early_help_cases', 'early_help_cases.id', 'early_help_assessments.case_id')
    .innerJoin('people', 'people.id', 'early_help_cases.person_id')
    .leftJoin('agencies', 'agencies.id', 'early_help_assessments.completing_agency_id')
    .select([
      'early_help_assessments.registered_on',
      'early_help_cases.source',
      'early_help_cases.locality',
      'people.person_type',
      'people.sex',
      'people.date_of_birth',
      'agencies.kind as agency_kind',
    ])
    .where('early_help_assessments.status', '=', 'registered')
    .where('early_help_assessments.registered_on', '>=', from)
    .where('early_help_assessments.registered_on', '<=', to)
    .execute();

/** The first date an assessment was registered, for the choice of years. */
export const firstRegistration = async (db: Kysely<Database>) =>
  (
    await db
      .selectFrom('early_help_assessments')
      .select((eb) => eb.fn.min('registered_on').as('first'))
      .where('status', '=', 'registered')
      .executeTakeFirst()
  )?.first ?? null;
