import { ASSESSMENT_FACTORS, NO_FACTORS } from '../../../../platform/codes/cin.ts';
import { workingDaysBetween } from '../../../../platform/calendar/working-days.ts';
import { type CinRule, before, episodeRule, isDate, itemRule, overlap, pairs } from './kit.ts';

/** Rules about child and family assessments and the factors found at their end. */


export const ASSESSMENT_RULES: CinRule[] = [
  itemRule(
    { code: '1103', severity: 'error', message: 'The assessment starts before the referral date.', fields: ['AssessmentActualStartDate'] },
    'Assessments',
    (a, d) => before(a.AssessmentActualStartDate, d.CINreferralDate),
  ),
  itemRule(
    { code: '8608', severity: 'error', message: 'The assessment is authorised before it started.', fields: ['AssessmentAuthorisationDate'] },
    'Assessments',
    (a) => before(a.AssessmentAuthorisationDate, a.AssessmentActualStartDate),
  ),
  itemRule(
    { code: '8696', severity: 'error', message: 'The assessment’s authorisation date is outside the census year.', fields: ['AssessmentAuthorisationDate'] },
    'Assessments',
    (a, _d, _c, ctx) => isDate(a.AssessmentAuthorisationDate) && (a.AssessmentAuthorisationDate < ctx.period.start || a.AssessmentAuthorisationDate > ctx.period.end),
  ),
  itemRule(
    { code: '8614', severity: 'error', message: 'Assessment factors are recorded for an assessment that has not been authorised: factors are known only at its end.', fields: ['AssessmentFactors'] },
    'Assessments',
    (a) => !a.AssessmentAuthorisationDate && a.AssessmentFactors.length > 0,
  ),
  itemRule(
    { code: '8617', severity: 'error', message: 'Factor 8A is not a census code: a privately fostered child is recorded as 8B to 8F.', fields: ['AssessmentFactors'] },
    'Assessments',
    (a) => a.AssessmentFactors.includes('8A'),
  ),
  itemRule(
    { code: '8897Q', severity: 'query', message: 'An assessment authorised in the census year has no factors: record what the assessment found (21 if nothing).', fields: ['AssessmentFactors'] },
    'Assessments',
    (a, _d, _c, ctx) => isDate(a.AssessmentAuthorisationDate) && a.AssessmentAuthorisationDate >= ctx.period.start && !a.AssessmentFactors.some((f) => f in ASSESSMENT_FACTORS),
  ),
  itemRule(
    { code: '8869', severity: 'error', message: 'Factor 21 (no factors identified) cannot be recorded with any other factor.', fields: ['AssessmentFactors'] },
    'Assessments',
    (a) => a.AssessmentFactors.includes(NO_FACTORS) && a.AssessmentFactors.length > 1,
  ),
  itemRule(
    { code: '8898', severity: 'error', message: 'The same factor is recorded twice for one assessment.', fields: ['AssessmentFactors'] },
    'Assessments',
    (a) => new Set(a.AssessmentFactors).size !== a.AssessmentFactors.length,
  ),
  itemRule(
    { code: '8945Q', severity: 'query', message: 'Factor 18A is no longer used: record physical abuse as 18B (by another child) or 18C (by an adult).', fields: ['AssessmentFactors'], years: { from: 2025 } },
    'Assessments',
    (a) => a.AssessmentFactors.includes('18A'),
  ),
  itemRule(
    { code: '8950Q', severity: 'query', message: 'Factor 19A is no longer used: record sexual abuse as 19B (by another child) or 19C (by an adult).', fields: ['AssessmentFactors'], years: { from: 2025 } },
    'Assessments',
    (a) => a.AssessmentFactors.includes('19A'),
  ),
  itemRule(
    { code: '8736', severity: 'error', message: 'An assessment still open at the end of the census year must have started in the census year.', fields: ['AssessmentActualStartDate'] },
    'Assessments',
    (a, _d, _c, ctx) => !a.AssessmentAuthorisationDate && isDate(a.AssessmentActualStartDate) && a.AssessmentActualStartDate < ctx.period.start,
  ),
  itemRule(
    { code: '8670Q', severity: 'query', message: 'An assessment still open at the end of the census year started more than 45 working days before it: check whether it was authorised.', fields: ['AssessmentActualStartDate'] },
    'Assessments',
    (a, _d, _c, ctx) => !a.AssessmentAuthorisationDate && isDate(a.AssessmentActualStartDate) && workingDaysBetween(a.AssessmentActualStartDate, ctx.period.end) > 45,
  ),
  episodeRule(
    { code: '8896', severity: 'error', message: 'The episode has more than one assessment not yet authorised.', fields: ['AssessmentAuthorisationDate'] },
    (d) => d.Assessments.filter((a) => !a.AssessmentAuthorisationDate).length > 1,
  ),
  episodeRule(
    { code: '8863Q', severity: 'query', message: 'Two assessments in the episode overlap: one starts while another is still open.', fields: ['AssessmentActualStartDate'] },
    (d) => [...pairs(d.Assessments)].some(([a, b]) => overlap(a.AssessmentActualStartDate, a.AssessmentAuthorisationDate, b.AssessmentActualStartDate, b.AssessmentAuthorisationDate)),
  ),
];
