import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { CollectionPeriod } from '../engine.ts';
import type { ReturnsSettings } from '../settings.ts';
import { censusEpisodes, type CensusEpisodeRow } from './repository.ts';
import type { CinAssessment, CinChild, CinDetails, CinHeader, CinProtectionPlan, CinReturn, CinSection47 } from './model.ts';
import { addMonths } from '../../../platform/calendar/working-days.ts';

export interface BuildOptions {
  /** Only these children (people ids): one child's census problems on their record while a worker records. */
  personIds?: string[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * The CIN census for the authority's collection period, from Cairn's own records (reference §1.1): every child
 * with a CIN episode (a referral) open at any time in the period, and inside it the work that was open at some
 * point in the period. Work finished before 1 April is left out; anything ending after 31 March is returned as
 * still open, because the census is a picture at its reference date.
 */
export async function buildCinReturn(db: Kysely<Database>, period: CollectionPeriod, settings: ReturnsSettings, options: BuildOptions = {}): Promise<CinReturn> {
  const records = await censusEpisodes(db, period, options.personIds);
  const children: CinChild[] = [];
  const total = records.children.length;
  for (const [done, child] of records.children.entries()) {
    children.push(censusChild(child.person, child.episodes, period));
    if ((done + 1) % 500 === 0) options.onProgress?.(done + 1, total);
  }
  options.onProgress?.(total, total);
  return { Header: censusHeader(period, settings), Children: children };
}

export function censusHeader(period: CollectionPeriod, settings: ReturnsSettings, now: Date = new Date()): CinHeader {
  return {
    Collection: 'CIN',
    Year: String(period.year),
    ReferenceDate: period.end,
    SourceLevel: 'L',
    LEA: settings.laCode,
    SoftwareCode: settings.softwareCode,
    Release: settings.release,
    SerialNo: '001',
    DateTime: now.toISOString().slice(0, 19),
  };
}

/** A date only when it had happened by the census reference date: later events are not yet known to the census. */
const byEnd = (date: string | null | undefined, period: CollectionPeriod) => (date && date <= period.end ? date : null);

type Person = CensusEpisodeRow['person'];

function censusChild(person: Person, episodes: CensusEpisodeRow[], period: CollectionPeriod): CinChild {
  const born = person.dateOfBirth !== null && person.dateOfBirth <= period.end;
  const everyNfa = episodes.every((e) => e.episode.referral_nfa);
  return {
    ChildIdentifiers: {
      LAchildID: person.returnId,
      UPN: person.upn,
      FormerUPN: null,
      UPNunknown: person.upn ? null : upnUnknown(person, born, everyNfa, period),
      PersonBirthDate: born ? person.dateOfBirth : null,
      ExpectedPersonBirthDate: born ? null : (person.expectedDateOfDelivery ?? person.dateOfBirth),
      // An unborn child's sex is U whatever is known later (rule 8750).
      Sex: born ? person.sex : 'U',
      PersonDeathDate: byEnd(person.dateOfDeath, period),
    },
    ChildCharacteristics: { Ethnicity: person.ethnicity, Disabilities: born ? person.disabilities : [] },
    CINdetails: episodes.map((e) => censusEpisode(e, period)),
  };
}

/**
 * Why there is no UPN, where Cairn's record shows it: a child below school age at the reference date has none yet
 * (UN1), and a child whose every referral led to no further action needs none (UN7). Otherwise the reason is not
 * known and the census query (8770Q) asks for the UPN.
 */
function upnUnknown(person: Person, born: boolean, everyNfa: boolean, period: CollectionPeriod): string | null {
  if (everyNfa) return 'UN7';
  if (!born || (person.dateOfBirth && addMonths(person.dateOfBirth, 60) > period.end)) return 'UN1';
  return null;
}

function censusEpisode(row: CensusEpisodeRow, period: CollectionPeriod): CinDetails {
  const e = row.episode;
  const closure = byEnd(e.closure_date, period);
  return {
    CINreferralDate: e.referral_date,
    ReferralSource: e.referral_source,
    PrimaryNeedCode: e.primary_need ?? (needNotYetAssessed(row, closure, period) ? NEED_NOT_STATED : null),
    CINclosureDate: closure,
    ReasonForClosure: closure ? e.closure_reason : null,
    DateOfInitialCPC: byEnd(row.transferInConference, period),
    Assessments: row.assessments.map(
      (a): CinAssessment => {
        const authorised = byEnd(a.authorised_date, period);
        return { AssessmentActualStartDate: a.start_date, AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: authorised, AssessmentFactors: authorised ? a.factors : [] };
      },
    ),
    CINPlanDates: row.cinPlans.map((p) => ({ CINPlanStartDate: p.start_date, CINPlanEndDate: byEnd(p.end_date, period) })),
    Section47: row.section47.map((s): CinSection47 => {
      const icpc = byEnd(s.conference, period);
      const noConference = s.outcome !== null && s.outcome !== 'conference' && byEnd(s.completed_date, period) !== null;
      return { S47ActualStartDate: s.start_date, InitialCPCtarget: s.icpc_target, DateOfInitialCPC: icpc, ICPCnotRequired: noConference };
    }),
    ReferralNFA: e.referral_nfa,
    ChildProtectionPlans: row.cpPlans.map(
      (p): CinProtectionPlan => ({
        CPPstartDate: p.start_date,
        CPPendDate: byEnd(p.end_date, period),
        InitialCategoryOfAbuse: p.initial_category,
        LatestCategoryOfAbuse: latestCategory(p.categories, p.initial_category),
        NumberOfPreviousCPP: p.previous_plans,
        CPPreviewDate: p.reviews,
      }),
    ),
  };
}

/** The census's "not stated" primary need, for an episode whose need is not yet known at the reference date. */
const NEED_NOT_STATED = 'N0';

/**
 * Cairn records the primary need when the assessment is authorised (or work begins without one). An episode still
 * open at the reference date whose assessment is not yet authorised has no need identified yet, which the census
 * codes N0 ("not stated"); any other episode without a need is a gap that rule 8610 reports.
 */
function needNotYetAssessed(row: CensusEpisodeRow, closure: string | null, period: CollectionPeriod): boolean {
  if (row.episode.referral_nfa || closure) return false;
  return !row.assessments.some((a) => byEnd(a.authorised_date, period)) && !row.cinPlans.length && !row.cpPlans.length;
}

/** The plan's categories now, as one census code: MUL when there are several. */
export const latestCategory = (categories: string[], initial: string) => (categories.length > 1 ? 'MUL' : (categories[0] ?? initial));
