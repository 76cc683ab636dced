import { sql } from 'kysely';
import { PANEL_KINDS } from '../../panels/codes.ts';
import { LOCALITIES } from '../../people/localities.ts';
import { labelled } from './labels-sql.ts';
import type { Indicator } from './types.ts';

/** The partnership's localities by key, as early help cases and MASG panels record them. */
const LOCALITY_NAMES = Object.fromEntries(LOCALITIES.map((l) => [l.key, l.name]));

/** The column the seed's "De-esc" is: assessments of cases stepped down from social care, whoever completed them. */
export const STEP_DOWN_AGENCY = 'Step-down from social care';

export const ehAssessments: Indicator = {
  id: 'eh_assessments',
  title: 'Early help assessments registered',
  definition:
    'Early help assessments (the CAF) registered in the period, on the day they were registered; drafts not yet registered are not counted. Age and gender are the child’s on that day (an unborn child is counted as unborn). The locality is the early help case’s; the agency is the one that completed the assessment, except that every case stepped down from children’s social care counts as a step-down (the "De-esc" column of the annual report).',
  service: 'early-help',
  measure: 'count',
  numerator: 'Early help assessments registered in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'gender', 'age_band', 'locality', 'agency'],
  ageBanding: 'early_help',
  polarity: 'neither',
  ratePer10k: true,
  tables: ['early_help_assessments'],
  recordLabel: 'Early help assessment registered',
  units: ({ from, to }) => sql`
    SELECT a.id::text AS record_id, c.person_id, a.registered_on AS dated, true AS counted,
      CASE WHEN c.source = 'step_down' THEN ${sql.lit(STEP_DOWN_AGENCY)} ELSE ag.name END AS agency,
      ${labelled(sql`c.locality`, LOCALITY_NAMES)} AS locality
    FROM early_help_assessments a
    JOIN early_help_cases c ON c.id = a.case_id
    LEFT JOIN agencies ag ON ag.id = a.completing_agency_id
    WHERE a.status = 'registered' AND a.registered_on BETWEEN ${from} AND ${to}`,
};

const masg = PANEL_KINDS.masg;

export const masgReferrals: Indicator = {
  id: 'masg_referrals',
  title: 'Referrals to the Multi-Agency Support Groups (MASG)',
  definition:
    'Referrals of a child to one of the locality MASG panels, on the day they were referred. The route is how the child came to the panel (a contact not meeting the social care threshold, a step-down after an assessment, or an early help case making little progress); the locality is the panel’s.',
  service: 'early-help',
  measure: 'count',
  numerator: 'MASG referrals in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'route', 'locality', 'age_band', 'gender'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['panel_referrals'],
  recordLabel: 'Referred to a MASG',
  units: ({ from, to }) => sql`
    SELECT r.id::text AS record_id, r.person_id, r.referred_on AS dated, true AS counted,
      ${labelled(sql`r.route`, masg.routes)} AS route, ${labelled(sql`p.locality`, LOCALITY_NAMES)} AS locality
    FROM panel_referrals r JOIN panels p ON p.id = r.panel_id
    WHERE p.kind = 'masg' AND r.referred_on BETWEEN ${from} AND ${to}`,
};

export const masgPresentingIssues: Indicator = {
  id: 'masg_presenting_issues',
  title: 'Presenting issues of MASG referrals',
  definition:
    'The presenting issues named on referrals to the MASG panels in the period: a referral counts once for each different issue it names, so the issues add up to more than the referrals. A referral naming none is not counted here.',
  service: 'early-help',
  measure: 'count',
  numerator: 'Presenting issues named on MASG referrals in the period',
  periodType: 'flow',
  breakdowns: ['issue', 'month', 'quarter', 'locality'],
  polarity: 'neither',
  tables: ['panel_referrals'],
  recordLabel: 'MASG referral naming the issue',
  units: ({ from, to }) => sql`
    SELECT r.id::text AS record_id, r.person_id, r.referred_on AS dated, true AS counted,
      ${labelled(sql`i.issue`, masg.issues)} AS issue, ${labelled(sql`p.locality`, LOCALITY_NAMES)} AS locality
    FROM panel_referrals r JOIN panels p ON p.id = r.panel_id
    CROSS JOIN LATERAL (SELECT DISTINCT unnest(r.presenting_issues) AS issue) i
    WHERE p.kind = 'masg' AND r.referred_on BETWEEN ${from} AND ${to}`,
};

export const EARLY_HELP: Indicator[] = [ehAssessments, masgReferrals, masgPresentingIssues];
