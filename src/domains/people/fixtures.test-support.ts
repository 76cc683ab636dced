import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { postcodeKey } from './identifiers.ts';
import { searchKey } from './names.ts';

/** Test-only: puts a person straight into the index, with an optional current address. */
export async function insertTestPerson(
  db: Kysely<Database>,
  p: { givenName: string; familyName: string; dateOfBirth?: string; nhsNumber?: string; postcode?: string; restricted?: boolean; personType?: 'child' | 'adult' | 'unborn' },
): Promise<string> {
  const row = await db
    .insertInto('people')
    .values({
      person_type: p.personType ?? 'child',
      given_name: p.givenName,
      family_name: p.familyName,
      date_of_birth: p.dateOfBirth ?? '2015-03-27',
      sex: 'F',
      nhs_number: p.nhsNumber ?? null,
      restricted: p.restricted ?? false,
      search_name: searchKey(p.givenName, p.familyName),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (p.postcode) {
    await db
      .insertInto('person_addresses')
      .values({ person_id: row.id, line1: '1 Test Row', town: 'Brackenshire', postcode: p.postcode, postcode_key: postcodeKey(p.postcode), start_date: '2020-01-01' })
      .execute();
  }
  return row.id;
}

export const userId = async (db: Kysely<Database>, email: string) =>
  (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

export const agencyId = async (db: Kysely<Database>, kind: 'education' | 'health' | 'social_care') =>
  (await db.selectFrom('agencies').select('id').where('kind', '=', kind).executeTakeFirstOrThrow()).id;
