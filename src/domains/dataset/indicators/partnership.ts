import { type RawBuilder, sql } from 'kysely';
import { CATEGORIES as LADO_CATEGORIES, REFERRING_AGENCIES as LADO_AGENCIES } from '../../lado/labels.ts';
import { REFERRING_AGENCIES as MARAC_AGENCIES } from '../../marac/labels.ts';
import { labelled } from './labels-sql.ts';
import type { Indicator, PeriodSql } from './types.ts';

/**
 * The partnership's panels about adults: the MARAC (victims of domestic abuse at high risk, and the children in
 * their households) and the LADO (allegations about adults who work with children). Their counts are of cases, not
 * of children, so they are not shown per 10,000 children.
 */

function maracCases({ from, to }: PeriodSql, repeatsOnly = false): RawBuilder<unknown> {
  return sql`
    SELECT mc.id::text AS record_id, mc.victim_id AS person_id, mc.referred_on AS dated, true AS counted,
      ${labelled(sql`mc.referring_agency`, MARAC_AGENCIES)} AS agency
    FROM marac_cases mc
    WHERE mc.referred_on BETWEEN ${from} AND ${to}${repeatsOnly ? sql` AND mc.repeat_of IS NOT NULL` : sql``}`;
}

export const maracCasesIndicator: Indicator = {
  id: 'marac_cases',
  title: 'MARAC cases',
  definition:
    'Cases referred to the Multi-Agency Risk Assessment Conference (MARAC) in the period, on the day they were referred: one for each referral of a victim of domestic abuse at high risk. The agency is the one that referred.',
  service: 'partnership',
  measure: 'count',
  numerator: 'Cases referred to the MARAC in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'agency'],
  polarity: 'neither',
  tables: ['marac_cases'],
  recordLabel: 'MARAC case referred',
  units: (period) => maracCases(period),
};

export const maracRepeats: Indicator = {
  id: 'marac_repeats',
  title: 'MARAC repeat cases',
  definition:
    'Cases referred to the MARAC in the period that are repeats: the victim had been referred within the 12 months before (SafeLives’ definition, recorded on the case when it is referred).',
  service: 'partnership',
  measure: 'count',
  numerator: 'Repeat cases referred to the MARAC in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'agency'],
  polarity: 'lower_is_better',
  tables: ['marac_cases'],
  recordLabel: 'MARAC repeat case referred',
  units: (period) => maracCases(period, true),
};

export const maracChildren: Indicator = {
  id: 'marac_children',
  title: 'Children in the households of MARAC cases',
  definition:
    'The children recorded in the households of the cases referred to the MARAC in the period, once for each case (a child whose household is referred twice counts twice, as the annual report adds them up). Age and gender are the child’s on the day the case was referred.',
  service: 'partnership',
  measure: 'count',
  numerator: 'Children in the households of MARAC cases referred in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender'],
  polarity: 'neither',
  tables: ['marac_cases'],
  recordLabel: 'Child in the household of a MARAC case',
  units: ({ from, to }) => sql`
    SELECT mc.id::text AS record_id, ch.person_id, mc.referred_on AS dated, true AS counted
    FROM marac_cases mc JOIN marac_case_children ch ON ch.case_id = mc.id
    WHERE mc.referred_on BETWEEN ${from} AND ${to}`,
};

function ladoCases({ from, to }: PeriodSql, decision: 'meeting' | 'advice_only'): RawBuilder<unknown> {
  return sql`
    SELECT lc.id::text AS record_id, lc.adult_id AS person_id, lc.received_on AS dated, true AS counted,
      ${labelled(sql`lc.referring_agency`, LADO_AGENCIES)} AS agency, ${labelled(sql`lc.category`, LADO_CATEGORIES)} AS category
    FROM lado_cases lc
    WHERE lc.received_on BETWEEN ${from} AND ${to} AND lc.decision = ${sql.lit(decision)}`;
}

export const ladoReferrals: Indicator = {
  id: 'lado_referrals',
  title: 'Allegations referred to the LADO',
  definition:
    'Allegations about an adult who works with children, received by the Local Authority Designated Officer in the period, that met the threshold for an allegation management meeting (the annual report’s "allegations referred to the LADO"). Concerns given advice only, and those still awaiting the LADO’s decision, are not counted. The agency is the one that referred; the category is the kind of harm alleged.',
  service: 'partnership',
  measure: 'count',
  numerator: 'Allegations received in the period that went to a meeting',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'agency', 'category'],
  polarity: 'neither',
  tables: ['lado_cases'],
  recordLabel: 'Allegation referred to the LADO',
  units: (period) => ladoCases(period, 'meeting'),
};

export const ladoAdvice: Indicator = {
  id: 'lado_advice',
  title: 'Concerns discussed with the LADO, advice only',
  definition:
    'Concerns about an adult who works with children, received by the LADO in the period, that did not meet the threshold for a meeting and were given advice only.',
  service: 'partnership',
  measure: 'count',
  numerator: 'Concerns received in the period given advice only',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'agency', 'category'],
  polarity: 'neither',
  tables: ['lado_cases'],
  recordLabel: 'Concern discussed with the LADO',
  units: (period) => ladoCases(period, 'advice_only'),
};

export const PARTNERSHIP: Indicator[] = [maracCasesIndicator, maracRepeats, maracChildren, ladoReferrals, ladoAdvice];
