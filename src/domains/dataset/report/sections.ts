import type { Breakdown } from '../indicators/types.ts';

/**
 * What the annual report shows, section by section, in the order of the board's 2012/13 report (seed 001): each
 * table is one indicator evaluated over the financial year with up to two breakdowns, and each headline figure an
 * indicator's total for the year (with its rate per 10,000 children and target where it has them). Declared here
 * once; build.ts evaluates it and the page, HTML, PDF and workbook all draw from the result.
 */
export interface TableSpec {
  indicator: string;
  breakdowns: Breakdown[];
  title: string;
  /** Its sheet's name in the workbook (Excel allows 31 characters). */
  sheet: string;
  /** Draw the table as a chart beside it: bars for a flow by month, a line for a snapshot or rolling figure. */
  chart?: 'bar' | 'line';
  /** The ethnicity table of the seed: detailed rows under each group's subtotal (see ethnicity.ts). */
  ethnicityGroups?: boolean;
}

export interface FigureSpec {
  indicator: string;
  label: string;
}

export interface SectionSpec {
  id: string;
  title: string;
  /** One sentence on what the section counts, above its figures. */
  summary: string;
  figures: FigureSpec[];
  tables: TableSpec[];
  /** Figures that come from another capability's own summary (Section 11 returns, training), not from indicators. */
  extra?: 'section11' | 'training' | 'board';
}

