import { CLOSURE_REASONS, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../../../platform/codes/cin.ts';
import { workingDaysBetween } from '../../../../platform/calendar/working-days.ts';
import type { CinDetails } from '../model.ts';
import { episodeLocation } from '../model.ts';
import { type CinRule, before, episodeRule, isDate, isOpen } from './kit.ts';

/** Rules about a CIN episode as a whole: the referral, its need, its closure, and how episodes follow each other. */

/** Every date recorded inside the episode (the closure may not come before any of them: 8565). */
export function activityDates(d: CinDetails): string[] {
  return [
    d.DateOfInitialCPC,
    ...d.Assessments.flatMap((a) => [a.AssessmentActualStartDate, a.AssessmentAuthorisationDate]),
    ...d.CINPlanDates.flatMap((p) => [p.CINPlanStartDate, p.CINPlanEndDate]),
    ...d.Section47.flatMap((s) => [s.S47ActualStartDate, s.DateOfInitialCPC]),
    ...d.ChildProtectionPlans.flatMap((p) => [p.CPPstartDate, p.CPPendDate, ...p.CPPreviewDate]),
  ].filter(isDate);
}

const hasProtectionWork = (d: CinDetails) => d.Section47.length > 0 || d.ChildProtectionPlans.length > 0 || d.DateOfInitialCPC !== null || d.Section47.some((s) => s.DateOfInitialCPC !== null);

export const REFERRAL_RULES: CinRule[] = [
  episodeRule(
    { code: '8600', severity: 'error', message: 'The referral date is missing or is after the census reference date.', fields: ['CINreferralDate'] },
    (d, _c, ctx) => !isDate(d.CINreferralDate) || d.CINreferralDate > ctx.period.end,
  ),
  episodeRule(
    { code: '8866', severity: 'error', message: 'The referral source is missing or is not a census referral source code.', fields: ['ReferralSource'] },
    (d) => isDate(d.CINreferralDate) && d.CINreferralDate >= '2013-04-01' && !(d.ReferralSource && d.ReferralSource in REFERRAL_SOURCES),
  ),
  episodeRule(
    { code: '8568', severity: 'error', message: 'Whether the referral led to no further action (ReferralNFA) must be given as true or false.', fields: ['ReferralNFA'] },
    (d) => d.ReferralNFA === null,
  ),
  episodeRule(
    { code: '8610', severity: 'error', message: 'A primary need code must be recorded for a referral that did not lead to no further action.', fields: ['PrimaryNeedCode'] },
    (d) => d.ReferralNFA === false && !d.PrimaryNeedCode,
  ),
  episodeRule(
    { code: '8650', severity: 'error', message: 'The primary need code is not one of the census codes N0 to N9.', fields: ['PrimaryNeedCode'] },
    (d) => Boolean(d.PrimaryNeedCode) && !(d.PrimaryNeedCode! in PRIMARY_NEEDS),
  ),
  episodeRule(
    { code: '8569Q', severity: 'query', message: 'A referral received before the census year started is marked as no further action: an NFA decision is made within a day of the referral.', fields: ['ReferralNFA'] },
    (d, _c, ctx) => d.ReferralNFA === true && isDate(d.CINreferralDate) && workingDaysBetween(d.CINreferralDate, ctx.period.start) > 1,
  ),
  episodeRule(
    { code: '8555', severity: 'error', message: 'The child is referred after their recorded date of death.', fields: ['CINreferralDate'] },
    (d, c) => before(c.ChildIdentifiers.PersonDeathDate, d.CINreferralDate),
  ),
  episodeRule(
    { code: '8620', severity: 'error', message: 'The episode’s closure date is outside the census year.', fields: ['CINclosureDate'] },
    (d, _c, ctx) => isDate(d.CINclosureDate) && (d.CINclosureDate < ctx.period.start || d.CINclosureDate > ctx.period.end),
  ),
  episodeRule(
    { code: '8630', severity: 'error', message: 'The episode closes before its referral date.', fields: ['CINclosureDate'] },
    (d) => before(d.CINclosureDate, d.CINreferralDate),
  ),
  episodeRule(
    { code: '8805', severity: 'error', message: 'A closed episode must give the reason it closed.', fields: ['ReasonForClosure'] },
    (d) => Boolean(d.CINclosureDate) && !d.ReasonForClosure,
  ),
  episodeRule(
    { code: '8810', severity: 'error', message: 'A reason for closure is given for an episode with no closure date.', fields: ['CINclosureDate'] },
    (d) => Boolean(d.ReasonForClosure) && !d.CINclosureDate,
  ),
  episodeRule(
    { code: '8640', severity: 'error', message: 'The reason for closure is not one of the census codes RC1 to RC9.', fields: ['ReasonForClosure'] },
    (d) => Boolean(d.ReasonForClosure) && !(d.ReasonForClosure! in CLOSURE_REASONS),
  ),
  episodeRule(
    { code: '8565', severity: 'error', message: 'The episode closes before something recorded in it: the closure date must be on or after every date in the episode.', fields: ['CINclosureDate'] },
    (d) => isDate(d.CINclosureDate) && activityDates(d).some((date) => date > d.CINclosureDate!),
  ),
  episodeRule(
    { code: '8585Q', severity: 'query', message: 'The episode closed because the child died, but no date of death is recorded.', fields: ['ReasonForClosure'] },
    (d, c) => d.ReasonForClosure === 'RC2' && !c.ChildIdentifiers.PersonDeathDate,
  ),
  episodeRule(
    { code: '8831', severity: 'error', message: 'A referral that led to no further action cannot have an assessment, a section 47 enquiry or an initial conference.', fields: ['ReferralNFA'] },
    (d) => d.ReferralNFA === true && (d.Assessments.length > 0 || d.Section47.length > 0 || d.DateOfInitialCPC !== null),
  ),
  episodeRule(
    { code: '8832', severity: 'error', message: 'A referral that led to no further action cannot have a child protection plan.', fields: ['ReferralNFA'] },
    (d) => d.ReferralNFA === true && d.ChildProtectionPlans.length > 0,
  ),
  episodeRule(
    { code: '8825Q', severity: 'query', message: 'The episode is closed as “closed after assessment” (RC8 or RC9) but has no assessment.', fields: ['ReasonForClosure'] },
    (d) => (d.ReasonForClosure === 'RC8' || d.ReasonForClosure === 'RC9') && d.Assessments.length === 0,
  ),
  episodeRule(
    { code: '2990', severity: 'error', message: 'An episode closed after assessment (RC8 or RC9) cannot have a section 47, conference, CP plan or CIN plan: choose another reason.', fields: ['ReasonForClosure'] },
    (d) => (d.ReasonForClosure === 'RC8' || d.ReasonForClosure === 'RC9') && (d.CINPlanDates.length > 0 || hasProtectionWork(d)),
  ),
  episodeRule(
    { code: '8867', severity: 'error', message: 'The episode is closed but an assessment in it was never authorised.', fields: ['AssessmentAuthorisationDate'] },
    (d) => Boolean(d.CINclosureDate) && d.Assessments.some((a) => !a.AssessmentAuthorisationDate),
  ),
  episodeRule(
    { code: '8868', severity: 'error', message: 'The episode is closed but a section 47 enquiry in it has neither an initial conference date nor “conference not required”.', fields: ['DateOfInitialCPC', 'ICPCnotRequired'] },
    (d) => Boolean(d.CINclosureDate) && d.Section47.some((s) => !s.DateOfInitialCPC && s.ICPCnotRequired !== true),
  ),
  episodeRule(
    { code: '2884', severity: 'error', message: 'An initial conference is recorded on the episode as well as on a section 47: record it on the section 47 only.', fields: ['DateOfInitialCPC'] },
    (d) => Boolean(d.DateOfInitialCPC) && d.Section47.some((s) => s.DateOfInitialCPC !== null),
  ),
  episodeRule(
    { code: '2991Q', severity: 'query', message: 'The episode has a section 47 enquiry but no assessment.', fields: ['Assessments'] },
    (d) => d.Section47.length > 0 && d.Assessments.length === 0,
  ),
  {
    code: '8815',
    severity: 'error',
    message: 'The child has more than one open episode: close all but the latest.',
    fields: ['CINclosureDate'],
    *check(ret) {
      for (const c of ret.Children) if (c.CINdetails.filter(isOpen).length > 1) yield { child: c.ChildIdentifiers.LAchildID };
    },
  },
  {
    code: '8816',
    severity: 'error',
    message: 'An open episode is not the child’s latest: an open episode must start after every other episode.',
    fields: ['CINreferralDate'],
    *check(ret) {
      for (const c of ret.Children) {
        for (const [i, d] of c.CINdetails.entries()) {
          if (!isOpen(d) || !isDate(d.CINreferralDate)) continue;
          if (c.CINdetails.some((o) => o !== d && isDate(o.CINreferralDate) && o.CINreferralDate > d.CINreferralDate!)) yield { child: c.ChildIdentifiers.LAchildID, location: episodeLocation(i) };
        }
      }
    },
  },
  {
    code: '8820',
    severity: 'error',
    message: 'Two of the child’s episodes overlap: an episode may start on the day the previous one closed, not before.',
    fields: ['CINreferralDate'],
    *check(ret) {
      for (const c of ret.Children) {
        const dated = c.CINdetails.map((d, i) => ({ d, i })).filter(({ d }) => isDate(d.CINreferralDate)).sort((a, b) => a.d.CINreferralDate!.localeCompare(b.d.CINreferralDate!));
        for (let k = 1; k < dated.length; k++) {
          const previous = dated[k - 1]!.d;
          const end = previous.CINclosureDate;
          // An NFA referral is closed the day it arrived, so it never holds a later one back.
          if (previous.ReferralNFA === true && !end) continue;
          if (!end || end > dated[k]!.d.CINreferralDate!) yield { child: c.ChildIdentifiers.LAchildID, location: episodeLocation(dated[k]!.i) };
        }
      }
    },
  },
];
