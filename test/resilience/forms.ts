import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/connection.ts';

/**
 * Form submissions for fault tests, each marked so that what it wrote can be found again afterwards: a contact about a
 * child and a household member (the contact, two `contact_people` rows, the child's chronology entry), and a person
 * added with an address (the person, the address, the chronology entry).
 */

/** A child and an adult from the demo partnership, to record contacts about. */
export async function contactSubjects(db: Db): Promise<{ child: string; adult: string }> {
  const child = await db.selectFrom('people').select('id').where('person_type', '=', 'child').where('restricted', '=', false).orderBy('id').executeTakeFirstOrThrow();
  const adult = await db.selectFrom('people').select('id').where('person_type', '=', 'adult').where('restricted', '=', false).orderBy('id').executeTakeFirstOrThrow();
  return { child: child.id, adult: adult.id };
}

/** The contact form's final step, as the browser sends it; `marker` goes into the reason. */
export function contactForm(subjects: { child: string; adult: string }, marker: string, idempotencyKey: string = randomUUID()): Record<string, string | string[]> {
  return {
    action: 'save',
    idempotencyKey,
    person: [`child:${subjects.child}`, `household:${subjects.adult}`],
    [`relationship-${subjects.adult}`]: 'father',
    source: 'school',
    referrerName: 'Pat Quinn',
    referrerRole: 'Designated safeguarding lead',
    referrerPhone: '01632 960 001',
    referrerEmail: 'pat.quinn@cairn.example',
    reason: `Bruising seen at school (${marker})`,
    presentingNeeds: ['physical_abuse'],
    consent: 'given',
    consentOverrideReason: '',
    urgency: 'same_day',
  };
}

/** The "Add a person" form with an address; `marker` is the family name. */
export function personForm(marker: string, idempotencyKey: string = randomUUID()): Record<string, string> {
  return {
    idempotencyKey,
    personType: 'child',
    givenName: 'Robin',
    familyName: marker,
    'dateOfBirth-day': '4',
    'dateOfBirth-month': '5',
    'dateOfBirth-year': '2016',
    sex: 'F',
    addressLine1: '1 Quarry Lane',
    addressTown: 'Brackenford',
    addressPostcode: 'ZZ99 3AA',
    'addressStartDate-day': '1',
    'addressStartDate-month': '2',
    'addressStartDate-year': '2020',
    confirmDifferent: 'yes',
  };
}

export interface ContactParts {
  id: string;
  reason: string;
  people: number;
  chronology: number;
}

/** Every contact whose reason carries `prefix`, with how many people and chronology entries it has. */
export async function contactsMarked(db: Db, prefix: string): Promise<ContactParts[]> {
  const contacts = await db.selectFrom('contacts').select(['id', 'reason']).where('reason', 'like', `%(${prefix}%`).execute();
  return Promise.all(
    contacts.map(async (c) => ({
      ...c,
      people: (await db.selectFrom('contact_people').select('person_id').where('contact_id', '=', c.id).execute()).length,
      chronology: (await db.selectFrom('chronology').select('id').where('record_id', '=', c.id).execute()).length,
    })),
  );
}

export interface PersonParts {
  id: string;
  familyName: string;
  addresses: number;
  chronology: number;
}

/** Every person whose family name starts with `prefix`, with their addresses and chronology entries. */
export async function peopleMarked(db: Db, prefix: string): Promise<PersonParts[]> {
  const people = await db.selectFrom('people').select(['id', 'family_name']).where('family_name', 'like', `${prefix}%`).execute();
  return Promise.all(
    people.map(async (p) => ({
      id: p.id,
      familyName: p.family_name,
      addresses: (await db.selectFrom('person_addresses').select('id').where('person_id', '=', p.id).execute()).length,
      chronology: (await db.selectFrom('chronology').select('id').where('person_id', '=', p.id).where('entry_type', '=', 'person.created').execute()).length,
    })),
  );
}
