import type { CinChild, CinDetails, CinReturn } from './model.ts';

/**
 * Hand-built census returns for tests: a clean return for the 2025 collection (1 April 2024 to 31 March 2025) that
 * passes every rule, built so a test can copy it and break exactly one thing.
 */
export const HEADER_2025: CinReturn['Header'] = {
  Collection: 'CIN',
  Year: '2025',
  ReferenceDate: '2025-03-31',
  SourceLevel: 'L',
  LEA: '873',
  SoftwareCode: 'Cairn',
  Release: '1',
  SerialNo: '001',
  DateTime: '2025-04-02T09:30:00',
};

/** A child referred, assessed, on a CIN plan, then a section 47, a CP plan with a review, closed in the year. */
export function protectedChild(id = 'C0000001'): CinChild {
  return {
    ChildIdentifiers: {
      LAchildID: id,
      UPN: 'M873000000015',
      FormerUPN: null,
      UPNunknown: null,
      PersonBirthDate: '2015-06-01',
      ExpectedPersonBirthDate: null,
      Sex: 'F',
      PersonDeathDate: null,
    },
    ChildCharacteristics: { Ethnicity: 'WBRI', Disabilities: ['LD', 'COMM'] },
    CINdetails: [
      {
        CINreferralDate: '2024-05-01',
        ReferralSource: '2A',
        PrimaryNeedCode: 'N1',
        CINclosureDate: '2025-03-14',
        ReasonForClosure: 'RC7',
        DateOfInitialCPC: null,
        Assessments: [{ AssessmentActualStartDate: '2024-05-01', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: '2024-06-10', AssessmentFactors: ['16A', '4B'] }],
        CINPlanDates: [{ CINPlanStartDate: '2024-06-10', CINPlanEndDate: '2024-09-02' }],
        Section47: [{ S47ActualStartDate: '2024-08-12', InitialCPCtarget: '2024-09-02', DateOfInitialCPC: '2024-09-02', ICPCnotRequired: false }],
        ReferralNFA: false,
        ChildProtectionPlans: [
          { CPPstartDate: '2024-09-02', CPPendDate: '2025-03-14', InitialCategoryOfAbuse: 'NEG', LatestCategoryOfAbuse: 'NEG', NumberOfPreviousCPP: 0, CPPreviewDate: ['2024-11-25', '2025-03-14'] },
        ],
      },
    ],
  };
}

/** A referral that led to no further action, for a child with no UPN. */
export function nfaChild(id = 'C0000002'): CinChild {
  return {
    ChildIdentifiers: { LAchildID: id, UPN: null, FormerUPN: null, UPNunknown: 'UN7', PersonBirthDate: '2012-02-10', ExpectedPersonBirthDate: null, Sex: 'M', PersonDeathDate: null },
    ChildCharacteristics: { Ethnicity: 'AIND', Disabilities: ['NONE'] },
    CINdetails: [nfaEpisode()],
  };
}

export const nfaEpisode = (): CinDetails => ({
  CINreferralDate: '2024-10-07',
  ReferralSource: '6',
  PrimaryNeedCode: null,
  CINclosureDate: '2024-10-07',
  ReasonForClosure: 'RC7',
  DateOfInitialCPC: null,
  Assessments: [],
  CINPlanDates: [],
  Section47: [],
  ReferralNFA: true,
  ChildProtectionPlans: [],
});

/** An unborn child with an assessment still open at the census date. */
export function unbornChild(id = 'C0000003'): CinChild {
  return {
    ChildIdentifiers: { LAchildID: id, UPN: null, FormerUPN: null, UPNunknown: 'UN1', PersonBirthDate: null, ExpectedPersonBirthDate: '2025-05-20', Sex: 'U', PersonDeathDate: null },
    ChildCharacteristics: { Ethnicity: 'NOBT', Disabilities: [] },
    CINdetails: [
      {
        CINreferralDate: '2025-02-17',
        ReferralSource: '3B',
        PrimaryNeedCode: 'N0',
        CINclosureDate: null,
        ReasonForClosure: null,
        DateOfInitialCPC: null,
        Assessments: [{ AssessmentActualStartDate: '2025-02-18', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: null, AssessmentFactors: [] }],
        CINPlanDates: [],
        Section47: [],
        ReferralNFA: false,
        ChildProtectionPlans: [],
      },
    ],
  };
}

/** The clean return: three children, every kind of record, no failures under any rule. */
export function cleanReturn(): CinReturn {
  return { Header: { ...HEADER_2025 }, Children: [protectedChild(), nfaChild(), unbornChild()] };
}
