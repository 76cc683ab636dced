import { type RawBuilder, sql } from 'kysely';
import { REFERRAL_SOURCES } from '../../../platform/codes/cin.ts';
import { labelled } from './labels-sql.ts';
import type { Indicator } from './types.ts';

/** The UK calendar day a moment falls on. */
export const ukDay = (column: string) => sql`(${sql.ref(column)} AT TIME ZONE 'Europe/London')::date`;

/** The first moment of a UK calendar day (midnight in London, GMT or BST): a day range on a timestamp column stays a range. */
const ukMidnight = (day: RawBuilder<unknown>) => sql`(${day}::timestamp AT TIME ZONE 'Europe/London')`;

export const contacts: Indicator = {
  id: 'contacts',
  title: 'Contacts',
  definition:
    'Contacts received by the front door in the period, counted once for each child the contact is about (a contact about two brothers counts twice; the adults in the household are not counted), on the UK day it was received.',
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
    FROM contacts c JOIN contact_people cp ON cp.contact_id = c.id AND cp.role = 'child' LEFT JOIN agencies a ON a.id = c.made_by_agency_id
    WHERE c.received_at >= ${ukMidnight(from)} AND c.received_at < ${ukMidnight(sql`(${to} + 1)`)}`,
};

/** Who made a referral, in the CIN census's words (its ReferralSource code). */
const SOURCE_LABEL = labelled(sql`e.referral_source`, REFERRAL_SOURCES);

/** Referrals (child in need episodes) received in the period, one row each, for the referral indicators to share. */
const referralsIn = (from: RawBuilder<unknown>, to: RawBuilder<unknown>, counted: RawBuilder<unknown>) => sql`
  SELECT e.id::text AS record_id, e.person_id, e.referral_date AS dated, ${counted} AS counted, ${SOURCE_LABEL} AS agency
  FROM cin_episodes e WHERE e.referral_date BETWEEN ${from} AND ${to}`;

export const referrals: Indicator = {
  id: 'referrals',
  title: 'Referrals to children’s social care',
  definition:
    'Referrals to children’s social care received in the period: each opens a child in need episode, as the CIN census counts them, including referrals that led to no further action. A child referred twice counts twice. The agency is who made the referral.',
  service: 'front-door',
  measure: 'count',
  numerator: 'Referrals received in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'agency'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['cin_episodes'],
  recordLabel: 'Referral received',
  units: ({ from, to }) => referralsIn(from, to, sql`true`),
};

/**
 * An earlier referral of the same child on or after the same date 12 months before (29 February's anniversary is
 * 28 February): "within 12 months" includes the anniversary, as Cairn flags a re-referral when it is received
 * (referrals/episodes.ts). Two referrals on one day are ordered by closure, then id, so only the later is a repeat.
 */
const PREVIOUS_WITHIN_12_MONTHS = sql`EXISTS (
  SELECT 1 FROM cin_episodes prev
  WHERE prev.person_id = e.person_id
    AND prev.referral_date >= (e.referral_date - interval '12 months')::date AND prev.referral_date <= e.referral_date
    AND (prev.referral_date, coalesce(prev.closure_date, 'infinity'::date), prev.id) < (e.referral_date, coalesce(e.closure_date, 'infinity'::date), e.id))`;

export const reReferrals12m: Indicator = {
  id: 're_referrals_12m',
  title: 'Re-referrals within 12 months',
  definition:
    'Of the referrals to children’s social care received in the period, the percentage about a child who had been referred before in the 12 months up to the referral (a referral on the same date a year earlier counts as within 12 months), as the DfE defines a re-referral. A high rate can mean cases were closed before things had changed for the child.',
  service: 'front-door',
  measure: 'percent',
  numerator: 'Referrals within 12 months of a previous referral of the same child',
  denominator: 'Referrals received in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'agency'],
  polarity: 'lower_is_better',
  tables: ['cin_episodes'],
  recordLabel: 'Referral received',
  units: ({ from, to }) => referralsIn(from, to, PREVIOUS_WITHIN_12_MONTHS),
};

export const referralsToAssessment: Indicator = {
  id: 'referrals_to_assessment',
  title: 'Referrals that led to an assessment',
  definition:
    'Of the referrals to children’s social care received in the period, the percentage that led to a child and family assessment (one started in the referral’s episode, whenever it started: a referral near the end of the period may still go on to one). The 2010 scrutiny list’s "referrals going on to initial assessment" (NI 68); a higher share suggests referrals are the right ones.',
  service: 'front-door',
  measure: 'percent',
  numerator: 'Referrals with a child and family assessment',
  denominator: 'Referrals received in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'agency'],
  polarity: 'higher_is_better',
  tables: ['cin_episodes'],
  recordLabel: 'Referral received',
  units: ({ from, to }) => referralsIn(from, to, sql`EXISTS (SELECT 1 FROM assessments a WHERE a.episode_id = e.id)`),
};

export const FRONT_DOOR: Indicator[] = [contacts, referrals, reReferrals12m, referralsToAssessment];