export const SECTIONS: SectionSpec[] = [
  {
    id: 'early-help',
    title: 'Early help',
    summary: 'Early help assessments (the CAF) registered in the year, and referrals to the multi-agency support groups (MASG).',
    figures: [
      { indicator: 'eh_assessments', label: 'Early help assessments registered' },
      { indicator: 'masg_referrals', label: 'Referrals to multi-agency support groups' },
    ],
    tables: [
      { indicator: 'eh_assessments', breakdowns: ['month'], title: 'Early help assessments by month', sheet: 'EH by month', chart: 'bar' },
      { indicator: 'eh_assessments', breakdowns: ['gender'], title: 'Early help assessments by gender', sheet: 'EH by gender' },
      { indicator: 'eh_assessments', breakdowns: ['age_band'], title: 'Early help assessments by age', sheet: 'EH by age', chart: 'bar' },
      { indicator: 'eh_assessments', breakdowns: ['locality'], title: 'Early help assessments by locality', sheet: 'EH by locality' },
      { indicator: 'eh_assessments', breakdowns: ['agency'], title: 'Who completed the early help assessment', sheet: 'EH by completing agency' },
      { indicator: 'masg_referrals', breakdowns: ['route'], title: 'Multi-agency support group referrals by route', sheet: 'MASG referrals by route' },
      { indicator: 'masg_presenting_issues', breakdowns: ['issue'], title: 'Presenting issues at multi-agency support groups', sheet: 'MASG presenting issues' },
    ],
  },
  {
    id: 'front-door',
    title: 'Contacts, referrals and assessments',
    summary: 'What came to children’s social care’s front door, how much of it was referred and assessed, and children in need at the year end.',
    figures: [
      { indicator: 'contacts', label: 'Contacts' },
      { indicator: 'referrals', label: 'Referrals' },
      { indicator: 're_referrals_12m', label: 'Referrals within 12 months of a previous referral' },
      { indicator: 'assessments_45wd', label: 'Assessments completed within 45 working days' },
      { indicator: 'cin_at_end', label: 'Children in need at the year end' },
    ],
    tables: [
      { indicator: 'contacts', breakdowns: ['quarter'], title: 'Contacts by quarter', sheet: 'Contacts' },
      { indicator: 'referrals', breakdowns: ['quarter'], title: 'Referrals by quarter', sheet: 'Referrals' },
      { indicator: 're_referrals_12m', breakdowns: ['quarter'], title: 'Re-referrals within 12 months by quarter', sheet: 'Re-referrals' },
      { indicator: 'assessments_45wd', breakdowns: ['quarter'], title: 'Assessments within 45 working days by quarter', sheet: 'Assessments in 45 days' },
      { indicator: 'cin_at_end', breakdowns: ['quarter'], title: 'Children in need at each quarter end', sheet: 'Children in need' },
    ],
  },
  {
    id: 'child-protection',
    title: 'Child protection plans',
    summary: 'Children with a child protection plan at the start of the year and at each quarter end, and the plans that started and ended in the year.',
    figures: [
      { indicator: 'cp_plans_at_end', label: 'Children with a child protection plan at the year end' },
      { indicator: 'cp_plans_starting', label: 'Child protection plans starting' },
      { indicator: 'cp_repeat_ever', label: 'Plans starting that were a second or later plan' },
      { indicator: 'cp_plans_ending', label: 'Child protection plans ending' },
      { indicator: 'cp_ended_2y', label: 'Plans ending that had lasted 2 years or more' },
    ],
    tables: [
      { indicator: 'cp_plans_at_end', breakdowns: ['age_band', 'quarter'], title: 'Children with a child protection plan by age', sheet: 'CP plans by age', chart: 'line' },
      { indicator: 'cp_plans_at_end', breakdowns: ['gender', 'quarter'], title: 'Children with a child protection plan by gender', sheet: 'CP plans by gender' },
      { indicator: 'cp_plans_at_end', breakdowns: ['category', 'quarter'], title: 'Category of abuse or neglect that led to the plan', sheet: 'CP plans by category' },
      { indicator: 'cp_plans_at_end', breakdowns: ['ethnicity', 'quarter'], title: 'Children with a child protection plan by ethnicity', sheet: 'CP plans by ethnicity', ethnicityGroups: true },
      { indicator: 'cp_plans_starting', breakdowns: ['month'], title: 'Child protection plans starting by month', sheet: 'CP plans starting', chart: 'bar' },
      { indicator: 'cp_plans_ending', breakdowns: ['month'], title: 'Child protection plans ending by month', sheet: 'CP plans ending' },
    ],
  },
  {
    id: 'children-in-care',
    title: 'Children in care',
    summary: 'Children looked after at each month end, and children coming into care over the 12 months to each month end.',
    figures: [
      { indicator: 'cic_at_end', label: 'Children in care at the year end' },
      { indicator: 'cic_admissions', label: 'Children who came into care in the year' },
    ],
    tables: [
      { indicator: 'cic_at_end', breakdowns: ['month'], title: 'Children in care at each month end', sheet: 'Children in care', chart: 'line' },
      { indicator: 'cic_admissions', breakdowns: ['month'], title: 'Admissions to care, rolling 12 months to each month end', sheet: 'Admissions to care', chart: 'line' },
    ],
  },
  {
    id: 'domestic-abuse',
    title: 'Domestic abuse (MARAC)',
    summary: 'Cases referred to the multi-agency risk assessment conference, repeats within 12 months, and the children in those households.',
    figures: [
      { indicator: 'marac_cases', label: 'Cases referred to MARAC' },
      { indicator: 'marac_repeats', label: 'Repeat cases' },
      { indicator: 'marac_children', label: 'Children in the households' },
    ],
    tables: [{ indicator: 'marac_cases', breakdowns: ['agency'], title: 'MARAC cases by referring agency', sheet: 'MARAC cases by agency' }],
  },
  {
    id: 'missing',
    title: 'Children missing from home and care',
    summary: 'Missing incidents and the children involved, month by month, for all children and for children in care, and how often children went missing.',
    figures: [
      { indicator: 'missing_incidents', label: 'Missing incidents' },
      { indicator: 'missing_children', label: 'Children who went missing' },
    ],
    tables: [
      { indicator: 'missing_incidents', breakdowns: ['month', 'category'], title: 'Missing incidents by month', sheet: 'Missing incidents', chart: 'bar' },
      { indicator: 'missing_children', breakdowns: ['month', 'category'], title: 'Children who went missing by month', sheet: 'Missing children' },
      { indicator: 'missing_children', breakdowns: ['incidents'], title: 'Children by number of missing incidents in the year', sheet: 'Missing repeat incidents' },
      { indicator: 'missing_children', breakdowns: ['incidents', 'category'], title: 'Children by number of missing incidents in the year, in care and at home', sheet: 'Missing repeats by care' },
    ],
  },
  {
    id: 'allegations',
    title: 'Allegations against people who work with children (LADO)',
    summary: 'Allegations referred to the Local Authority Designated Officer, by the agency that referred them and by category.',
    figures: [{ indicator: 'lado_referrals', label: 'Referrals to the LADO' }],
    tables: [
      { indicator: 'lado_referrals', breakdowns: ['agency'], title: 'LADO referrals by agency', sheet: 'LADO referrals by agency' },
      { indicator: 'lado_referrals', breakdowns: ['category'], title: 'LADO referrals by category', sheet: 'LADO referrals by category' },
    ],
  },
  {
    id: 'board',
    title: 'Attendance at board meetings',
    summary: 'How often each partner agency was at the table at the year’s regular board meetings.',
    figures: [],
    tables: [],
    extra: 'board',
  },
  {
    id: 'section11',
    title: 'Section 11 audit',
    summary: 'How the partner agencies rated their own arrangements for safeguarding children in the year’s Section 11 returns.',
    figures: [],
    tables: [],
    extra: 'section11',
  },
  {
    id: 'training',
    title: 'Multi-agency training',
    summary: 'The partnership’s multi-agency training in the year: courses, sessions and who attended.',
    figures: [],
    tables: [],
    extra: 'training',
  },
];

export const SECTION_IDS = SECTIONS.map((s) => s.id);
export const sectionSpec = (id: string): SectionSpec | undefined => SECTIONS.find((s) => s.id === id);

/** A table's id in the report (its anchor on the page): the indicator and its breakdowns. */
export const tableId = (spec: Pick<TableSpec, 'indicator' | 'breakdowns'>) => [spec.indicator, ...spec.breakdowns].join('-');

const SHEETS = new Map(SECTIONS.flatMap((s) => s.tables.map((t) => [tableId(t), t.sheet] as const)));
/** The workbook sheet name of a table, by its id. */
export const sheetNameOf = (id: string): string | undefined => SHEETS.get(id);
