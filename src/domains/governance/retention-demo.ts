import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { nhsCheckDigit, postcodeKey } from '../people/identifiers.ts';
import { searchKey } from '../people/names.ts';

/**
 * The demo's retention part: a few synthetic people whose involvement ended long ago, so the data protection officer's
 * queue is not empty, and one of them under a legal hold. Every date is counted back from today, so they stay due
 * however long the demo runs. Their free text is synthetic and names nobody else.
 */
const years = (today: string, n: number) => addMonths(today, -12 * n);

/** A synthetic NHS number in the 999 range (never issued), with a correct check digit. */
function demoNhsNumber(serial: number): string {
  for (let s = serial; ; s++) {
    const nine = `999${String(s).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

interface DemoPerson {
  key: string;
  givenName: string;
  familyName: string;
  personType: 'child' | 'adult';
  dateOfBirth: string;
  sex: 'M' | 'F';
  postcode: string;
}

export interface RetentionDemo {
  /** Early help closed 17 years ago, now 27: due, with a registered assessment the early help figures count. */
  earlyHelp: string;
  /** Their mother, named in their record. */
  mother: string;
  /** A contact with no further action 20 years ago. */
  contactOnly: string;
  /** A child in need episode closed at 17, nine years ago. */
  childInNeed: string;
  /** Early help long closed, under a legal hold (a public inquiry). */
  held: string;
}

export async function seedRetentionDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<RetentionDemo> {
  const recorder = org.userIds['sam.rowe@cairn.example']!;
  const officer = org.userIds['gwen.ashdown@cairn.example']!;
  const socialCare = org.agencyIds.csc!;
  const longAgo = new Date(`${years(today, 20)}T10:00:00Z`);
  const people: DemoPerson[] = [
    { key: 'earlyHelp', givenName: 'Rowan', familyName: 'Pellow', personType: 'adult', dateOfBirth: addMonths(years(today, 27), -2), sex: 'F', postcode: 'ZZ99 4RT' },
    { key: 'mother', givenName: 'Imelda', familyName: 'Pellow', personType: 'adult', dateOfBirth: years(today, 55), sex: 'F', postcode: 'ZZ99 4RT' },
    { key: 'contactOnly', givenName: 'Casimir', familyName: 'Brandreth', personType: 'adult', dateOfBirth: years(today, 31), sex: 'M', postcode: 'ZZ99 7QD' },
    { key: 'childInNeed', givenName: 'Tamsin', familyName: 'Quarrie', personType: 'adult', dateOfBirth: addMonths(years(today, 26), -3), sex: 'F', postcode: 'ZZ99 2LB' },
    { key: 'held', givenName: 'Oswin', familyName: 'Hartigan', personType: 'adult', dateOfBirth: years(today, 29), sex: 'M', postcode: 'ZZ99 8HN' },
  ];
  const ids: Record<string, string> = {};
  for (const [i, p] of people.entries()) {
    const id = uuidv7();
    ids[p.key] = id;
    await db
      .insertInto('people')
      .values({
        id, person_type: p.personType, given_name: p.givenName, family_name: p.familyName, date_of_birth: p.dateOfBirth, sex: p.sex,
        ethnicity: 'WBRI', nhs_number: demoNhsNumber(700 + i * 11), search_name: searchKey(p.givenName, p.familyName),
        created_by: recorder, created_at: longAgo, updated_at: longAgo,
      })
      .execute();
    await db.insertInto('person_addresses').values({ person_id: id, line1: `${12 + i} Mill Lane`, town: 'Brackenshire', postcode: p.postcode, postcode_key: postcodeKey(p.postcode), start_date: years(today, 22), created_by: recorder, created_at: longAgo, updated_at: longAgo }).execute();
    await db.insertInto('chronology').values({ person_id: id, occurred_at: longAgo, entry_type: 'person.created', summary: 'Record created in the person index', agency_id: socialCare, recorded_by: recorder, record_type: 'person', record_id: id }).execute();
  }
  await db.insertInto('person_names').values({ person_id: ids.earlyHelp!, given_name: 'Ro', family_name: 'Pellow', kind: 'preferred', search_name: searchKey('Ro', 'Pellow'), created_by: recorder, created_at: longAgo, updated_at: longAgo }).execute();
  await db.insertInto('relationships').values({ person_id: ids.mother!, related_person_id: ids.earlyHelp!, kind: 'mother', created_by: recorder, created_at: longAgo, updated_at: longAgo }).execute();

  await earlyHelpCase(db, org, ids.earlyHelp!, years(today, 18), years(today, 17), 'Support with school attendance and routines at home after a house move.');
  await earlyHelpCase(db, org, ids.held!, years(today, 19), years(today, 18), 'Family support after a bereavement; the young person was struggling at school.');

  const contactAt = new Date(`${years(today, 20)}T11:30:00Z`);
  const contact = await db
    .insertInto('contacts')
    .values({
      received_at: contactAt, decision_due: years(today, 20), source: 'school', referrer_name: 'Demo teacher', made_by_agency_id: org.agencyIds.school ?? socialCare,
      reason: 'Worried about a bruise seen in PE; the explanation given was a fall from a bike.', consent: 'given', urgency: 'standard', status: 'decided',
      decision_outcome: 'no_further_action', decision_level: 1, decision_reasons: 'Explanation consistent with the injury; no other concerns known.', decided_by: recorder, decided_at: contactAt,
      signed_off_by: recorder, signed_off_at: contactAt,
      created_by: recorder, created_at: contactAt, updated_at: contactAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('contact_people').values({ contact_id: contact.id, person_id: ids.contactOnly!, role: 'child' }).execute();
  await db.insertInto('chronology').values([
    { person_id: ids.contactOnly!, occurred_at: contactAt, entry_type: 'contact.received', summary: 'Contact received from a school (Fernhollow Academy): physical injury', agency_id: org.agencyIds.school ?? socialCare, recorded_by: recorder, record_type: 'contact', record_id: contact.id },
    { person_id: ids.contactOnly!, occurred_at: contactAt, entry_type: 'threshold.decision', summary: 'Threshold decision: level 1 (Universal), no further action', agency_id: socialCare, recorded_by: recorder, record_type: 'contact', record_id: contact.id },
  ]).execute();

  const closed = addMonths(years(today, 9), -2);
  await db
    .insertInto('cin_episodes')
    .values({
      person_id: ids.childInNeed!, referral_date: years(today, 10), referral_source: '3A', referral_reason: 'Young carer for a parent with a long-term illness; missing school.',
      primary_need: 'N1', closure_date: closed, closure_reason: 'RC4', closure_notes: 'Young carers service in place; family agreed to close.',
      created_by: recorder, created_at: longAgo, updated_at: longAgo,
    })
    .execute();

  await db
    .insertInto('retention_holds')
    .values({ person_id: ids.held!, reason: 'public_inquiry', reference: 'Demo inquiry into historical support services (document preservation notice 2024/07)', placed_by: officer, from_date: years(today, 2), created_by: officer })
    .execute();
  return ids as unknown as RetentionDemo;
}

async function earlyHelpCase(db: Kysely<Database>, org: DemoOrganisation, personId: string, opened: string, closed: string, summary: string) {
  const recorder = org.userIds['sam.rowe@cairn.example']!;
  const at = new Date(`${opened}T09:00:00Z`);
  const c = await db
    .insertInto('early_help_cases')
    .values({ person_id: personId, status: 'closed', source: 'direct', locality: 'central_east', opened_on: opened, closed_on: closed, closure_reason: 'needs_met', closure_summary: 'Needs met; the family said the support helped.', created_by: recorder, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('early_help_assessments')
    .values({ case_id: c.id, status: 'registered', started_on: opened, registered_on: addMonths(opened, 1), completing_agency_id: org.agencyIds.school ?? null, consent_given: true, summary, child_views: 'Wants things to be calmer at home.', created_by: recorder, created_at: at, updated_at: at })
    .execute();
  await db.insertInto('chronology').values({ person_id: personId, occurred_at: at, entry_type: 'early_help.opened', summary: `Early help case opened: ${summary}`, agency_id: org.agencyIds.csc!, recorded_by: recorder, record_type: 'early_help_case', record_id: c.id }).execute();
}
