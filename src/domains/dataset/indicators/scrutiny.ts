/**
 * The eleven key safeguarding indicators councillors scrutinised in January 2010 (seed 004: the Director's report
 * on the Safeguarding Children Board to the scrutiny panel), each mapped to the indicator Cairn works out today.
 *
 * The report names the count ("eleven key safeguarding performance indicators") but not the list, so the list is
 * the 2008 National Indicator set's safeguarding indicators (NI 59/60, 62–68) plus the two local measures the
 * report speaks of, allocated social workers for children on a plan and in care, and the children in care rate it
 * quotes. NI 59 and NI 60 (initial assessments in 7 working days, core assessments in 35) are one item: the single
 * assessment within 45 working days replaced both in 2013. Re-referrals within 12 months, also in the library, was
 * not a national indicator then and the report does not mention it.
 */
export interface ScrutinyItem {
  indicatorId: string;
  /** The old National Indicator number, or "Local" for the partnership's own measures. */
  ni: string;
  label: string;
  /** What the 2010 report said about it. */
  said2010: string;
  /** The 2010 target, where the report gives one. */
  target2010?: number;
}

const GENERAL =
  'Not reported on its own: one of the eleven, of which the report says seven were above statistical neighbours and the national average, one equivalent, and three met local targets.';

export const SCRUTINY_2010: ScrutinyItem[] = [
  {
    indicatorId: 'referrals_to_assessment',
    ni: 'NI 68',
    label: 'Referrals to children’s social care going on to an assessment',
    said2010: 'The number of initial assessments has improved; the July 2009 inspection found the response to referrals “timely, consistent with thresholds and helped keep children safe”.',
  },
  {
    indicatorId: 'assessments_45wd',
    ni: 'NI 59 and NI 60',
    label: 'Assessments completed on time (then initial assessments in 7 working days and core assessments in 35)',
    said2010: 'The timeliness of initial assessments has improved.',
  },
  {
    indicatorId: 'cp_repeat_ever',
    ni: 'NI 65',
    label: 'Children becoming the subject of a child protection plan for a second or later time',
    said2010: 'Re-registration is 10% against a target of 16%, which suggests that intervention is effective.',
    target2010: 16,
  },
  {
    indicatorId: 'cp_ended_2y',
    ni: 'NI 64',
    label: 'Child protection plans lasting 2 years or more',
    said2010: 'There are no children who have been the subject of a plan for more than two years.',
  },
  {
    indicatorId: 'cp_reviews_on_time',
    ni: 'NI 67',
    label: 'Child protection cases reviewed within required timescales',
    said2010: GENERAL,
  },
  {
    indicatorId: 'cp_allocated',
    ni: 'Local',
    label: 'Children on a child protection plan with an allocated qualified social worker',
    said2010: 'All children subject of a child protection plan have an allocated qualified social worker.',
  },
  {
    indicatorId: 'cic_at_end',
    ni: 'Local',
    label: 'Children in care per 10,000 children',
    said2010: 'The number of children in care has fallen and the rate per 10,000 is now 80, still higher than statistical neighbours.',
  },
  {
    indicatorId: 'cic_allocated',
    ni: 'Local',
    label: 'Children in care with an allocated qualified social worker',
    said2010: 'All children in care have an allocated qualified social worker.',
  },
  {
    indicatorId: 'cic_reviews_on_time',
    ni: 'NI 66',
    label: 'Looked-after children’s cases reviewed within required timescales',
    said2010: 'The timeliness of statutory reviews, at 98%, remains consistently above the average target.',
  },
  {
    indicatorId: 'cic_placement_moves',
    ni: 'NI 62',
    label: 'Stability of placements: three or more placements in the year',
    said2010: 'Placements are very stable at 8%, upper quartile performance.',
  },
  {
    indicatorId: 'cic_placement_long',
    ni: 'NI 63',
    label: 'Stability of placements: length of placement',
    said2010: GENERAL,
  },
];
