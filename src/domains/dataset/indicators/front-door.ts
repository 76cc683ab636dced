import { sql } from 'kysely';
import type { Indicator } from './types.ts';

/** The UK calendar day a moment falls on. */
export const ukDay = (column: string) => sql`(${sql.ref(column)} AT TIME ZONE 'Europe/London')::date`;

export const contacts: Indicator = {
  id: 'contacts',
  title: 'Contacts',
  definition:
    'Contacts received by the front door in the period, counted once for each child the contact is about (a contact about two brothers counts twice), on the day it was received.',
  service: 'front-door',
  measure: 'count',
  numerator: 'Children named in contacts received in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'agency'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['contacts'],
  recordLabel: 'Contact received',
  units: ({ from, to }) => sql`
    SELECT c.id::text AS record_id, cp.person_id, ${ukDay('c.received_at')} AS dated, true AS counted, a.name AS agency
    FROM contacts c JOIN contact_people cp ON cp.contact_id = c.id JOIN agencies a ON a.id = c.made_by_agency_id
    WHERE ${ukDay('c.received_at')} BETWEEN ${from} AND ${to}`,
};

export const FRONT_DOOR: Indicator[] = [contacts];
